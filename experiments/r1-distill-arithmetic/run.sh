#!/usr/bin/env bash
# The experiment in order: the smoke pipeline; distillation from the R1-Zero-trained model (run
# r1-zero-arithmetic/run.sh first: it writes the teacher) with the student's SFT; GRPO from the student;
# the held-out evaluation; and the plot of the three routes (needs r1-cold-start-arithmetic/run.sh too).
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s build
grpo=.build/release/grpo
$grpo distill experiments/r1-distill-arithmetic/smoke-distill.yaml --out runs/r1-distill-arithmetic-smoke --force
$grpo train experiments/r1-distill-arithmetic/smoke.yaml --out runs/r1-distill-arithmetic-smoke-rl --force
$grpo distill experiments/r1-distill-arithmetic/distill.yaml --out runs/r1-distill-arithmetic --force
$grpo train experiments/r1-distill-arithmetic/recipe.yaml --out runs/r1-distill-arithmetic-rl --force
for model in runs/r1-distill-arithmetic/student/final runs/r1-distill-arithmetic-rl/final; do
    $grpo eval --model "$model" --task arithmetic --split test --n 8 --k 1,8 --json
done
# The small student (micro, a quarter of the teacher's compute per token): RL on it, and distillation into it.
[[ "${REMAKE_BASE:-0}" == 1 ]] && $grpo pretrain experiments/r1-distill-arithmetic/pretrain-student.yaml --out runs/base-arithmetic-micro
$grpo train experiments/r1-distill-arithmetic/student-rl.yaml --out runs/r1-distill-arithmetic-student-rl --force
$grpo distill experiments/r1-distill-arithmetic/distill-micro.yaml --out runs/r1-distill-arithmetic-micro --force
$grpo train experiments/r1-distill-arithmetic/recipe-micro.yaml --out runs/r1-distill-arithmetic-micro-rl --force
for model in experiments/r1-distill-arithmetic/student-base runs/r1-distill-arithmetic-student-rl/final \
             runs/r1-distill-arithmetic-micro/student/final runs/r1-distill-arithmetic-micro-rl/final; do
    $grpo eval --model "$model" --task arithmetic --split test --n 8 --k 1,8 --json
done
$grpo logs compare --metric eval/pass@1 --target 0.9 --out experiments/r1-distill-arithmetic/curves/routes-micro.svg \
    --route "RL on the small student=runs/r1-distill-arithmetic-student-rl" \
    --route "distill + RL=runs/r1-distill-arithmetic-micro,runs/r1-distill-arithmetic-micro/student,runs/r1-distill-arithmetic-micro-rl"
$grpo logs compare --metric eval/pass@1 --target 0.85 --out experiments/r1-distill-arithmetic/curves/routes.svg \
    --route "R1-Zero (RL only)=runs/r1-zero-arithmetic" \
    --route "cold start + RL=runs/r1-cold-start-arithmetic-sft,runs/r1-cold-start-arithmetic" \
    --route "distill + RL=runs/r1-distill-arithmetic,runs/r1-distill-arithmetic/student,runs/r1-distill-arithmetic-rl"
