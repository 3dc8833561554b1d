#!/usr/bin/env bash
# One GRPO step (8 prompts × 8 completions, up to 64 new tokens, a cheap reward) of the tiny and small
# shapes: SwiftGRPO and TRL's GRPOTrainer on the same machine and threads, one after the other; prints
# seconds per step of each and the ratio. MODEL_DIR=DIR adds a real model (its weights and tokenizer, e.g.
# SmolLM2-135M imported by `grpo convert --from-gguf`). Usage: [MODEL_DIR=DIR] benchmarks/grpo_step_vs_trl.sh [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-2}"
python="$(scripts/python_env.sh)"
make -s build >/dev/null
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
models=(tiny small)
[ -n "${MODEL_DIR:-}" ] && models+=("$(cd "$MODEL_DIR" && pwd)")
args=(); for m in "${models[@]}"; do args+=(--models "$m"); done
ours="$(.build/release/grpo bench grpo --json --threads "$threads" "${args[@]}")"
for shape in "${models[@]}"; do
    if [ -d "$shape" ]; then dir="$shape"; else
        dir="$work/$shape"
        .build/release/grpo init-model --config "$shape" --char-tokenizer --out "$dir" >/dev/null
    fi
    "$python" benchmarks/grpo_step_trl.py "$dir" "$(basename "$shape")" "$threads" 2>/dev/null | tail -1 >> "$work/trl.jsonl"
done
"$python" - "$ours" "$work/trl.jsonl" <<'PY'
import json, sys
ours = {r["name"]: r for r in json.loads(sys.argv[1])}
print(f"{'shape':6} {'SwiftGRPO s/step':>17} {'(gen / train)':>15} {'TRL s/step':>11} {'speed-up':>9}")
for line in open(sys.argv[2]):
    t = json.loads(line); o = ours[t["name"]]
    print(f"{t['name']:6} {o['secondsPerStep']:17.2f} {o['generationSeconds']:7.2f} / {o['trainingSeconds']:5.2f} "
          f"{t['secondsPerStep']:11.2f} {t['secondsPerStep'] / o['secondsPerStep']:8.2f}x")
PY
