// One of our models as a llama.cpp GGUF file, laid out as convert_hf_to_gguf writes one: the `ARCH.*`
// metadata from config.json, the tokenizer from the model directory, llama.cpp's tensor names, Llama's
// q/k rows permuted, matrices as F16 or Q8_0 and 1-D tensors (norms, biases) as F32. Tied embeddings
// are written once, as token_embd (llama.cpp ties when there is no `output`).
import Autograd
import Foundation

/// Writing models as GGUF files.
public enum GGUFExport {
    /// Weight types a user can ask for.
    public enum WeightType: String, CaseIterable, Sendable {
        case f32, f16, q8_0
        var ggml: GGMLType { self == .f32 ? .f32 : self == .f16 ? .f16 : .q8_0 }
        /// llama.cpp's general.file_type (LLAMA_FTYPE_ALL_F32, MOSTLY_F16, MOSTLY_Q8_0).
        var fileType: UInt32 { self == .f32 ? 0 : self == .f16 ? 1 : 7 }
    }

    /// Writes `model` (its tokenizer read from `tokenizerDir`) to `url` as GGUF with matrices as `type`.
    public static func write(_ model: Transformer, tokenizerDir: URL, to url: URL, type: WeightType, name: String? = nil) throws {
        try writer(model, tokenizerDir: tokenizerDir, type: type, name: name ?? tokenizerDir.lastPathComponent).write(to: url)
    }

    /// The GGUF file of `model` as a writer (metadata and tensors set).
    public static func writer(_ model: Transformer, tokenizerDir: URL, type: WeightType, name: String) throws -> GGUFWriter {
        let config = model.config, arch = config.modelType
        var w = GGUFWriter()
        w.set("general.architecture", .string(arch))
        w.set("general.name", .string(name))
        w.set("general.file_type", .uint32(type.fileType))
        if type == .q8_0 { w.set("general.quantization_version", .uint32(2)) }
        let u = { (v: Int) in GGUFValue.uint32(UInt32(v)) }
        w.set("\(arch).vocab_size", u(config.vocabSize))
        w.set("\(arch).context_length", u(config.maxPositionEmbeddings))
        w.set("\(arch).embedding_length", u(config.hiddenSize))
        w.set("\(arch).block_count", u(config.numHiddenLayers))
        w.set("\(arch).feed_forward_length", u(config.intermediateSize))
        w.set("\(arch).attention.head_count", u(config.numAttentionHeads))
        w.set("\(arch).attention.head_count_kv", u(config.numKeyValueHeads))
        w.set("\(arch).rope.freq_base", .float32(Float(config.ropeTheta)))
        w.set("\(arch).attention.layer_norm_rms_epsilon", .float32(Float(config.rmsNormEps)))
        w.set("\(arch).rope.dimension_count", u(config.headDim))
        if config.headDim * config.numAttentionHeads != config.hiddenSize {
            w.set("\(arch).attention.key_length", u(config.headDim))
            w.set("\(arch).attention.value_length", u(config.headDim))
        }
        for (key, value) in try GGUFTokenizerExport.metadata(tokenizerDir, vocabularySize: config.vocabSize, config: config) {
            w.set(key, value)
        }
        for hfName in model.parameterNames {
            guard let ggufName = GGUFTensorLayout.ggufName(hfName) else {
                throw ModelError.usage("GGUF export: tensor \(hfName) has no llama.cpp name")
            }
            var tensor = model.parameters[hfName]!
            if let heads = GGUFTensorLayout.permutedHeads(hfName, config) {
                tensor = GGUFTensorLayout.permuteRows(tensor, heads: heads, toGGUF: true)
            }
            // Norms and biases stay F32, as convert_hf_to_gguf keeps them; Q8_0 needs rows of 32s.
            var ggml = tensor.shape.count == 1 ? .f32 : type.ggml
            if ggml == .q8_0, tensor.shape.last! % 32 != 0 { ggml = .f16 }
            w.addTensor(ggufName, shape: tensor.shape, type: ggml,
                        bytes: GGUFQuantize.bytes(tensor.data, count: tensor.count, as: ggml))
        }
        return w
    }
}
