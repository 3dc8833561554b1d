#!/usr/bin/env bash
# The experiment in order: smoke run, the full run (what `grpo train` runs with no recipe), then the base →
# trained comparison on the held-out test split. Remaking the base model (pretrain.yaml) is optional.
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s build
grpo=.build/release/grpo
[[ "${REMAKE_BASE:-0}" == 1 ]] && $grpo pretrain experiments/r1-zero-arithmetic/pretrain.yaml --out runs/base-arithmetic
$grpo train experiments/r1-zero-arithmetic/smoke.yaml --out runs/r1-zero-arithmetic-smoke --force
$grpo train experiments/r1-zero-arithmetic/recipe.yaml --out runs/r1-zero-arithmetic --force
for model in experiments/r1-zero-arithmetic/base runs/r1-zero-arithmetic/final; do
    $grpo eval --model "$model" --task arithmetic --split test --n 8 --k 1,8 --json
done
$grpo logs report runs/r1-zero-arithmetic
