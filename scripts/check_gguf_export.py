"""Checks a GGUF file `grpo convert --to-gguf` wrote, with the reference implementations:
1. gguf (ggml's Python package) reads it: every tensor and metadata key of the original file is there
   with the same tokenizer (tokens, types, merges, special ids, pre, chat template) and llama.cpp names;
2. llama.cpp (llama-cpp-python) loads it and its greedy tokens after each prompt match `grpo sample`'s.
Usage: python check_gguf_export.py ORIGINAL.gguf EXPORTED.gguf GRPO_SAMPLE.jsonl STEPS"""
import json
import sys

from gguf import GGUFReader


def fields(reader):
    out = {}
    for name, field in reader.fields.items():
        if name.startswith("GGUF."):
            continue
        values = field.contents()
        out[name] = values
    return out


def main():
    original, exported, samples, steps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    a, b = GGUFReader(original), GGUFReader(exported)
    fa, fb = fields(a), fields(b)
    for key in ["tokenizer.ggml.tokens", "tokenizer.ggml.token_type", "tokenizer.ggml.merges", "tokenizer.ggml.pre",
                "tokenizer.ggml.bos_token_id", "tokenizer.ggml.eos_token_id", "tokenizer.ggml.padding_token_id",
                "tokenizer.ggml.unknown_token_id", "tokenizer.ggml.add_bos_token", "tokenizer.chat_template",
                "llama.block_count", "llama.embedding_length", "llama.attention.head_count",
                "llama.attention.head_count_kv", "llama.feed_forward_length", "llama.rope.freq_base"]:
        if key in fa and fa[key] != fb.get(key):
            raise SystemExit(f"{exported}: metadata {key} differs from {original}")
    names_a = {t.name for t in a.tensors}
    names_b = {t.name: t for t in b.tensors}
    if names_a != set(names_b):
        raise SystemExit(f"tensor names differ: {sorted(names_a ^ set(names_b))[:10]}")
    types = sorted({t.tensor_type.name for t in b.tensors})
    print(f"gguf reads {exported}: {len(b.tensors)} tensors ({', '.join(types)}), {len(fb)} metadata keys, "
          "tokenizer identical to the original")

    from llama_cpp import Llama
    llm = Llama(model_path=exported, n_ctx=1024, n_threads=2, seed=0, verbose=False)
    rows = [json.loads(line) for line in open(samples)]
    agree = 0
    for row in rows:
        llm.reset()
        # grpo sample stops after the end-of-turn token; llama.cpp is asked for as many tokens.
        ours = row["completion_ids"][:steps]
        theirs = []
        for token in llm.generate(row["prompt_ids"], temp=0.0, top_k=1, top_p=1.0, repeat_penalty=1.0):
            theirs.append(token)
            if len(theirs) == len(ours):
                break
        same = next((i for i, (x, y) in enumerate(zip(ours, theirs)) if x != y), len(ours))
        agree += same == len(ours)
        print(f"prompt {row['prompt_index']}: llama.cpp and grpo sample agree on {same}/{len(ours)} greedy tokens: "
              f"{llm.detokenize(theirs[:same]).decode('utf-8', 'replace')!r}")
    if agree != len(rows):
        raise SystemExit(f"{len(rows) - agree} of {len(rows)} prompts differ")
    print(f"llama.cpp runs {exported}: greedy output equals grpo sample's on all {len(rows)} prompts")


if __name__ == "__main__":
    main()
