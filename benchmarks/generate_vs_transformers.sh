#!/usr/bin/env bash
# Generation (prompt 32, 128 new tokens, temperature 1) of the tiny and small shapes at batch 8 and 64:
# SwiftGRPO's engine and transformers' generate on the same randomly initialised model, same threads,
# one after the other in one run; prints both and their ratio.
# MODEL_DIR=DIR adds a real model's shape at batch 1, 8 and 64 (e.g. SmolLM2-135M from `grpo convert --from-gguf`).
# Usage: [MODEL_DIR=DIR] benchmarks/generate_vs_transformers.sh [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-2}"
python="$(scripts/python_env.sh)"
make -s build >/dev/null
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
ours="$(.build/release/grpo bench generate --json --threads "$threads")"
for shape in tiny small; do
    .build/release/grpo init-model --config "$shape" --out "$work/$shape" >/dev/null
    "$python" benchmarks/generate_transformers.py "$work/$shape" "$shape" "$threads" 8 64 >> "$work/theirs.jsonl"
done
if [ -n "${MODEL_DIR:-}" ]; then
    name="$(basename "$MODEL_DIR")"
    cp "$MODEL_DIR/config.json" "$work/$name.json"
    # The same shape with random weights on our side (the benchmark makes its own), the real weights on theirs.
    extra="$(.build/release/grpo bench generate --json --threads "$threads" --models "$work/$name.json" --batches 1 --batches 8 --batches 64)"
    ours="$("$python" -c 'import json,sys; a=json.loads(sys.argv[1]); b=json.loads(sys.argv[2]); a["generate"]+=b["generate"]; print(json.dumps(a))' "$ours" "$extra")"
    "$python" benchmarks/generate_transformers.py "$MODEL_DIR" "$name" "$threads" 1 8 64 >> "$work/theirs.jsonl"
fi
"$python" - "$ours" "$work/theirs.jsonl" <<'PY'
import json, sys
report = json.loads(sys.argv[1])
print(f"OpenBLAS core {report['blasCore']}, decode kernel {report['decodeKernel']}, threads {report['threads']}")
ours = {(r["name"], r["batch"]): r for r in report["generate"]}
theirs = [json.loads(line) for line in open(sys.argv[2])]
print(f"{'shape':6} {'batch':>5} {'SwiftGRPO tok/s':>16} {'transformers tok/s':>19} {'ratio':>6}")
for t in theirs:
    o = ours[(t["name"], t["batch"])]
    print(f"{t['name']:6} {t['batch']:5d} {o['tokensPerSecond']:16.0f} {t['tokensPerSecond']:19.0f} {o['tokensPerSecond'] / t['tokensPerSecond']:6.2f}")
PY
