// Hugging Face `config.json` for the Llama and Qwen2 families, with Hugging Face's own key names. Reads
// both layouts users meet: `rope_theta` / `rope_scaling` at the top level (hub checkpoints) and the
// `rope_parameters` object transformers 5 writes.
import Foundation

/// The shape of a decoder-only transformer, as in Hugging Face `config.json`.
public struct TransformerConfig: Codable, Equatable, Sendable {
    public var architectures: [String]?
    public var modelType: String
    public var vocabSize: Int
    public var hiddenSize: Int
    public var intermediateSize: Int
    public var numHiddenLayers: Int
    public var numAttentionHeads: Int
    public var numKeyValueHeads: Int
    public var headDim: Int
    public var ropeTheta: Double
    /// Long-context RoPE rule (`rope_scaling`), nil for plain RoPE.
    public var ropeScaling: RopeScaling?
    public var rmsNormEps: Double
    public var tieWordEmbeddings: Bool
    public var maxPositionEmbeddings: Int
    /// Bias on the q, k, v projections (Qwen2 always has it; Llama when `attention_bias` is true).
    public var attentionBias: Bool
    public var mlpBias: Bool
    public var hiddenAct: String
    public var initializerRange: Double
    public var bosTokenId: Int?
    public var eosTokenIds: [Int]
    public var padTokenId: Int?

    enum CodingKeys: String, CodingKey {
        case architectures, modelType = "model_type", vocabSize = "vocab_size", hiddenSize = "hidden_size"
        case intermediateSize = "intermediate_size", numHiddenLayers = "num_hidden_layers"
        case numAttentionHeads = "num_attention_heads", numKeyValueHeads = "num_key_value_heads"
        case headDim = "head_dim", ropeTheta = "rope_theta", rmsNormEps = "rms_norm_eps"
        case tieWordEmbeddings = "tie_word_embeddings", maxPositionEmbeddings = "max_position_embeddings"
        case attentionBias = "attention_bias", mlpBias = "mlp_bias", hiddenAct = "hidden_act"
        case initializerRange = "initializer_range", bosTokenId = "bos_token_id", eosTokenIds = "eos_token_id"
        case padTokenId = "pad_token_id", ropeParameters = "rope_parameters", ropeScaling = "rope_scaling"
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        architectures = try c.decodeIfPresent([String].self, forKey: .architectures)
        modelType = try c.decodeIfPresent(String.self, forKey: .modelType) ?? "llama"
        vocabSize = try c.decode(Int.self, forKey: .vocabSize)
        hiddenSize = try c.decode(Int.self, forKey: .hiddenSize)
        intermediateSize = try c.decode(Int.self, forKey: .intermediateSize)
        numHiddenLayers = try c.decode(Int.self, forKey: .numHiddenLayers)
        numAttentionHeads = try c.decode(Int.self, forKey: .numAttentionHeads)
        numKeyValueHeads = try c.decodeIfPresent(Int.self, forKey: .numKeyValueHeads) ?? numAttentionHeads
        headDim = try c.decodeIfPresent(Int.self, forKey: .headDim) ?? hiddenSize / max(1, numAttentionHeads)
        let nested = try c.decodeIfPresent(RopeScaling.Fields.self, forKey: .ropeParameters)
        let scaling = try c.decodeIfPresent(RopeScaling.Fields.self, forKey: .ropeScaling)
        ropeTheta = try c.decodeIfPresent(Double.self, forKey: .ropeTheta) ?? nested?.ropeTheta ?? 10_000
        // transformers 5 keeps the rule in rope_parameters; hub checkpoints in rope_scaling.
        let (key, rule) = (nested?.typeName ?? "default") != "default"
            ? (CodingKeys.ropeParameters, nested!) : (CodingKeys.ropeScaling, scaling ?? RopeScaling.Fields())
        switch RopeScaling.parse(rule) {
        case .success(let parsed): ropeScaling = parsed
        case .failure(let problem):
            throw DecodingError.dataCorruptedError(forKey: key, in: c, debugDescription: problem.text)
        }
        rmsNormEps = try c.decodeIfPresent(Double.self, forKey: .rmsNormEps) ?? 1e-6
        tieWordEmbeddings = try c.decodeIfPresent(Bool.self, forKey: .tieWordEmbeddings) ?? false
        maxPositionEmbeddings = try c.decodeIfPresent(Int.self, forKey: .maxPositionEmbeddings) ?? 2048
        attentionBias = try c.decodeIfPresent(Bool.self, forKey: .attentionBias) ?? (modelType == "qwen2")
        mlpBias = try c.decodeIfPresent(Bool.self, forKey: .mlpBias) ?? false
        hiddenAct = try c.decodeIfPresent(String.self, forKey: .hiddenAct) ?? "silu"
        initializerRange = try c.decodeIfPresent(Double.self, forKey: .initializerRange) ?? 0.02
        bosTokenId = try c.decodeIfPresent(Int.self, forKey: .bosTokenId)
        if let many = try? c.decodeIfPresent([Int].self, forKey: .eosTokenIds) { eosTokenIds = many }
        else { eosTokenIds = try c.decodeIfPresent(Int.self, forKey: .eosTokenIds).map { [$0] } ?? [] }
        padTokenId = try c.decodeIfPresent(Int.self, forKey: .padTokenId)
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(architectures, forKey: .architectures)
        try c.encode(modelType, forKey: .modelType)
        try c.encode(vocabSize, forKey: .vocabSize)
        try c.encode(hiddenSize, forKey: .hiddenSize)
        try c.encode(intermediateSize, forKey: .intermediateSize)
        try c.encode(numHiddenLayers, forKey: .numHiddenLayers)
        try c.encode(numAttentionHeads, forKey: .numAttentionHeads)
        try c.encode(numKeyValueHeads, forKey: .numKeyValueHeads)
        try c.encode(headDim, forKey: .headDim)
        try c.encode(ropeTheta, forKey: .ropeTheta)
        try c.encodeIfPresent(ropeScaling?.fields, forKey: .ropeScaling)
        try c.encode(rmsNormEps, forKey: .rmsNormEps)
        try c.encode(tieWordEmbeddings, forKey: .tieWordEmbeddings)
        try c.encode(maxPositionEmbeddings, forKey: .maxPositionEmbeddings)
        try c.encode(attentionBias, forKey: .attentionBias)
        try c.encode(mlpBias, forKey: .mlpBias)
        try c.encode(hiddenAct, forKey: .hiddenAct)
        try c.encode(initializerRange, forKey: .initializerRange)
        try c.encodeIfPresent(bosTokenId, forKey: .bosTokenId)
        if eosTokenIds.count == 1 { try c.encode(eosTokenIds[0], forKey: .eosTokenIds) }
        else if !eosTokenIds.isEmpty { try c.encode(eosTokenIds, forKey: .eosTokenIds) }
        try c.encodeIfPresent(padTokenId, forKey: .padTokenId)
    }

