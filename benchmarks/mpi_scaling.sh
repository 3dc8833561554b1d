#!/usr/bin/env bash
# Step time of data-parallel GRPO: one process on every core against `mpirun -np 2` with one thread per rank,
# on random `tiny` and `small` models (8 prompts × 8 completions of 64 tokens, as `grpo bench grpo`), in one
# run so the ratios share the machine's state. Prints seconds per step (mean of steps 2–4) and the ratios;
# then the same for `grpo sft` (batches of 32 sums, 6 steps).
set -euo pipefail
cd "$(dirname "$0")/.."
grpo=${GRPO:-.build/release/grpo}
export OMPI_ALLOW_RUN_AS_ROOT=1 OMPI_ALLOW_RUN_AS_ROOT_CONFIRM=1
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 -c "
import json
for a in range(100):
    for b in range(0, 100, 7): print(json.dumps({'prompt': f'{a}+{b}=', 'completion': f'<think>{a}+{b}</think><answer>{a+b}</answer>'}))
" > "$work/sums.jsonl"
step_time() {
    python3 -c "import json,sys; r=[json.loads(l) for l in open(sys.argv[1])][1:]; print(sum(x['step_time'] for x in r)/len(r))" "$1/metrics.jsonl"
}
for model in ${MODELS:-tiny small}; do
    cat > "$work/$model.yaml" <<YAML
name: mpi-$model
model: $model
tokenizer: char
dataset: {task: arithmetic, digits: 2, template: plain}
reward_funcs: [think_format]
num_generations: 8
prompts_per_step: 8
max_completion_length: 64
max_steps: 4
save_steps: 0
YAML
    "$grpo" train "$work/$model.yaml" --out "$work/$model-np1" --threads "$(nproc)" > /dev/null 2>&1
    mpirun -np 2 --oversubscribe "$grpo" train "$work/$model.yaml" --out "$work/$model-np2" --threads 1 > /dev/null 2>&1
    one=$(step_time "$work/$model-np1") two=$(step_time "$work/$model-np2")
    params=$(python3 -c "import os,sys; print(os.path.getsize(sys.argv[1]) // 4)" "$work/$model-np1/final/model.safetensors")
    python3 - "$model" "$one" "$two" "$params" "$(nproc)" <<'PY'
import sys
model, one, two, params, cores = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
print(f"{model}: ~{params/1e6:.1f}M parameters; np 1 × {cores} threads {one:.2f} s/step, np 2 × 1 thread {two:.2f} s/step, "
      f"np2/np1 time {two/one:.2f}; gradient exchange {params*4/1e6:.0f} MB per rank per update each way")
PY
done
for model in ${MODELS:-tiny small}; do
    cat > "$work/sft-$model.yaml" <<YAML
name: mpi-sft-$model
model: $model
tokenizer: char
dataset: {path: $work/sums.jsonl, eval_fraction: 0}
per_device_train_batch_size: 32
max_steps: 6
YAML
    "$grpo" sft "$work/sft-$model.yaml" --out "$work/sft-$model-np1" --threads "$(nproc)" > /dev/null 2>&1
    mpirun -np 2 --oversubscribe "$grpo" sft "$work/sft-$model.yaml" --out "$work/sft-$model-np2" --threads 1 > /dev/null 2>&1
    one=$(step_time "$work/sft-$model-np1") two=$(step_time "$work/sft-$model-np2")
    python3 -c "import sys; print(f'sft {sys.argv[1]}: np 1 × {sys.argv[4]} threads {float(sys.argv[2]):.3f} s/step, np 2 × 1 thread {float(sys.argv[3]):.3f} s/step, np2/np1 time {float(sys.argv[3])/float(sys.argv[2]):.2f}')" "$model" "$one" "$two" "$(nproc)"
done
