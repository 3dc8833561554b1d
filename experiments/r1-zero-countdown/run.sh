#!/usr/bin/env bash
# The experiment in order: smoke run, the full run (pure GRPO from the committed base model), then the base →
# trained comparison on the held-out test split. REMAKE_BASE=1 first remakes both committed base stages in place.
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s build
grpo=.build/release/grpo
if [[ "${REMAKE_BASE:-0}" == 1 ]]; then
    $grpo pretrain experiments/r1-zero-countdown/pretrain.yaml --out experiments/r1-zero-countdown/base-stage1
    $grpo pretrain experiments/r1-zero-countdown/pretrain-continue.yaml --out experiments/r1-zero-countdown/base
fi
$grpo train experiments/r1-zero-countdown/smoke.yaml --out runs/r1-zero-countdown-smoke --force
$grpo train experiments/r1-zero-countdown/recipe.yaml --out runs/r1-zero-countdown --force
for model in experiments/r1-zero-countdown/base runs/r1-zero-countdown/final; do
    $grpo eval --model "$model" --task countdown --numbers 3 --max-number 15 --operations "+-" \
        --max-new-tokens 320 --split test --n 8 --k 1,8 --json
done
$grpo logs report runs/r1-zero-countdown
