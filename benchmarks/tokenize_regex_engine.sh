#!/usr/bin/env bash
# Tokenisation throughput through the hand-written GPT-2 split matcher and through the general regex
# engine on the same regex, in one run on the same text and the same real GPT-2 vocabulary. The
# engine's copy wraps the regex in (?:...), which the hand matchers do not recognise; both must give
# the same ids. Usage: benchmarks/tokenize_regex_engine.sh [TEXT_FILE]   (default: 2 MB of Python stdlib)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fixtures_venv.sh tokenizers
PY=.venv-fixtures/bin/python
WORK=.build/bench-tokenize
mkdir -p "$WORK"
HAND="$WORK/gpt2-tokenizer.json"
ENGINE="$WORK/gpt2-engine-tokenizer.json"
[ -s "$HAND" ] || "$PY" scripts/make_fixtures.py gpt2-full > "$HAND"
"$PY" - "$HAND" "$ENGINE" <<'PYEOF'
import json, sys
spec = json.load(open(sys.argv[1], encoding="utf-8"))
gpt2 = r"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"
spec["pre_tokenizer"] = {"type": "Sequence", "pretokenizers": [
    {"type": "Split", "pattern": {"Regex": "(?:" + gpt2 + ")"}, "behavior": "Isolated", "invert": False},
    dict(spec["pre_tokenizer"], use_regex=False)]}
json.dump(spec, open(sys.argv[2], "w", encoding="utf-8"), ensure_ascii=False)
PYEOF
TEXT="${1:-$WORK/text.txt}"
[ -n "${1:-}" ] || [ -s "$TEXT" ] || "$PY" scripts/make_fixtures.py bench-text "$TEXT"
swift build -c release --product grpo 2>&1 | grep -E "error|warning: unre" || true
# figures TOKENIZER [--pre-tokenizer-only]: MB/s and tokens (or pieces) per second, best of 5 passes.
figures() {
    .build/release/grpo bench tokenize --tokenizer "$1" --text "$TEXT" --repeats 5 --json ${2:-} | "$PY" -c "
import json, sys
r = json.load(sys.stdin); unit = 'pieces' if 'pieces' in r else 'tokens'; seconds = r['bytes'] / r['mb_s'] / 1e6
print(f\"{r['mb_s']:.2f} MB/s, {r[unit] / seconds / 1e6:.2f} M {unit}/s\")"
}
echo "text: $TEXT ($(wc -c < "$TEXT") bytes), tokenizer: GPT-2 (50257 tokens)"
echo "encode, hand matcher:          $(figures "$HAND")"
echo "encode, regex engine:          $(figures "$ENGINE")"
echo "pre-tokenizer, hand matcher:   $(figures "$HAND" --pre-tokenizer-only)"
echo "pre-tokenizer, regex engine:   $(figures "$ENGINE" --pre-tokenizer-only)"
.build/release/grpo tokenize --tokenizer "$HAND" < "$TEXT" > "$WORK/ids-hand.jsonl"
.build/release/grpo tokenize --tokenizer "$ENGINE" < "$TEXT" > "$WORK/ids-engine.jsonl"
if cmp -s "$WORK/ids-hand.jsonl" "$WORK/ids-engine.jsonl"; then echo "same ids: yes"; else echo "same ids: NO"; exit 1; fi
