#!/usr/bin/env bash
# Round trip through Hugging Face transformers: SwiftGRPO loads each fixture checkpoint and saves it
# (F32, sharded F32, BF16); transformers loads what we wrote and must give the fixture's logits.
# PEFT adapters merged by `grpo merge-lora` must give PEFT's own logits.
set -uo pipefail
cd "$(dirname "$0")/.."
python="$(scripts/python_env.sh)" || exit 1
swift build -c release --product grpo >/dev/null || exit 1
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
log="$out/results.txt"
status=0
for name in qwen2-tiny llama-tiny; do
    src="Tests/ModelsTests/Fixtures/$name"
    .build/release/grpo convert --model "$src" --out "$out/$name-f32" >/dev/null || exit 1
    .build/release/grpo convert --model "$src" --out "$out/$name-sharded" --max-shard-bytes 60000 >/dev/null
    .build/release/grpo convert --model "$src" --out "$out/$name-bf16" --dtype bf16 >/dev/null
    "$python" scripts/check_transformers_roundtrip.py "$src/expected.json" \
        "$out/$name-f32" "$out/$name-sharded" "$out/$name-bf16" | tee -a "$log" || status=1
    mkdir -p "$out/$name-peft"
    "$python" scripts/check_peft_merge.py "$src" "$out/$name-peft" .build/release/grpo | tee -a "$log" || status=1
done
echo "parity: $(grep -c '^ok' "$log") passed, $(grep -c '^FAIL' "$log") failed"
exit $status
