// One decoding step for a batch of sequences, one new token each, through the KV cache, with every
// intermediate in buffers allocated once per batch size: after warm-up a step allocates nothing.
import Autograd

/// Buffers for decoding up to `rows` sequences of a model, reused every step.
public final class DecodeWorkspace {
    let rows: Int
    let x, h, q, k, v, attn, proj, gate, up, act, ropeTable, scores, low: Tensor
    /// Logits (rows, V) of the last step.
    public let logits: Tensor

    /// Buffers for `rows` sequences of `model` attending over at most `maxLength` keys.
    public init(model: Transformer, rows: Int, maxLength: Int) {
        let c = model.config, loraRank = model.loraConfig?.rank ?? 0
        self.rows = rows
        let hq = c.numAttentionHeads * c.headDim, hkv = c.numKeyValueHeads * c.headDim
        func buffer(_ width: Int) -> Tensor { Tensor(shape: [rows, width], zeroed: true) }
        x = buffer(c.hiddenSize); h = buffer(c.hiddenSize); proj = buffer(c.hiddenSize)
        q = buffer(hq); attn = buffer(hq); k = buffer(hkv); v = buffer(hkv)
        gate = buffer(c.intermediateSize); up = buffer(c.intermediateSize); act = buffer(c.intermediateSize)
        ropeTable = buffer(c.headDim)
        scores = buffer(c.numAttentionHeads * maxLength)
        low = buffer(max(1, loraRank))
        logits = buffer(c.vocabSize)
    }
}

extension Transformer {
    /// Feeds one token per row (`tokens`, at `positions`) through the cache and fills `ws.logits`.
    /// `keyMask` (rows, cache.capacity) holds 0 at padded key positions.
    public func decodeStep(tokens: [Int32], positions: [Int32], cache: KVCache, keyMask: Tensor?,
                           workspace ws: DecodeWorkspace) throws {
        let rows = tokens.count
        guard rows == cache.batch, rows <= ws.rows, cache.length < cache.capacity else {
            throw ModelError.usage("decodeStep: \(rows) tokens for a cache of \(cache.batch) rows at "
                + "\(cache.length)/\(cache.capacity) and a workspace of \(ws.rows) rows")
        }
        let c = config, hq = c.numAttentionHeads, hkv = c.numKeyValueHeads, d = c.headDim
        let eps = Float(c.rmsNormEps), width = c.hiddenSize
        for (r, t) in tokens.enumerated() {
            guard t >= 0, Int(t) < c.vocabSize else { throw ModelError.usage("decodeStep: token \(t) outside the vocabulary") }
            (ws.x.data + r * width).update(from: embed.data + Int(t) * width, count: width)
        }
        InferenceKernels.ropeTable(ws.ropeTable, positions: positions, inverseFrequencies: ropeFrequencies)
        let length = cache.length + 1
        for (i, l) in layers.enumerated() {
            InferenceKernels.rmsNorm(ws.h, ws.x, rows: rows, weight: l.inputNorm, eps: eps)
            project(ws.q, ws.h, rows, l.q, l.qBias, l.prefix + "self_attn.q_proj", ws)
            project(ws.k, ws.h, rows, l.k, l.kBias, l.prefix + "self_attn.k_proj", ws)
            project(ws.v, ws.h, rows, l.v, l.vBias, l.prefix + "self_attn.v_proj", ws)
            InferenceKernels.rope(ws.q, rows: rows, heads: hq, headDim: d, table: ws.ropeTable)
            InferenceKernels.rope(ws.k, rows: rows, heads: hkv, headDim: d, table: ws.ropeTable)
            InferenceKernels.appendKV(keys: cache.keys[i], values: cache.values[i], k: ws.k, v: ws.v, rows: rows,
                                      at: cache.length)
            InferenceKernels.attendOne(out: ws.attn, q: ws.q, keys: cache.keys[i], values: cache.values[i], rows: rows,
                                       length: length, heads: hq, kvHeads: hkv, headDim: d, keyMask: keyMask,
                                       maskStride: cache.capacity, scores: ws.scores)
            project(ws.proj, ws.attn, rows, l.o, nil, l.prefix + "self_attn.o_proj", ws)
            InferenceKernels.addInPlace(ws.x, ws.proj, count: rows * width)
            InferenceKernels.rmsNorm(ws.h, ws.x, rows: rows, weight: l.postNorm, eps: eps)
            project(ws.gate, ws.h, rows, l.gate, nil, l.prefix + "mlp.gate_proj", ws)
            project(ws.up, ws.h, rows, l.up, nil, l.prefix + "mlp.up_proj", ws)
            InferenceKernels.swiglu(ws.act, gate: ws.gate, up: ws.up, count: rows * c.intermediateSize)
            project(ws.proj, ws.act, rows, l.down, nil, l.prefix + "mlp.down_proj", ws)
            InferenceKernels.addInPlace(ws.x, ws.proj, count: rows * width)
        }
        cache.length = length
        InferenceKernels.rmsNorm(ws.h, ws.x, rows: rows, weight: finalNorm, eps: eps)
        InferenceKernels.linear(ws.logits, ws.h, rows: rows, weight: lmHead)
    }

    /// out = x·Wᵀ + b, plus the LoRA update when the module has an adapter.
    private func project(_ out: Tensor, _ x: Tensor, _ rows: Int, _ w: Tensor, _ b: Tensor?, _ module: String,
                         _ ws: DecodeWorkspace) {
        InferenceKernels.linear(out, x, rows: rows, weight: w, bias: b)
        guard let adapter = adapters[module] else { return }
        precondition(ws.low.count >= rows * adapter.a.shape[0], "decodeStep: workspace made before LoRA was added")
        InferenceKernels.linear(ws.low, x, rows: rows, weight: adapter.a)
        InferenceKernels.linearAccumulate(out, ws.low, rows: rows, weight: adapter.b, scale: adapter.scale)
    }
}
