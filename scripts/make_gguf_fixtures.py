"""Makes the small GGUF fixtures the Swift tests read, with ggml's own Python package (gguf from PyPI).

quants.gguf: for each type we dequantise, a 4 x 256 tensor `q.TYPE` of random blocks (random bytes, the
f16 scale fields set to finite values) and `expected.TYPE`, gguf.quants.dequantize's Float32 result; and for
each type we write, `source` (random Float32 with an all-zero block) and `quantized.TYPE`, gguf's result.
llama-tiny.gguf, qwen2-tiny.gguf: the tiny transformers checkpoints of Tests/ModelsTests/Fixtures laid out
as convert_hf_to_gguf writes them (llama.cpp names and metadata, llama's q/k rows permuted, F32, tied
embeddings as no `output` tensor) with a small byte-level BPE tokenizer (pre "smollm", a chat template).
Run through scripts/make_gguf_fixtures.sh, which provides the virtualenv."""
import json
import os
import sys

import gguf
import numpy as np
from gguf.quants import dequantize
from safetensors.numpy import load_file

FIXTURES = sys.argv[1] if len(sys.argv) > 1 else "Tests/ModelsTests/Fixtures"
OUT = os.path.join(FIXTURES, "gguf")
Q = gguf.GGMLQuantizationType

# Byte offsets of the f16 scale fields in each block type (random bytes there could be NaN or huge).
HALF_FIELDS = {Q.Q8_0: [0], Q.Q4_0: [0], Q.Q4_1: [0, 2], Q.Q4_K: [0, 2], Q.Q5_K: [0, 2], Q.Q6_K: [208]}


