"""The generation workload of ../shared/bench in Hugging Face transformers: B prompts of 32 random
tokens, 128 new tokens each at temperature 1 with no early stop, KV cache on, CPU, N threads.
Usage: generate_transformers.py MODEL_DIR NAME THREADS BATCH [BATCH ...]; prints one JSON line per batch."""
import json
import sys
import time

import torch
from transformers import AutoModelForCausalLM


def main():
    model_dir, name, threads = sys.argv[1], sys.argv[2], int(sys.argv[3])
    torch.set_num_threads(threads)
    model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32).eval()
    vocab = model.config.vocab_size
    for batch in map(int, sys.argv[4:]):
        torch.manual_seed(0)
        prompts = torch.randint(3, vocab, (batch, 32))
        mask = torch.ones_like(prompts)

        def run():
            with torch.no_grad():
                out = model.generate(prompts, attention_mask=mask, do_sample=True, temperature=1.0, top_k=0, top_p=1.0,
                                     max_new_tokens=128, min_new_tokens=128, pad_token_id=0)
            assert out.shape[1] == 32 + 128

        run()
        best = float("inf")
        for _ in range(2):
            start = time.perf_counter()
            run()
            best = min(best, time.perf_counter() - start)
        print(json.dumps({"name": name, "batch": batch, "seconds": best, "tokensPerSecond": batch * 128 / best}))


if __name__ == "__main__":
    main()
