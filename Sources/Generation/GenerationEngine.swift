// Batched generation: every distinct prompt is prefilled once (on its own, then placed left-padded),
// its KV-cache rows are copied to its G samples, then all samples decode together one token per step
// through a preallocated cache and workspace. Finished rows leave the batch (the cache is compacted),
// so the work per step shrinks as completions end. Each sample draws from its own RNG, seeded by its
// request and index, so a prompt gives the same completions alone or inside any batch.
import Autograd
import Foundation
import Models

/// Turns prompts into completions with log-probs, fast, on CPU.
public final class GenerationEngine {
    public let model: Transformer
    public let decoder: TokenTextDecoding?
    /// Most rows (samples) decoded together; larger requests run in successive batches.
    public let maxBatchRows: Int

    /// An engine over `model`; `decoder` is needed for stop strings and completion text.
    public init(model: Transformer, decoder: TokenTextDecoding? = nil, maxBatchRows: Int = 256) {
        self.model = model
        self.decoder = decoder
        self.maxBatchRows = maxBatchRows
    }

    /// Completions for every request, ordered by request then sample.
    public func generate(_ requests: [GenerationRequest]) throws -> [Completion] {
        for (i, r) in requests.enumerated() {
            try r.params.validate()
            guard r.n >= 1, !r.promptIds.isEmpty else {
                throw GenerationError.invalidRequest("request \(i): needs a non-empty prompt and n ≥ 1")
            }
            if r.params.stopStrings.count > 0 && decoder == nil {
                throw GenerationError.invalidRequest("request \(i): stop strings need a tokenizer to decode text")
            }
            if let bad = r.promptIds.first(where: { $0 < 0 || Int($0) >= model.config.vocabSize }) {
                throw GenerationError.invalidRequest("request \(i): prompt token \(bad) is outside the vocabulary")
            }
        }
        var results: [Completion] = []
        var start = 0
        while start < requests.count {
            var end = start, rows = 0
            while end < requests.count && (end == start || rows + requests[end].n <= maxBatchRows) {
                rows += requests[end].n
                end += 1
            }
            results += try noGrad { try generateBatch(Array(requests[start..<end]), firstIndex: start) }
            start = end
        }
        return results
    }

    /// One decoding row: a sample of a request.
    private struct Row {
        let request: Int
        let sample: Int
        var rng: RNG
        var ids: [Int32] = []
        var logprobs: [Float] = []
        var finish: FinishReason?
        /// Set when a stop string ended the row: the text up to and including it.
        var stopText: String?
    }

