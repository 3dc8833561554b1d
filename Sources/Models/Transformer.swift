// The decoder-only transformer of the Llama and Qwen2 families: token embedding, L blocks of
// (RMSNorm → grouped-query attention with RoPE → residual, RMSNorm → SwiGLU MLP → residual), final
// RMSNorm, and an LM head (tied to the embedding or not). Parameters carry Hugging Face's names.
import Autograd
import Foundation

/// A Llama / Qwen2-shaped language model whose weights are autograd tensors.
public final class Transformer {
    /// The shape it was built with.
    public let config: TransformerConfig
    /// Every weight by its Hugging Face name (`model.layers.0.self_attn.q_proj.weight`, …).
    public let parameters: [String: Tensor]
    /// Parameter names in a fixed order (embedding, layers in order, final norm, head).
    public let parameterNames: [String]
    /// RoPE's inverse frequencies (after `rope_scaling`), computed once.
    let ropeFrequencies: [Float]

    struct Layer {
        let prefix: String
        let inputNorm, q, k, v, o, postNorm, gate, up, down: Tensor
        let qBias, kBias, vBias: Tensor?
    }
    /// LoRA adapters by module name (`model.layers.0.self_attn.q_proj`).
    public internal(set) var adapters: [String: LoRAAdapter] = [:]
    /// The LoRA setup in use, if any.
    public internal(set) var loraConfig: LoRAConfig?
    /// Whether adapter dropout is active (training) or not (evaluation, generation).
    public var training = true
    /// Drives adapter dropout (saved in checkpoints so a resumed run draws the same masks).
    public var dropoutRNG = RNG(seed: 0x10AA)

    let embed: Tensor
    let layers: [Layer]
    let finalNorm: Tensor
    let lmHead: Tensor

    /// The names and shapes a model of `config` has, in order.
    public static func parameterShapes(_ config: TransformerConfig) -> [(String, [Int])] {
        let c = config.hiddenSize, f = config.intermediateSize, d = config.headDim
        let hq = config.numAttentionHeads * d, hkv = config.numKeyValueHeads * d
        var shapes: [(String, [Int])] = [("model.embed_tokens.weight", [config.vocabSize, c])]
        for i in 0..<config.numHiddenLayers {
            let p = "model.layers.\(i)."
            shapes.append((p + "input_layernorm.weight", [c]))
            shapes += [(p + "self_attn.q_proj.weight", [hq, c]), (p + "self_attn.k_proj.weight", [hkv, c]),
                       (p + "self_attn.v_proj.weight", [hkv, c])]
            if config.attentionBias {
                shapes += [(p + "self_attn.q_proj.bias", [hq]), (p + "self_attn.k_proj.bias", [hkv]),
                           (p + "self_attn.v_proj.bias", [hkv])]
            }
            shapes += [(p + "self_attn.o_proj.weight", [c, hq]), (p + "post_attention_layernorm.weight", [c]),
                       (p + "mlp.gate_proj.weight", [f, c]), (p + "mlp.up_proj.weight", [f, c]),
                       (p + "mlp.down_proj.weight", [c, f])]
        }
        shapes.append(("model.norm.weight", [c]))
        if !config.tieWordEmbeddings { shapes.append(("lm_head.weight", [config.vocabSize, c])) }
        return shapes
    }

    /// A randomly initialised model, as transformers initialises one: weights ~ N(0, initializer_range),
    /// norm weights 1, biases 0.
    public convenience init(config: TransformerConfig, seed: UInt64) throws {
        var rng = RNG(seed: seed)
        var weights: [String: Tensor] = [:]
        for (name, shape) in Self.parameterShapes(config) {
            if name.hasSuffix("norm.weight") { weights[name] = Tensor.ones(shape) }
            else if name.hasSuffix(".bias") { weights[name] = Tensor.zeros(shape) }
            else { weights[name] = Tensor.randn(shape, std: Float(config.initializerRange), rng: &rng) }
        }
        try self.init(config: config, weights: weights)
    }

