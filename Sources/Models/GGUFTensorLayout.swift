// How llama.cpp names and lays out a Llama / Qwen2 checkpoint, against Hugging Face's names:
// token_embd ↔ model.embed_tokens, blk.N.attn_q/k/v/output ↔ model.layers.N.self_attn.q/k/v/o_proj,
// blk.N.ffn_gate/up/down ↔ mlp.gate/up/down_proj, attn_norm/ffn_norm ↔ input/post_attention_layernorm,
// output_norm ↔ model.norm, output ↔ lm_head. For `llama`, convert_hf_to_gguf also reorders the rows of
// q_proj and k_proj within each head (pairs interleaved instead of halves), since llama.cpp's rotary
// embedding rotates adjacent pairs; Qwen2 files keep Hugging Face's order.
import Autograd

/// Tensor names and row order of GGUF checkpoints.
public enum GGUFTensorLayout {
    private static let layerNames: [(String, String)] = [
        ("attn_norm.weight", "input_layernorm.weight"), ("ffn_norm.weight", "post_attention_layernorm.weight"),
        ("attn_q.weight", "self_attn.q_proj.weight"), ("attn_k.weight", "self_attn.k_proj.weight"),
        ("attn_v.weight", "self_attn.v_proj.weight"), ("attn_output.weight", "self_attn.o_proj.weight"),
        ("attn_q.bias", "self_attn.q_proj.bias"), ("attn_k.bias", "self_attn.k_proj.bias"),
        ("attn_v.bias", "self_attn.v_proj.bias"), ("ffn_gate.weight", "mlp.gate_proj.weight"),
        ("ffn_up.weight", "mlp.up_proj.weight"), ("ffn_down.weight", "mlp.down_proj.weight"),
    ]
    private static let globalNames: [(String, String)] = [
        ("token_embd.weight", "model.embed_tokens.weight"), ("output_norm.weight", "model.norm.weight"),
        ("output.weight", "lm_head.weight"),
    ]

    /// The Hugging Face name of llama.cpp tensor `name`, or nil for a tensor we do not use.
    public static func huggingFaceName(_ name: String) -> String? {
        if let pair = globalNames.first(where: { $0.0 == name }) { return pair.1 }
        let parts = name.split(separator: ".", maxSplits: 2)
        guard parts.count == 3, parts[0] == "blk", let layer = Int(parts[1]),
              let pair = layerNames.first(where: { $0.0 == parts[2] }) else { return nil }
        return "model.layers.\(layer).\(pair.1)"
    }

    /// The llama.cpp name of Hugging Face tensor `name`, or nil when it has none.
    public static func ggufName(_ name: String) -> String? {
        if let pair = globalNames.first(where: { $0.1 == name }) { return pair.0 }
        let prefix = "model.layers."
        guard name.hasPrefix(prefix) else { return nil }
        let rest = name.dropFirst(prefix.count).split(separator: ".", maxSplits: 1)
        guard rest.count == 2, let layer = Int(rest[0]),
              let pair = layerNames.first(where: { $0.1 == rest[1] }) else { return nil }
        return "blk.\(layer).\(pair.0)"
    }

    /// The number of heads whose rows llama.cpp reorders in Hugging Face tensor `name`, or nil when it
    /// keeps the order (everything but Llama's q_proj and k_proj, weights and biases alike).
    public static func permutedHeads(_ name: String, _ config: TransformerConfig) -> Int? {
        guard config.modelType == "llama" else { return nil }
        if name.hasSuffix("self_attn.q_proj.weight") || name.hasSuffix("self_attn.q_proj.bias") {
            return config.numAttentionHeads
        }
        if name.hasSuffix("self_attn.k_proj.weight") || name.hasSuffix("self_attn.k_proj.bias") {
            return config.numKeyValueHeads
        }
        return nil
    }

    /// Rows of `t` reordered within each of `heads` heads: `toGGUF` takes Hugging Face's order (first
    /// half of a head's rows, then the second) to llama.cpp's (the two halves interleaved); the reverse otherwise.
    public static func permuteRows(_ t: Tensor, heads: Int, toGGUF: Bool) -> Tensor {
        let rows = t.shape[0], cols = t.count / rows, d = rows / heads, half = d / 2
        let out = Tensor(shape: t.shape, zeroed: false)
        for h in 0..<heads {
            for i in 0..<2 {
                for j in 0..<half {
                    let hf = h * d + i * half + j, gguf = h * d + 2 * j + i
                    let (from, to) = toGGUF ? (hf, gguf) : (gguf, hf)
                    (out.data + to * cols).update(from: t.data + from * cols, count: cols)
                }
            }
        }
        return out
    }
}