    private func generateBatch(_ requests: [GenerationRequest], firstIndex: Int) throws -> [Completion] {
        let v = model.config.vocabSize, eos = model.config.eosTokenIds.map(Int32.init)
        let width = requests.map(\.promptIds.count).max()!
        let maxNew = requests.map(\.params.maxNewTokens).max()!
        let totalRows = requests.reduce(0) { $0 + $1.n }
        let capacity = width + maxNew
        // Left padding: prompt p's keys sit at the end of the first `width` positions of its cache row.
        var mask = [Float](repeating: 0, count: requests.count * capacity)
        for (p, r) in requests.enumerated() {
            for j in width - r.promptIds.count..<capacity { mask[p * capacity + j] = 1 }
        }
        let cache = KVCache(config: model.config, batch: requests.count, capacity: capacity, reservedRows: totalRows)
        // Each prompt is prefilled alone, so its keys, values and first logits never depend on the others.
        let single = KVCache(config: model.config, batch: 1, capacity: width)
        let c = model.config.hiddenSize
        let last = Tensor(shape: [requests.count, c], zeroed: false)
        for (p, r) in requests.enumerated() {
            single.reset()
            let hidden = try model.hiddenStates(ids: r.promptIds, batch: 1, cache: single)   // (1, L, C)
            (last.data + p * c).update(from: hidden.data + (r.promptIds.count - 1) * c, count: c)
            try cache.place(single, intoRow: p, at: width - r.promptIds.count)
        }
        try cache.setFilled(width)
        let promptLogits = Tensor(shape: [requests.count, v], zeroed: false)
        InferenceKernels.linear(promptLogits, last, rows: requests.count, weight: model.lmHeadWeight)
        // Expand: prompt p's cache row, mask row and logits go to each of its samples.
        var rows: [Row] = [], source: [Int] = []
        for (p, r) in requests.enumerated() {
            for s in 0..<r.n {
                rows.append(Row(request: p, sample: s, rng: RNG(seed: r.sampleSeed(s))))
                source.append(p)
            }
        }
        try cache.selectRows(source)
        let rowMask = Tensor(shape: [rows.count, capacity], zeroed: false)
        let ws = DecodeWorkspace(model: model, rows: rows.count, maxLength: capacity)
        mask.withUnsafeBufferPointer { m in
            for (i, p) in source.enumerated() {
                (rowMask.data + i * capacity).update(from: m.baseAddress! + p * capacity, count: capacity)
                (ws.logits.data + i * v).update(from: promptLogits.data + p * v, count: v)
            }
        }
        var sampler = Sampler(vocab: v)
        var active = Array(0..<rows.count)  // the row decoded in each cache slot
        var tokens = [Int32](), stepPositions = [Int32]()
        tokens.reserveCapacity(rows.count)
        stepPositions.reserveCapacity(rows.count)
        while true {
            for (slot, r) in active.enumerated() {
                let req = requests[rows[r].request]
                let seen = req.params.repetitionPenalty != 1 ? req.promptIds + rows[r].ids : []
                let (token, lp) = sampler.sample(ws.logits.data + slot * v, vocab: v, params: req.params, seen: seen,
                                                 rng: &rows[r].rng)
                rows[r].ids.append(token)
                rows[r].logprobs.append(lp)
                finish(&rows[r], token: token, params: req.params, eos: eos)
            }
            let keep = active.indices.filter { rows[active[$0]].finish == nil }
            if keep.isEmpty { break }
            if keep.count < active.count {
                // Finished rows leave: compact the cache and the mask so later steps skip them.
                try cache.selectRows(keep)
                for (i, slot) in keep.enumerated() where i != slot {
                    (rowMask.data + i * capacity).update(from: rowMask.data + slot * capacity, count: capacity)
                }
                active = keep.map { active[$0] }
            }
            tokens.removeAll(keepingCapacity: true)
            stepPositions.removeAll(keepingCapacity: true)
            for r in active {
                tokens.append(rows[r].ids.last!)
                stepPositions.append(Int32(requests[rows[r].request].promptIds.count + rows[r].ids.count - 1))
            }
            try model.decodeStep(tokens: tokens, positions: stepPositions, cache: cache, keyMask: rowMask, workspace: ws)
        }
        return rows.map { row in
            Completion(promptIndex: firstIndex + row.request, sampleIndex: row.sample,
                       promptIds: requests[row.request].promptIds, completionIds: row.ids,
                       text: row.stopText ?? decoder?.decodeText(row.ids) ?? "",
                       logprobs: row.logprobs, finishReason: row.finish ?? .length)
        }
    }

    /// Marks the row finished by a stop token, a stop string (keeping the text up to it) or its length.
    private func finish(_ row: inout Row, token: Int32, params: SamplingParams, eos: [Int32]) {
        if (params.stopTokenIds ?? eos).contains(token) {
            row.finish = .stop
        } else if !params.stopStrings.isEmpty, let decoder,
                  let cut = stopCut(decoder.decodeText(row.ids), params.stopStrings) {
            row.finish = .stop
            row.stopText = cut
        } else if row.ids.count >= params.maxNewTokens {
            row.finish = .length
        }
    }
}

/// The text up to and including the earliest stop string, or nil when none occurs.
func stopCut(_ text: String, _ stops: [String]) -> String? {
    var best: String.Index?
    for s in stops {
        if let r = text.range(of: s), best == nil || r.upperBound < best! { best = r.upperBound }
    }
    return best.map { String(text[..<$0]) }
}