    /// A model over existing weights; every expected tensor must be present with its shape, and no other.
    public init(config: TransformerConfig, weights: [String: Tensor], source: String = "weights") throws {
        try config.validate()
        let shapes = Self.parameterShapes(config)
        var named: [String: Tensor] = [:]
        for (name, shape) in shapes {
            guard let t = weights[name] else { throw ModelError.file(source, "tensor \(name) is missing") }
            guard t.shape == shape else {
                throw ModelError.file(source, "tensor \(name) has shape \(t.shape), the config needs \(shape)")
            }
            named[name] = t.isLeaf && !t.requiresGrad ? t.asParameter(name: name) : t
        }
        let expected = Set(shapes.map(\.0))
        // A tied checkpoint may still carry lm_head.weight (some exporters write it); it is ignored then.
        if let extra = weights.keys.sorted().first(where: { !expected.contains($0)
            && !($0 == "lm_head.weight" && config.tieWordEmbeddings) }) {
            throw ModelError.file(source, "tensor \(extra) is not part of a \(config.modelType) model of this config")
        }
        self.config = config
        ropeFrequencies = config.ropeInverseFrequencies
        parameters = named
        parameterNames = shapes.map(\.0)
        embed = named["model.embed_tokens.weight"]!
        layers = (0..<config.numHiddenLayers).map { i in
            let p = "model.layers.\(i)."
            return Layer(prefix: p, inputNorm: named[p + "input_layernorm.weight"]!, q: named[p + "self_attn.q_proj.weight"]!,
                         k: named[p + "self_attn.k_proj.weight"]!, v: named[p + "self_attn.v_proj.weight"]!,
                         o: named[p + "self_attn.o_proj.weight"]!, postNorm: named[p + "post_attention_layernorm.weight"]!,
                         gate: named[p + "mlp.gate_proj.weight"]!, up: named[p + "mlp.up_proj.weight"]!,
                         down: named[p + "mlp.down_proj.weight"]!, qBias: named[p + "self_attn.q_proj.bias"],
                         kBias: named[p + "self_attn.k_proj.bias"], vBias: named[p + "self_attn.v_proj.bias"])
        }
        finalNorm = named["model.norm.weight"]!
        lmHead = config.tieWordEmbeddings ? embed : named["lm_head.weight"]!
    }

    /// The LM head's (V, C) weight (the embedding when tied).
    public var lmHeadWeight: Tensor { lmHead }

    /// Trainable tensors in `parameterNames` order.
    public var parameterList: [Tensor] { parameterNames.map { parameters[$0]! } }

    /// Number of scalar weights.
    public var parameterCount: Int { parameterList.reduce(0) { $0 + $1.count } }

    /// Logits (B, T, V) for `ids` laid out as B rows of T tokens. `keyMask` (B, S) marks real tokens
    /// (0 for padding) among all keys attended to; `positions` (B·T) overrides positions (left-padded
    /// batches). With a `cache`, the new tokens follow the cached ones (no history is recorded).
    public func forward(ids: [Int32], batch: Int, keyMask: Tensor? = nil, positions: [Int32]? = nil,
                        cache: KVCache? = nil) throws -> Tensor {
        let h = try hiddenStates(ids: ids, batch: batch, keyMask: keyMask, positions: positions, cache: cache)
        return try h.matmul(lmHead, transposeB: true)  // (B, T, V)
    }

