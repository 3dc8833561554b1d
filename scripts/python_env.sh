#!/usr/bin/env bash
# Creates (once) the virtualenv .venv-torch with PyTorch and Hugging Face libraries from PyPI, for the
# side-by-side benchmarks and the fixture script. Prints the path of its python.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-torch"
if [ ! -x "$venv/bin/python" ] || ! "$venv/bin/python" -c "import torch, transformers, safetensors, tokenizers, peft, tensorboard, trl" 2>/dev/null; then
    "$root/scripts/setup.sh" >&2
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q --upgrade pip >&2
    "$venv/bin/pip" install -q torch transformers safetensors tokenizers peft tensorboard trl datasets numpy >&2
fi
echo "$venv/bin/python"
