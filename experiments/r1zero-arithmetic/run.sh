#!/usr/bin/env bash
# The experiment in order: smoke run, full run, then the report.
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s build
.build/release/grpo train experiments/r1zero-arithmetic/smoke.yaml --force
.build/release/grpo train experiments/r1zero-arithmetic/recipe.yaml --force
.build/release/grpo logs summary runs/r1zero-arithmetic
.build/release/grpo logs report runs/r1zero-arithmetic
