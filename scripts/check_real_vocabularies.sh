#!/usr/bin/env bash
# Checks our BPE on the real GPT-2, Llama-3, Qwen2 and StarCoder (SmolLM-style) vocabularies against the
# `tokenizers` library, and times both. The hub is out of reach, so the vocabularies come from the
# llama.cpp test files inside the llama-cpp-python source package on PyPI (about 50 MB, fetched once);
# each becomes a tokenizer.json with its family's exact normalizer, pre-tokenizer and post-processor.
# Lines checked: llama.cpp's tokenizer test inputs, 2 MB of Python source and 20,000 random lines.
# Usage: scripts/check_real_vocabularies.sh   (about 2 minutes on 2 cores)
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/fixtures_venv.sh tokenizers real-vocab
PY=.venv-fixtures/bin/python
WORK=.build/real-vocab
mkdir -p "$WORK"
SDIST="$WORK/llama_cpp_python-0.3.16.tar.gz"
if [ ! -s "$SDIST" ]; then
    PATH="$PWD/.venv-fixtures/bin:$PATH" .venv-fixtures/bin/pip download -q --no-deps --no-build-isolation \
        --no-binary :all: "llama-cpp-python==0.3.16" -d "$WORK"
fi
FAMILIES="gpt-2 llama-bpe qwen2 starcoder"
for family in $FAMILIES; do
    [ -s "$WORK/ggml-vocab-$family.gguf" ] || tar xzf "$SDIST" -C "$WORK" --strip-components=4 \
        "llama_cpp_python-0.3.16/vendor/llama.cpp/models/ggml-vocab-$family.gguf" \
        "llama_cpp_python-0.3.16/vendor/llama.cpp/models/ggml-vocab-$family.gguf.inp"
    [ -s "$WORK/$family.json" ] || "$PY" scripts/make_fixtures.py from-gguf "$family" "$WORK/ggml-vocab-$family.gguf" > "$WORK/$family.json"
done
[ -s "$WORK/bench.txt" ] || "$PY" scripts/make_fixtures.py bench-text "$WORK/bench.txt"
[ -s "$WORK/fuzz.txt" ] || "$PY" scripts/make_fixtures.py fuzz-text "$WORK/fuzz.txt"
cat "$WORK"/ggml-vocab-*.gguf.inp "$WORK/fuzz.txt" "$WORK/bench.txt" | grep -av __ggml_vocab_test__ | tr -d '\r' > "$WORK/check.txt"
swift build -c release --product grpo 2>&1 | grep -E "error" || true
printf "%-10s %-28s %12s %14s %7s\n" family "same ids as tokenizers" "ours MB/s" "library MB/s" ratio
for family in $FAMILIES; do
    .build/release/grpo tokenize --tokenizer "$WORK/$family.json" < "$WORK/check.txt" > "$WORK/$family.ids"
    same=$("$PY" scripts/make_fixtures.py check-ids "$WORK/$family.json" "$WORK/check.txt" "$WORK/$family.ids")
    ours=$(.build/release/grpo bench tokenize --tokenizer "$WORK/$family.json" --text "$WORK/bench.txt" --json \
        | "$PY" -c "import json,sys; print(round(json.load(sys.stdin)['mb_s'], 2))")
    theirs=$(RAYON_NUM_THREADS=1 "$PY" scripts/make_fixtures.py bench-tokenize "$WORK/$family.json" "$WORK/bench.txt" 3)
    printf "%-10s %-28s %12s %14s %7s\n" "$family" "$same" "$ours" "$theirs" "$("$PY" -c "print(round($ours / $theirs, 2))")x"
done
