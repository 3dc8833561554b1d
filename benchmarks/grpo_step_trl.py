"""The GRPO-step workload of ../shared/bench in TRL's GRPOTrainer: 8 prompts × 8 completions of up to
64 new tokens, a cheap reward (completion length), float32 on CPU with N threads. Prints one JSON line
with the median seconds per step. Usage: grpo_step_trl.py MODEL_DIR NAME THREADS"""
import json
import statistics
import sys
import time

import torch
from datasets import Dataset
import os

from transformers import AutoModelForCausalLM, AutoTokenizer, PreTrainedTokenizerFast, TrainerCallback
from trl import GRPOConfig, GRPOTrainer


class StepTimer(TrainerCallback):
    def __init__(self):
        self.times, self.start = [], None

    def on_step_begin(self, args, state, control, **kwargs):
        self.start = time.perf_counter()

    def on_step_end(self, args, state, control, **kwargs):
        self.times.append(time.perf_counter() - self.start)


def main():
    model_dir, name, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    torch.set_num_threads(threads)
    if os.path.exists(f"{model_dir}/tokenizer_config.json"):
        # A real model's own tokenizer (as SwiftGRPO uses it); padding with EOS when it names no pad token.
        tokenizer = AutoTokenizer.from_pretrained(model_dir)
        tokenizer.pad_token = tokenizer.pad_token or tokenizer.eos_token
    else:
        tokenizer = PreTrainedTokenizerFast(tokenizer_file=f"{model_dir}/tokenizer.json", eos_token="<|endoftext|>",
                                            pad_token="<|pad|>")
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
    prompts = [f"What is {a} + {b}?\n" for a, b in zip(range(10, 74), range(30, 94))]
    args = GRPOConfig(output_dir="/tmp/grpo-step-trl", per_device_train_batch_size=64, num_generations=8,
                      max_completion_length=64, max_steps=4, logging_steps=1, report_to=[], use_cpu=True,
                      bf16=False, fp16=False, gradient_checkpointing=False, learning_rate=1e-5, save_strategy="no",
                      temperature=1.0, beta=0.0)
    timer = StepTimer()
    trainer = GRPOTrainer(model=model, processing_class=tokenizer, args=args,
                          reward_funcs=lambda completions, **kw: [len(c) / 100 for c in completions],
                          train_dataset=Dataset.from_dict({"prompt": prompts}), callbacks=[timer])
    trainer.train()
    print(json.dumps({"name": name, "secondsPerStep": statistics.median(timer.times[1:]), "steps": timer.times}))


if __name__ == "__main__":
    main()
