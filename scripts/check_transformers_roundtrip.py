"""Loads model directories SwiftGRPO wrote with Hugging Face transformers and checks their logits
against the fixture's expected logits. Usage: check_transformers_roundtrip.py EXPECTED.json DIR [DIR ...]
(BF16 directories are compared with a tolerance that allows for the rounding)."""
import json
import sys

import torch
from transformers import AutoModelForCausalLM


def main():
    expected = json.load(open(sys.argv[1]))
    failures = 0
    for path in sys.argv[2:]:
        model = AutoModelForCausalLM.from_pretrained(path, dtype=torch.float32).eval()
        bf16 = json.load(open(f"{path}/config.json")).get("torch_dtype") == "bfloat16"
        tolerance = 0.15 if bf16 else 1e-4
        worst = 0.0
        with torch.no_grad():
            for ids, logits in zip(expected["prompts"], expected["logits"]):
                ours = model(input_ids=torch.tensor([ids])).logits[0]
                worst = max(worst, (ours - torch.tensor(logits)).abs().max().item())
        ok = worst < tolerance
        failures += not ok
        print(f"{'ok ' if ok else 'FAIL'} {path}: max |logit difference| {worst:.2e} (tolerance {tolerance})")
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
