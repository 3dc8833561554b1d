// The model shapes that ship with SwiftGRPO: the benchmark shapes `tiny` (~3M parameters) and `small`
// (~25M), and `micro` (~0.9M, a quarter of tiny's compute: the small student of the distillation
// experiment), Llama-family with tied embeddings, so built-in tasks and benchmarks need no download.
import Foundation

extension TransformerConfig {
    /// Names accepted wherever a config path is: `micro`, `tiny`, `small`.
    public static let builtinNames = ["micro", "tiny", "small"]

    /// A built-in shape by name, or nil.
    public static func builtin(_ name: String) -> TransformerConfig? {
        let json: String
        switch name {
        case "micro": json = shape(vocab: 512, hidden: 128, ffn: 344, layers: 4, heads: 4, kvHeads: 2, positions: 512)
        case "tiny": json = shape(vocab: 512, hidden: 256, ffn: 688, layers: 4, heads: 4, kvHeads: 2, positions: 512)
        case "small": json = shape(vocab: 4096, hidden: 512, ffn: 1376, layers: 8, heads: 8, kvHeads: 4, positions: 1024)
        default: return nil
        }
        return try? JSONDecoder().decode(TransformerConfig.self, from: Data(json.utf8))
    }

    /// A built-in name, or else a `config.json` path.
    public static func named(_ nameOrPath: String) throws -> TransformerConfig {
        if let config = builtin(nameOrPath) { return config }
        return try load(URL(fileURLWithPath: nameOrPath))
    }

    private static func shape(vocab: Int, hidden: Int, ffn: Int, layers: Int, heads: Int, kvHeads: Int,
                              positions: Int) -> String {
        """
        {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": \(vocab),
         "hidden_size": \(hidden), "intermediate_size": \(ffn), "num_hidden_layers": \(layers),
         "num_attention_heads": \(heads), "num_key_value_heads": \(kvHeads), "head_dim": 64,
         "rope_theta": 10000.0, "rms_norm_eps": 1e-6, "tie_word_embeddings": true,
         "max_position_embeddings": \(positions), "initializer_range": 0.02, "bos_token_id": 1,
         "eos_token_id": 2, "pad_token_id": 0, "hidden_act": "silu"}
        """
    }
}
