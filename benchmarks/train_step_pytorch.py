"""The training-step workload of ../shared/bench in PyTorch: forward + backward + AdamW of a randomly
initialised Llama of the tiny and small shapes (batch 8 x 256 and 4 x 512), on CPU with N threads.
Prints one JSON object: tokens/s and seconds per step for each shape."""
import json
import statistics
import sys
import time

import torch
from transformers import LlamaConfig, LlamaForCausalLM


def bench(config_dir, batch, seq, steps):
    config = LlamaConfig.from_pretrained(config_dir)
    config._attn_implementation = "sdpa"
    torch.manual_seed(0)
    model = LlamaForCausalLM(config).float().train()
    decay = [p for p in model.parameters() if p.dim() >= 2]
    no_decay = [p for p in model.parameters() if p.dim() < 2]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": 0.01}, {"params": no_decay, "weight_decay": 0.0}],
                            lr=1e-4, foreach=True)
    ids = torch.randint(0, config.vocab_size, (batch, seq + 1))
    inputs, targets = ids[:, :-1], ids[:, 1:]

    def step():
        logits = model(input_ids=inputs).logits
        loss = torch.nn.functional.cross_entropy(logits.reshape(-1, logits.size(-1)), targets.reshape(-1))
        loss.backward()
        opt.step()
        opt.zero_grad(set_to_none=True)

    step()
    times = []
    for _ in range(steps):
        start = time.perf_counter()
        step()
        times.append(time.perf_counter() - start)
    median = statistics.median(times)
    return {"seconds_per_step": median, "tokens_per_second": batch * seq / median}


def main():
    configs, threads, steps = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
    torch.set_num_threads(threads)
    out = {"torch": torch.__version__, "threads": threads}
    for name, batch, seq in [("tiny", 8, 256), ("small", 4, 512)]:
        out[name] = bench(f"{configs}/{name}", batch, seq, steps)
    print(json.dumps(out))


if __name__ == "__main__":
    main()
