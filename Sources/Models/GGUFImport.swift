// A llama.cpp GGUF checkpoint (architecture llama or qwen2) as one of our models: config.json built from
// the `ARCH.*` metadata, every tensor dequantised to Float32, renamed to Hugging Face's names and, for
// llama, q/k rows put back in Hugging Face's order. Tied embeddings when the file has no `output` tensor.
// `convert` also writes the tokenizer the file carries (GGUFTokenizerImport).
import Autograd
import Foundation

/// Reading GGUF checkpoints into `Transformer`s and Hugging Face model directories.
public enum GGUFImport {
    /// Architectures (`general.architecture`) we build.
    public static let architectures = ["llama", "qwen2"]

    /// The model in the GGUF file at `url`.
    public static func load(_ url: URL) throws -> Transformer {
        try load(try GGUFFile(contentsOf: url))
    }

    /// The model in `file`.
    public static func load(_ file: GGUFFile) throws -> Transformer {
        let config = try config(file)
        return try Transformer(config: config, weights: try weights(file, config: config), source: file.path)
    }

    /// Writes the GGUF file at `url` to `dir` as a Hugging Face model directory: config.json,
    /// model.safetensors (as `dtype`), generation_config.json, tokenizer.json and tokenizer_config.json.
    public static func convert(_ url: URL, to dir: URL, dtype: SafeTensors.DType = .f32,
                               maxShardBytes: Int? = nil) throws -> Transformer {
        let file = try GGUFFile(contentsOf: url)
        let model = try load(file)
        try ModelDirectory.save(model, to: dir, dtype: dtype, maxShardBytes: maxShardBytes)
        try GGUFTokenizerImport.write(file, to: dir)
        return model
    }

    /// The Hugging Face config the metadata of `file` describes.
    public static func config(_ file: GGUFFile) throws -> TransformerConfig {
        guard let arch = try file.string("general.architecture") else {
            throw ModelError.file(file.path, "metadata general.architecture: missing")
        }
        guard architectures.contains(arch) else {
            throw ModelError.file(file.path, "metadata general.architecture: \"\(arch)\" is not supported (llama, qwen2)")
        }
        if let scaling = try file.string("\(arch).rope.scaling.type"), scaling != "none" {
            throw ModelError.file(file.path, "metadata \(arch).rope.scaling.type: \"\(scaling)\" is not supported (only none)")
        }
        guard let embedding = file.tensor("token_embd.weight"), embedding.dims.count == 2 else {
            throw ModelError.file(file.path, "tensor token_embd.weight: missing or not a matrix")
        }
        let hidden = try file.requiredInt("\(arch).embedding_length")
        let heads = try file.requiredInt("\(arch).attention.head_count")
        let headDim = try file.int("\(arch).attention.key_length") ?? file.int("\(arch).rope.dimension_count")
            ?? hidden / max(heads, 1)
        var json: [String: Any] = [
            "architectures": [arch == "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"], "model_type": arch,
            "vocab_size": try file.int("\(arch).vocab_size") ?? embedding.dims[1],
            "hidden_size": hidden, "intermediate_size": try file.requiredInt("\(arch).feed_forward_length"),
            "num_hidden_layers": try file.requiredInt("\(arch).block_count"), "num_attention_heads": heads,
            "num_key_value_heads": try file.int("\(arch).attention.head_count_kv") ?? heads, "head_dim": headDim,
            "rope_theta": try file.double("\(arch).rope.freq_base") ?? 10_000,
            "rms_norm_eps": try file.double("\(arch).attention.layer_norm_rms_epsilon") ?? 1e-6,
            "max_position_embeddings": try file.int("\(arch).context_length") ?? 2048,
            "tie_word_embeddings": file.tensor("output.weight") == nil,
            "attention_bias": file.tensor("blk.0.attn_q.bias") != nil,
        ]
        for (key, field) in [("bos_token_id", "bos"), ("eos_token_id", "eos"), ("pad_token_id", "padding")] {
            if let id = try file.int("tokenizer.ggml.\(field)_token_id") { json[key] = id }
        }
        let data = try JSONSerialization.data(withJSONObject: json)
        let config: TransformerConfig
        do { config = try JSONDecoder().decode(TransformerConfig.self, from: data) } catch let error as DecodingError {
            throw ModelError.file(file.path, "metadata: \(ModelError.describe(error))")
        }
        try config.validate(file: file.path)
        return config
    }

    /// Every tensor of `file` as Float32 under its Hugging Face name, in Hugging Face's row order.
    public static func weights(_ file: GGUFFile, config: TransformerConfig) throws -> [String: Tensor] {
        var weights: [String: Tensor] = [:]
        for info in file.tensors {
            guard let name = GGUFTensorLayout.huggingFaceName(info.name) else {
                let why = info.name == "rope_freqs.weight" ? "RoPE frequency factors (rope scaling) are not supported"
                    : "not a tensor of a llama or qwen2 model"
                throw ModelError.file(file.path, "offset \(file.dataOffset + info.offset): tensor \(info.name): \(why)")
            }
            var tensor = try GGUFDequantize.tensor(info, of: file)
            if let heads = GGUFTensorLayout.permutedHeads(name, config) {
                guard tensor.shape[0] % (2 * heads) == 0 else {
                    throw ModelError.file(file.path, "tensor \(info.name): \(tensor.shape[0]) rows do not split into \(heads) heads of even size")
                }
                tensor = GGUFTensorLayout.permuteRows(tensor, heads: heads, toGGUF: false)
            }
            weights[name] = tensor
        }
        return weights
    }
}
