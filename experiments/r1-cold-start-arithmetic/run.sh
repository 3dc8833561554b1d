#!/usr/bin/env bash
# The experiment in order: the smoke pipeline, then the cold start (300 worked traces of training
# questions, SFT of the R1-Zero base on them), GRPO from it with r1-zero-arithmetic's budget, the held-out
# evaluation of both stages, and the plot against r1-zero-arithmetic (which run.sh there makes).
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s build
grpo=.build/release/grpo
mkdir -p runs
$grpo data cold-start --task arithmetic --n 32 --seed 1 --out runs/r1-cold-start-arithmetic-smoke-traces.jsonl
$grpo sft experiments/r1-cold-start-arithmetic/smoke-sft.yaml --out runs/r1-cold-start-arithmetic-smoke-sft --force
$grpo train experiments/r1-cold-start-arithmetic/smoke.yaml --out runs/r1-cold-start-arithmetic-smoke --force
$grpo data cold-start --task arithmetic --n 300 --seed 1 --out runs/r1-cold-start-arithmetic-traces.jsonl
$grpo sft experiments/r1-cold-start-arithmetic/sft.yaml --out runs/r1-cold-start-arithmetic-sft --force
$grpo train experiments/r1-cold-start-arithmetic/recipe.yaml --out runs/r1-cold-start-arithmetic --force
for model in runs/r1-cold-start-arithmetic-sft/final runs/r1-cold-start-arithmetic/final; do
    $grpo eval --model "$model" --task arithmetic --split test --n 8 --k 1,8 --json
done
$grpo logs report runs/r1-cold-start-arithmetic
