"""Makes the model fixtures the Swift tests compare against: small random Qwen2, Llama and Llama 3.1-style
(rope_scaling "llama3") checkpoints saved by transformers (F32, BF16, sharded, F16 tensors), and the logits and greedy generations that
transformers computes for them. Run through scripts/make_model_fixtures.sh, which provides the
virtualenv; writes Tests/ModelsTests/Fixtures/."""
import json
import os
import sys

import torch
from safetensors.torch import save_file
from transformers import LlamaConfig, LlamaForCausalLM, Qwen2Config, Qwen2ForCausalLM

OUT = sys.argv[1] if len(sys.argv) > 1 else "Tests/ModelsTests/Fixtures"

PROMPTS = [[5, 17, 3, 99, 42, 7], [1], [64, 2, 2, 2, 88, 13, 120, 0, 9, 31, 77]]


def make(kind):
    common = dict(vocab_size=128, hidden_size=64, intermediate_size=96, num_hidden_layers=2,
                  num_attention_heads=4, num_key_value_heads=2, head_dim=16, max_position_embeddings=128,
                  rms_norm_eps=1e-6, bos_token_id=1, eos_token_id=2, pad_token_id=0)
    torch.manual_seed({"qwen2": 1234, "llama": 4321, "llama3": 3131}[kind])
    if kind == "qwen2":
        config = Qwen2Config(**common, rope_theta=1000000.0, tie_word_embeddings=False)
        model = Qwen2ForCausalLM(config)
    elif kind == "llama3":
        # An original context of 64 puts this head size's 8 frequencies in all three llama3 bands.
        scaling = {"rope_type": "llama3", "factor": 8.0, "low_freq_factor": 1.0, "high_freq_factor": 4.0,
                   "original_max_position_embeddings": 64}
        config = LlamaConfig(**common, rope_theta=10000.0, rope_scaling=scaling, tie_word_embeddings=True)
        model = LlamaForCausalLM(config)
    else:
        config = LlamaConfig(**common, rope_theta=10000.0, tie_word_embeddings=True)
        model = LlamaForCausalLM(config)
    # Random init with std 0.02 gives near-uniform logits; larger weights make the comparison sharper.
    with torch.no_grad():
        for name, p in model.named_parameters():
            if "norm" in name:
                p.copy_(1 + 0.1 * torch.randn_like(p))
            else:
                p.normal_(0, 0.08)
    return model.float().eval()


def expected(model):
    out = {"prompts": PROMPTS, "logits": [], "greedy": []}
    with torch.no_grad():
        for ids in PROMPTS:
            logits = model(input_ids=torch.tensor([ids])).logits[0]
            out["logits"].append(logits.tolist())
            gen = model.generate(torch.tensor([ids]), attention_mask=torch.ones(1, len(ids), dtype=torch.long),
                                 do_sample=False, max_new_tokens=12, eos_token_id=None, pad_token_id=0)
            out["greedy"].append(gen[0, len(ids):].tolist())
        # A left-padded batch with positions counted from each row's first real token, as generate() does.
        longest = max(len(p) for p in PROMPTS)
        ids = torch.tensor([[0] * (longest - len(p)) + p for p in PROMPTS])
        mask = torch.tensor([[0] * (longest - len(p)) + [1] * len(p) for p in PROMPTS])
        positions = (mask.cumsum(-1) - 1).clamp(min=0)
        logits = model(input_ids=ids, attention_mask=mask, position_ids=positions).logits
        out["padded"] = {"ids": ids.tolist(), "mask": mask.tolist(), "positions": positions.tolist(),
                         "logits": logits.tolist()}
    return out


def main():
    os.makedirs(OUT, exist_ok=True)
    for kind in ["qwen2", "llama", "llama3"]:
        model = make(kind)
        path = f"{OUT}/{kind}-tiny"
        model.save_pretrained(path, safe_serialization=True)
        with open(f"{path}/expected.json", "w") as f:
            json.dump(expected(model), f)
    llama = make("llama")
    llama.to(torch.bfloat16).save_pretrained(f"{OUT}/llama-tiny-bf16", safe_serialization=True)
    make("qwen2").save_pretrained(f"{OUT}/qwen2-tiny-sharded", safe_serialization=True, max_shard_size="100KB")
    torch.manual_seed(7)
    values = torch.randn(3, 5) * 3
    values[0, 0], values[0, 1], values[0, 2] = 1e-6, 65504.0, -0.0
    save_file({"half": values.to(torch.float16), "bf": values.to(torch.bfloat16)}, f"{OUT}/dtypes.safetensors")
    with open(f"{OUT}/dtypes.json", "w") as f:
        json.dump({"half": values.to(torch.float16).float().flatten().tolist(),
                   "bf": values.to(torch.bfloat16).float().flatten().tolist()}, f)
    print(f"fixtures written to {OUT}")


if __name__ == "__main__":
    main()
