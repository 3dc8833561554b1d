#!/usr/bin/env bash
# One GRPO step (8 prompts × 8 completions, up to 64 new tokens, a cheap reward) of the tiny and small
# shapes: SwiftGRPO and TRL's GRPOTrainer on the same machine and threads, one after the other; prints
# seconds per step of each and the ratio. Usage: benchmarks/grpo_step_vs_trl.sh [threads=2]
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-2}"
python="$(scripts/python_env.sh)"
make -s build >/dev/null
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
ours="$(.build/release/grpo bench grpo --json --threads "$threads")"
for shape in tiny small; do
    .build/release/grpo init-model --config "$shape" --char-tokenizer --out "$work/$shape" >/dev/null
    "$python" benchmarks/grpo_step_trl.py "$work/$shape" "$shape" "$threads" 2>/dev/null | tail -1 >> "$work/trl.jsonl"
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
