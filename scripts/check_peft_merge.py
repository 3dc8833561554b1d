"""PEFT interop: make LoRA adapters with PEFT on a fixture model, have SwiftGRPO merge them
(`grpo merge-lora`), and check transformers gives the merged model PEFT's logits.
Usage: check_peft_merge.py BASE_DIR WORK_DIR GRPO_BINARY"""
import subprocess
import sys

import torch
from peft import LoraConfig, get_peft_model
from transformers import AutoModelForCausalLM


def main():
    base, work, grpo = sys.argv[1], sys.argv[2], sys.argv[3]
    torch.manual_seed(0)
    model = AutoModelForCausalLM.from_pretrained(base, dtype=torch.float32)
    peft_model = get_peft_model(model, LoraConfig(r=4, lora_alpha=8, target_modules=["q_proj", "v_proj", "up_proj", "o_proj"]))
    with torch.no_grad():
        for name, p in peft_model.named_parameters():
            if "lora_" in name:
                p.normal_(0, 0.05)
    peft_model.eval()
    ids = torch.tensor([[5, 17, 3, 99, 42, 7, 11]])
    with torch.no_grad():
        expected = peft_model(input_ids=ids).logits
    peft_model.save_pretrained(f"{work}/adapter")
    subprocess.run([grpo, "merge-lora", "--model", base, "--adapter", f"{work}/adapter", "--out", f"{work}/merged"],
                   check=True, stdout=subprocess.DEVNULL)
    merged = AutoModelForCausalLM.from_pretrained(f"{work}/merged", dtype=torch.float32).eval()
    with torch.no_grad():
        worst = (merged(input_ids=ids).logits - expected).abs().max().item()
    ok = worst < 1e-4
    print(f"{'ok ' if ok else 'FAIL'} PEFT adapters on {base} merged by grpo: max |logit difference| {worst:.2e}")
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
