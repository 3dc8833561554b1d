#!/usr/bin/env bash
# Makes the test fixtures with the reference Python libraries. Usage: scripts/make_fixtures.sh tokenizers|regex
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fixtures_venv.sh "$@"
exec .venv-fixtures/bin/python scripts/make_fixtures.py "$@"
