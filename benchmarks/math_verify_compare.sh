#!/usr/bin/env bash
# Our math_answer checker against math-verify (PyPI) on the hand-judged corpora under
# Tests/RewardsTests/Fixtures (math_corpus.jsonl by default, CORPUS=math_hard_corpus.jsonl for the second):
# agreement with the human verdicts per category, and throughput, in one run. Cost: ~1 minute per corpus on
# 2 cores (math-verify's sympy timeouts dominate). Usage: [CORPUS=FILE] benchmarks/math_verify_compare.sh [--repeat N]
set -euo pipefail
cd "$(dirname "$0")/.."
venv=benchmarks/.venv-mathverify
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import math_verify" 2>/dev/null || "$venv/bin/pip" install -q "math-verify==0.9.0"
swift build -c release --product grpo >/dev/null
"$venv/bin/python" -W ignore benchmarks/math_verify_compare.py .build/release/grpo "Tests/RewardsTests/Fixtures/${CORPUS:-math_corpus.jsonl}" "$@"
