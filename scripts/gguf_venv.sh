#!/usr/bin/env bash
# Creates (once) .venv-gguf from PyPI with the GGUF reference libraries: gguf (ggml's own reader, writer
# and numpy dequantisers), transformers + torch + accelerate (which load GGUF files), and, for group `llama`,
# llama-cpp-python (built from source with cmake, ~10 minutes on 2 cores). Prints the path of its python.
# Usage: scripts/gguf_venv.sh [llama]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-gguf"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import gguf, torch, transformers, numpy, accelerate" 2>/dev/null; then
    "$root/scripts/setup.sh" >&2
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q --upgrade pip >&2
    "$venv/bin/pip" install -q "gguf==0.19.0" "numpy" "sentencepiece" "torch" "transformers" "accelerate" >&2
fi
if [ "${1:-}" = llama ] && ! "$venv/bin/python" -c "import llama_cpp" 2>/dev/null; then
    "$venv/bin/pip" install -q "cmake" "scikit-build-core" >&2
    "$venv/bin/pip" install -q "llama-cpp-python==0.3.36" >&2
fi
echo "$venv/bin/python"