def random_blocks(rng, qtype, rows, cols):
    block, size = gguf.GGML_QUANT_SIZES[qtype]
    raw = rng.integers(0, 256, size=(rows * cols // block, size), dtype=np.uint8)
    for offset in HALF_FIELDS[qtype]:
        halves = rng.uniform(-0.05, 0.05, size=raw.shape[0]).astype(np.float16)
        raw[:, offset:offset + 2] = halves.view(np.uint8).reshape(-1, 2)
    return raw.reshape(rows, cols // block * size)


def quants():
    rng = np.random.default_rng(2026)
    writer = gguf.GGUFWriter(os.path.join(OUT, "quants.gguf"), "llama")
    rows, cols = 4, 256
    for qtype in [Q.F32, Q.F16, Q.BF16, Q.Q8_0, Q.Q4_0, Q.Q4_1, Q.Q4_K, Q.Q5_K, Q.Q6_K]:
        values = rng.normal(0, 1, size=(rows, cols)).astype(np.float32)
        if qtype == Q.F32:
            data = values
        elif qtype == Q.F16:
            data = values.astype(np.float16)
        elif qtype == Q.BF16:
            data = gguf.quants.quantize(values, Q.BF16)
        else:
            data = random_blocks(rng, qtype, rows, cols)
        writer.add_tensor(f"q.{qtype.name}", data, raw_dtype=qtype)
        expected = dequantize(data, qtype).astype(np.float32).reshape(rows, cols)
        writer.add_tensor(f"expected.{qtype.name}", expected)
    source = np.random.default_rng(7).normal(0, 0.3, size=(rows, cols)).astype(np.float32)
    source[1, 32:64] = 0
    writer.add_tensor("source", source)
    writer.add_tensor("quantized.F16", source.astype(np.float16))
    writer.add_tensor("quantized.Q8_0", gguf.quants.quantize(source, Q.Q8_0), raw_dtype=Q.Q8_0)
    finish(writer)


def finish(writer):
    writer.write_header_to_file()
    writer.write_kv_data_to_file()
    writer.write_tensors_to_file()
    writer.close()


def permute(weights, heads):
    """convert_hf_to_gguf's LlamaModel.permute: each head's two halves of rows interleaved."""
    return (weights.reshape(heads, 2, weights.shape[0] // heads // 2, *weights.shape[1:])
            .swapaxes(1, 2).reshape(weights.shape))


HF_TO_GGUF = {"input_layernorm.weight": "attn_norm.weight", "post_attention_layernorm.weight": "ffn_norm.weight",
              "self_attn.q_proj.weight": "attn_q.weight", "self_attn.k_proj.weight": "attn_k.weight",
              "self_attn.v_proj.weight": "attn_v.weight", "self_attn.o_proj.weight": "attn_output.weight",
              "self_attn.q_proj.bias": "attn_q.bias", "self_attn.k_proj.bias": "attn_k.bias",
              "self_attn.v_proj.bias": "attn_v.bias", "mlp.gate_proj.weight": "ffn_gate.weight",
              "mlp.up_proj.weight": "ffn_up.weight", "mlp.down_proj.weight": "ffn_down.weight"}


def tiny_tokenizer(writer, vocab_size):
    """A byte-level BPE vocabulary of `vocab_size` tokens: 3 control tokens, the printable ASCII bytes and
    merges of frequent English letter pairs."""
    tokens = ["<|endoftext|>", "<|im_start|>", "<|im_end|>"] + [chr(b) for b in range(33, 127)]
    merges = []
    for pair in ["th", "he", "in", "er", "an", "re", "on", "at", "en", "nd", "ti", "es", "or", "te", "of", "ed",
                 "is", "it", "al", "ar", "st", "to", "nt", "ng", "se", "ha", "as", "ou", "io", "le", "ve"]:
        if len(tokens) == vocab_size:
            break
        merges.append(f"{pair[0]} {pair[1]}")
        tokens.append(pair)
    assert len(tokens) == vocab_size
    writer.add_tokenizer_model("gpt2")
    writer.add_tokenizer_pre("smollm")
    writer.add_token_list(tokens)
    writer.add_token_types([3, 3, 3] + [1] * (vocab_size - 3))
    writer.add_token_merges(merges)
    writer.add_bos_token_id(1)
    writer.add_eos_token_id(2)
    writer.add_pad_token_id(0)
    writer.add_chat_template("{% for m in messages %}<|im_start|>{{ m['role'] }}\n{{ m['content'] }}<|im_end|>\n{% endfor %}")


def tiny_model(kind):
    directory = os.path.join(FIXTURES, f"{kind}-tiny")
    config = json.load(open(os.path.join(directory, "config.json")))
    weights = load_file(os.path.join(directory, "model.safetensors"))
    writer = gguf.GGUFWriter(os.path.join(OUT, f"{kind}-tiny.gguf"), kind)
    writer.add_name(f"{kind}-tiny")
    writer.add_context_length(config["max_position_embeddings"])
    writer.add_embedding_length(config["hidden_size"])
    writer.add_block_count(config["num_hidden_layers"])
    writer.add_feed_forward_length(config["intermediate_size"])
    writer.add_head_count(config["num_attention_heads"])
    writer.add_head_count_kv(config["num_key_value_heads"])
    writer.add_rope_dimension_count(config["head_dim"])
    theta = config.get("rope_theta") or config["rope_parameters"]["rope_theta"]
    writer.add_rope_freq_base(theta)
    writer.add_layer_norm_rms_eps(config["rms_norm_eps"])
    writer.add_vocab_size(config["vocab_size"])
    writer.add_file_type(gguf.LlamaFileType.ALL_F32)
    tiny_tokenizer(writer, config["vocab_size"])
    heads = {"q_proj": config["num_attention_heads"], "k_proj": config["num_key_value_heads"]}
    for name, tensor in weights.items():
        if name == "model.embed_tokens.weight":
            target = "token_embd.weight"
        elif name == "model.norm.weight":
            target = "output_norm.weight"
        elif name == "lm_head.weight":
            target = "output.weight"
        else:
            layer, rest = name[len("model.layers."):].split(".", 1)
            target = f"blk.{layer}.{HF_TO_GGUF[rest]}"
            projection = rest.split(".")[1]
            if kind == "llama" and projection in heads:
                tensor = permute(tensor, heads[projection])
        writer.add_tensor(target, np.ascontiguousarray(tensor.astype(np.float32)))
    finish(writer)


def main():
    os.makedirs(OUT, exist_ok=True)
    quants()
    tiny_model("llama")
    tiny_model("qwen2")


if __name__ == "__main__":
    main()
