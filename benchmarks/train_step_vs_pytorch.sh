#!/usr/bin/env bash
# Training step (forward + backward + AdamW) of the tiny and small shapes: SwiftGRPO and PyTorch on the
# same machine, same threads, one after the other in one run; prints both and their ratio.
# Usage: benchmarks/train_step_vs_pytorch.sh [threads=2] [steps=5]
set -euo pipefail
cd "$(dirname "$0")/.."
threads="${1:-2}"; steps="${2:-5}"
python="$(scripts/python_env.sh)"
make -s build >/dev/null
configs="$(mktemp -d)"; trap 'rm -rf "$configs"' EXIT
for shape in tiny small; do .build/release/grpo init-model --config "$shape" --out "$configs/$shape" >/dev/null; done
ours="$(.build/release/grpo bench autograd --json --threads "$threads" --steps "$steps")"
theirs="$("$python" benchmarks/train_step_pytorch.py "$configs" "$threads" "$steps")"
"$python" - "$ours" "$theirs" <<'PY'
import json, sys
ours, theirs = json.loads(sys.argv[1]), json.loads(sys.argv[2])
print(f"OpenBLAS core {ours['blasCore']} ({ours['blasCoreSource']}), PyTorch {theirs['torch']}, threads {ours['threads']}")
print(f"{'shape':8} {'SwiftGRPO tok/s':>16} {'PyTorch tok/s':>14} {'ratio':>6} {'sgemm share':>12} {'step GFLOP/s / sgemm GFLOP/s':>30}")
for r in ours["trainStep"]:
    t = theirs[r["name"]]
    print(f"{r['name']:8} {r['tokensPerSecond']:16.0f} {t['tokens_per_second']:14.0f} "
          f"{r['tokensPerSecond'] / t['tokens_per_second']:6.2f} {100 * r['sgemmFraction']:11.1f}% "
          f"{r['stepGFLOPS']:12.1f} / {r['sgemmGFLOPSAtStepShapes']:.1f} = {100 * r['stepGFLOPS'] / r['sgemmGFLOPSAtStepShapes']:.0f}%")
PY