    /// Reads and validates `config.json` at `url`; errors name the file and the field.
    public static func load(_ url: URL) throws -> TransformerConfig {
        let data: Data
        do { data = try Data(contentsOf: url) } catch {
            throw ModelError.file(url.path, "cannot read: \(error.localizedDescription)")
        }
        let config: TransformerConfig
        do { config = try JSONDecoder().decode(TransformerConfig.self, from: data) } catch let error as DecodingError {
            throw ModelError.file(url.path, ModelError.describe(error))
        }
        try config.validate(file: url.path)
        return config
    }

    /// Checks the fields fit together (head counts, activation, architecture).
    public func validate(file: String = "config.json") throws {
        func fail(_ field: String, _ why: String) -> ModelError { .file(file, "\(field): \(why)") }
        let known = ["LlamaForCausalLM", "Qwen2ForCausalLM"]
        if let arch = architectures?.first, !known.contains(arch) {
            throw fail("architectures", "\"\(arch)\" is not supported (expected one of \(known.joined(separator: ", ")))")
        }
        guard ["llama", "qwen2"].contains(modelType) else {
            throw fail("model_type", "\"\(modelType)\" is not supported (expected llama or qwen2)")
        }
        for (field, value) in [("vocab_size", vocabSize), ("hidden_size", hiddenSize),
                               ("intermediate_size", intermediateSize), ("num_hidden_layers", numHiddenLayers),
                               ("num_attention_heads", numAttentionHeads), ("head_dim", headDim)] where value <= 0 {
            throw fail(field, "must be positive (got \(value))")
        }
        guard numKeyValueHeads > 0, numAttentionHeads % numKeyValueHeads == 0 else {
            throw fail("num_key_value_heads", "\(numKeyValueHeads) must divide num_attention_heads \(numAttentionHeads)")
        }
        guard headDim % 2 == 0 else { throw fail("head_dim", "must be even for rotary embeddings (got \(headDim))") }
        guard hiddenAct == "silu" else { throw fail("hidden_act", "\"\(hiddenAct)\" is not supported (expected silu)") }
    }
}
