#!/usr/bin/env bash
# Regenerates the model fixtures under Tests/ModelsTests/Fixtures with transformers (from PyPI).
set -euo pipefail
cd "$(dirname "$0")/.."
python="$(scripts/python_env.sh)"
"$python" scripts/make_model_fixtures.py Tests/ModelsTests/Fixtures
"$python" scripts/make_trl_loss_fixtures.py Tests/ModelsTests/Fixtures/qwen2-tiny Tests/TrainingTests/Fixtures/trl_loss.json
