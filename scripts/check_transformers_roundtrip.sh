#!/usr/bin/env bash
# Round trip through Hugging Face transformers: SwiftGRPO loads each fixture checkpoint and saves it
# (F32, sharded F32, BF16); transformers loads what we wrote and must give the fixture's logits.
# PEFT adapters merged by `grpo merge-lora` must give PEFT's own logits; TensorBoard must read a run's events.
set -uo pipefail
cd "$(dirname "$0")/.."
python="$(scripts/python_env.sh)" || exit 1
swift build -c release --product grpo >/dev/null || exit 1
out="$(mktemp -d)"; trap 'rm -rf "$out"' EXIT
log="$out/results.txt"
status=0
for name in qwen2-tiny llama-tiny llama3-tiny; do
    src="Tests/ModelsTests/Fixtures/$name"
    .build/release/grpo convert --model "$src" --out "$out/$name-f32" >/dev/null || exit 1
    .build/release/grpo convert --model "$src" --out "$out/$name-sharded" --max-shard-bytes 60000 >/dev/null
    .build/release/grpo convert --model "$src" --out "$out/$name-bf16" --dtype bf16 >/dev/null
    "$python" scripts/check_transformers_roundtrip.py "$src/expected.json" \
        "$out/$name-f32" "$out/$name-sharded" "$out/$name-bf16" | tee -a "$log" || status=1
    mkdir -p "$out/$name-peft"
    "$python" scripts/check_peft_merge.py "$src" "$out/$name-peft" .build/release/grpo | tee -a "$log" || status=1
done
cat > "$out/toy.yaml" <<'YAML'
name: toy
model: tiny
tokenizer: char
dataset: {task: arithmetic, digits: 1, template: plain}
reward_funcs: [think_format]
num_generations: 4
prompts_per_step: 2
max_completion_length: 8
max_steps: 3
save_steps: 0
YAML
.build/release/grpo train "$out/toy.yaml" --out "$out/toy-run" >/dev/null 2>&1 || exit 1
"$python" scripts/check_tensorboard.py "$out/toy-run" | tee -a "$log" || status=1
echo "parity: $(grep -c '^ok' "$log") passed, $(grep -c '^FAIL' "$log") failed"
exit $status