    /// Final hidden states (B, T, C) after the last norm, before the LM head. `segments` (B·T ids, no
    /// cache) keeps packed examples apart: a token attends only to earlier tokens with its own id.
    public func hiddenStates(ids: [Int32], batch: Int, keyMask: Tensor? = nil, positions: [Int32]? = nil,
                             segments: [Int32]? = nil, cache: KVCache? = nil) throws -> Tensor {
        guard batch > 0, ids.count % batch == 0, !ids.isEmpty else {
            throw ModelError.usage("forward: \(ids.count) token ids cannot form \(batch) rows of equal length")
        }
        let t = ids.count / batch
        if let bad = ids.first(where: { $0 < 0 || Int($0) >= config.vocabSize }) {
            throw ModelError.usage("forward: token id \(bad) is outside the vocabulary of \(config.vocabSize)")
        }
        if let cache {
            guard cache.batch == batch, cache.length + t <= cache.capacity else {
                throw ModelError.usage("forward: \(batch) rows of \(t) new tokens do not fit a KV cache of "
                    + "\(cache.batch) rows holding \(cache.length) of \(cache.capacity) tokens")
            }
            return try noGrad {
                var x = try embed.indexSelect(ids, shape: [batch, t])
                for (i, layer) in layers.enumerated() {
                    x = try block(layer, x, batch: batch, t: t, keyMask: keyMask, positions: positions, segments: nil,
                                  cache: (cache, i))
                }
                cache.length += t
                return try x.rmsNorm(weight: finalNorm, eps: Float(config.rmsNormEps))
            }
        }
        var x = try embed.indexSelect(ids, shape: [batch, t])  // (B, T, C)
        for layer in layers {
            x = try block(layer, x, batch: batch, t: t, keyMask: keyMask, positions: positions, segments: segments, cache: nil)
        }
        return try x.rmsNorm(weight: finalNorm, eps: Float(config.rmsNormEps))
    }

    private func block(_ l: Layer, _ x: Tensor, batch: Int, t: Int, keyMask: Tensor?, positions: [Int32]?,
                       segments: [Int32]?, cache: (KVCache, Int)?) throws -> Tensor {
        let hq = config.numAttentionHeads, hkv = config.numKeyValueHeads, d = config.headDim
        let offset = cache?.0.length ?? 0
        let h = try x.rmsNorm(weight: l.inputNorm, eps: Float(config.rmsNormEps))                      // (B, T, C)
        let q = try linear(h, l.q, l.qBias, l.prefix + "self_attn.q_proj").reshape([batch, t, hq, d])
            .rope(inverseFrequencies: ropeFrequencies, offset: offset, positions: positions)             // (B, T, Hq, D)
        let k = try linear(h, l.k, l.kBias, l.prefix + "self_attn.k_proj").reshape([batch, t, hkv, d])
            .rope(inverseFrequencies: ropeFrequencies, offset: offset, positions: positions)             // (B, T, Hkv, D)
        let v = try linear(h, l.v, l.vBias, l.prefix + "self_attn.v_proj").reshape([batch, t, hkv, d])                           // (B, T, Hkv, D)
        let attended: Tensor
        if let (kv, layer) = cache {
            kv.append(layer: layer, k: k, v: v)
            let stored = kv.layerView(layer)
            attended = try Tensor.attention(q: q, k: stored.k, v: stored.v, causal: true,
                                            keyMask: keyMask, keyLength: offset + t, headMajorKeys: true)
        } else {
            attended = try Tensor.attention(q: q, k: k, v: v, causal: true, keyMask: keyMask, segments: segments)
        }
        let a = try attended.reshape([batch, t, hq * d])                                          // (B, T, Hq·D)
        let x1 = try x + linear(a, l.o, nil, l.prefix + "self_attn.o_proj")          // (B, T, C)
        let h2 = try x1.rmsNorm(weight: l.postNorm, eps: Float(config.rmsNormEps))
        let m = try Tensor.swiglu(gate: linear(h2, l.gate, nil, l.prefix + "mlp.gate_proj"),
                                  up: linear(h2, l.up, nil, l.prefix + "mlp.up_proj"))
        return try x1 + linear(m, l.down, nil, l.prefix + "mlp.down_proj")             // (B, T, C)
    }

    /// x·Wᵀ (+ bias) (+ the LoRA update when `module` has an adapter).
    private func linear(_ x: Tensor, _ w: Tensor, _ b: Tensor?, _ module: String) throws -> Tensor {
        var y = try x.matmul(w, transposeB: true)
        if let b { y = try y + b }
        guard let adapter = adapters[module] else { return y }
        let p = Float(loraConfig?.dropout ?? 0)
        let input = training && GradMode.isEnabled && p > 0 ? try x.dropout(p, rng: &dropoutRNG) : x
        let low = try input.matmul(adapter.a, transposeB: true).matmul(adapter.b, transposeB: true)
        return try y + low * adapter.scale
    }
}
