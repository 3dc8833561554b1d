#!/usr/bin/env bash
# Tokenisation throughput, ours next to the Hugging Face `tokenizers` library, in one run on the same
# text and the same real GPT-2 vocabulary, one encode call per line, one thread, best of 3 passes.
# Usage: benchmarks/tokenize_throughput.sh [TEXT_FILE]   (default: 2 MB of the Python standard library)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fixtures_venv.sh tokenizers
PY=.venv-fixtures/bin/python
WORK=.build/bench-tokenize
mkdir -p "$WORK"
TOKENIZER="$WORK/gpt2-tokenizer.json"
[ -s "$TOKENIZER" ] || "$PY" scripts/make_fixtures.py gpt2-full > "$TOKENIZER"
TEXT="${1:-$WORK/text.txt}"
[ -n "${1:-}" ] || [ -s "$TEXT" ] || "$PY" scripts/make_fixtures.py bench-text "$TEXT"
swift build -c release --product grpo 2>&1 | grep -E "error|warning: unre" || true
ours=$(.build/release/grpo bench tokenize --tokenizer "$TOKENIZER" --text "$TEXT" --repeats 3 --json)
theirs=$(RAYON_NUM_THREADS=1 "$PY" scripts/make_fixtures.py bench-tokenize "$TOKENIZER" "$TEXT" 3)
ours_mbps=$("$PY" -c "import json,sys; print(round(json.loads(sys.argv[1])['mb_s'], 2))" "$ours")
echo "text: $TEXT ($(wc -c < "$TEXT") bytes), tokenizer: GPT-2 (50257 tokens)"
echo "SwiftGRPO Tokenizers: $ours_mbps MB/s"
echo "HF tokenizers $("$PY" -c 'import tokenizers; print(tokenizers.__version__)'): $theirs MB/s"
echo "ratio (ours / tokenizers): $("$PY" -c "print(round($ours_mbps / $theirs, 2))")x"
.build/release/grpo tokenize --tokenizer "$TOKENIZER" < "$TEXT" > "$WORK/ids.jsonl"
echo "same ids as tokenizers: $("$PY" scripts/make_fixtures.py check-ids "$TOKENIZER" "$TEXT" "$WORK/ids.jsonl")"
