#!/usr/bin/env bash
# Regenerates the small GGUF fixtures under Tests/ModelsTests/Fixtures/gguf with the gguf package (PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
python="$(scripts/gguf_venv.sh)"
"$python" scripts/make_gguf_fixtures.py Tests/ModelsTests/Fixtures
