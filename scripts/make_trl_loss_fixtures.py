"""TRL's GRPO loss on a fixture, for the Swift parity test: the qwen2-tiny model, fixed prompts and
completions, advantages, old and reference log-probs; for every loss_type, scale_rewards,
importance_sampling_level, with and without beta and epsilon_high, TRL's GRPOTrainer._compute_loss
gives a loss and parameter gradients, saved as JSON. Usage: make_trl_loss_fixtures.py MODEL_DIR OUT.json"""
import itertools
import json
import sys

import torch
from datasets import Dataset
from transformers import AutoModelForCausalLM
from trl import GRPOConfig, GRPOTrainer

GRAD_TENSORS = ["model.layers.1.self_attn.q_proj.weight", "model.layers.0.mlp.down_proj.weight", "lm_head.weight",
                "model.norm.weight"]


def main():
    model_dir, out = sys.argv[1], sys.argv[2]
    torch.manual_seed(0)
    g = 4
    prompts = [[5, 17, 3, 99], [64, 2, 2, 8]]
    completions = [[11, 12, 13, 14, 15], [7, 8, 2, 0, 0], [120, 5, 0, 0, 0], [3, 3, 3, 3, 1],
                   [9, 10, 0, 0, 0], [44, 45, 46, 0, 0], [1, 2, 3, 4, 5], [100, 0, 0, 0, 0]]
    lengths = [5, 3, 2, 5, 2, 3, 5, 1]
    rewards = torch.tensor([1.0, 0.0, 0.5, 0.25, 0.0, 0.0, 1.0, 0.75])
    prompt_ids = torch.tensor([prompts[i // g] for i in range(8)])
    completion_ids = torch.tensor(completions)
    completion_mask = torch.tensor([[1] * n + [0] * (5 - n) for n in lengths])
    gen = torch.Generator().manual_seed(1)
    old_noise = (torch.rand(8, 5, generator=gen) - 0.5) * 0.6
    ref_noise = (torch.rand(8, 5, generator=gen) - 0.5) * 0.4
    cases = []
    for loss_type, scale, level, beta, eps_high in itertools.product(
            ["grpo", "bnpo", "dr_grpo", "dapo"], ["group", "batch", "none"], ["token", "sequence"], [0.0, 0.04],
            [None, 0.28]):
        model = AutoModelForCausalLM.from_pretrained(model_dir, dtype=torch.float32)
        args = GRPOConfig(output_dir="/tmp/trl-fixture", loss_type=loss_type, scale_rewards=scale,
                          importance_sampling_level=level, beta=beta, epsilon=0.2, epsilon_high=eps_high,
                          num_generations=g, per_device_train_batch_size=8, max_completion_length=5,
                          report_to=[], use_cpu=True, logging_steps=1,
                          # float32 throughout: transformers otherwise autocasts to bf16 on CPUs that have it.
                          bf16=False, fp16=False, gradient_checkpointing=False)
        trainer = GRPOTrainer(model=model, reward_funcs=lambda completions, **kw: [0.0] * len(completions),
                              args=args, train_dataset=Dataset.from_dict({"prompt": ["x"] * 8}))
        grouped = rewards.view(-1, g)
        mean = grouped.mean(1).repeat_interleave(g)
        if scale == "group":
            std = grouped.std(1).repeat_interleave(g)
        else:
            std = rewards.std().expand_as(rewards)
        # As TRL: no division at all when scale_rewards is "none".
        advantages = (rewards - mean) / (std + 1e-4) if scale != "none" else rewards - mean
        with torch.no_grad():
            logps, _, _ = trainer._get_per_token_logps_and_entropies(
                model, torch.cat([prompt_ids, completion_ids], 1), torch.cat([torch.ones_like(prompt_ids), completion_mask], 1), 5)
        inputs = {"prompt_ids": prompt_ids, "prompt_mask": torch.ones_like(prompt_ids), "completion_ids": completion_ids,
                  "completion_mask": completion_mask, "advantages": advantages,
                  "old_per_token_logps": logps + old_noise, "ref_per_token_logps": logps + ref_noise,
                  "num_items_in_batch": completion_mask.sum()}
        model.train()
        trainer.model.zero_grad()
        # Set by the training loop in TRL; one micro-batch per update here.
        trainer.current_gradient_accumulation_steps = 1
        loss = trainer._compute_loss(trainer.model, inputs)
        loss.backward()
        params = dict(trainer.model.named_parameters())
        cases.append({"loss_type": loss_type, "scale_rewards": scale, "importance_sampling_level": level, "beta": beta,
                      "epsilon_high": eps_high if eps_high is not None else 0.2, "loss": loss.item(),
                      "advantages": advantages.tolist(),
                      "grads": {name: [round(v, 9) for v in params[name].grad.flatten()[:64].tolist()] for name in GRAD_TENSORS}})
    fixture = {"prompts": prompt_ids.tolist(), "completions": completion_ids.tolist(), "lengths": lengths,
               "rewards": rewards.tolist(), "old_noise": old_noise.tolist(), "ref_noise": ref_noise.tolist(),
               "trl": __import__("trl").__version__, "cases": cases}
    json.dump(fixture, open(out, "w"))
    print(f"{len(cases)} cases written to {out}")


if __name__ == "__main__":
    main()
