// Picks the next token of one sequence from its logits: repetition penalty, temperature, top-k,
// top-p and min-p (Hugging Face's order), then a draw from the row's own RNG. Also returns the token's
// log-prob under the temperature-scaled, unfiltered distribution, which is what TRL recomputes in
// training (the raw distribution when greedy).
import Autograd
import Foundation

typealias V16Float = SIMD16<Float>

/// Per-row sampling over a logits buffer, with scratch reused across calls.
struct Sampler {
    private var probs: [Float]
    private var order: [Int32]
    private var selection: [Float]

    init(vocab: Int) {
        probs = [Float](repeating: 0, count: vocab)
        order = [Int32](repeating: 0, count: vocab)
        selection = [Float](repeating: 0, count: vocab)
    }

    /// The next token and its log-prob. `logits` (V) is modified in place (penalties, scaling).
    mutating func sample(_ logits: UnsafeMutablePointer<Float>, vocab v: Int, params: SamplingParams,
                         seen: [Int32], rng: inout RNG) -> (token: Int32, logprob: Float) {
        let t = params.temperature > 0 ? params.temperature : 1
        // Log-prob reference: log-softmax of logits / T before any penalty or filter.
        let logZ = Self.logSumExp(logits, v, scale: 1 / t)
        var penalized = Set<Int32>()
        if params.repetitionPenalty != 1 {
            let p = params.repetitionPenalty
            penalized = Set(seen.filter { $0 >= 0 && Int($0) < v })
            for id in penalized {
                let i = Int(id)
                logits[i] = logits[i] > 0 ? logits[i] / p : logits[i] * p
            }
        }
        let token: Int32
        if params.temperature == 0 {
            var best = 0
            for i in 1..<v where logits[i] > logits[best] { best = i }
            token = Int32(best)
        } else {
            token = draw(logits, v: v, params: params, rng: &rng)
        }
        // Undo the penalty on the chosen token (it keeps the sign, so it inverts exactly).
        var raw = logits[Int(token)]
        if penalized.contains(token) {
            raw = raw > 0 ? raw * params.repetitionPenalty : raw / params.repetitionPenalty
        }
        return (token, raw / t - logZ)
    }

    /// The k-th largest probability among the first n candidates (a partial selection, no full sort).
    private mutating func kthLargest(n: Int, k: Int) -> Float {
        for j in 0..<n { selection[j] = probs[Int(order[j])] }
        return selection.withUnsafeMutableBufferPointer { values in
        var lo = 0, hi = n - 1
        let target = k - 1
        while lo < hi {
            let pivot = values[(lo + hi) / 2]
            var i = lo, j = hi
            while i <= j {
                while values[i] > pivot { i += 1 }
                while values[j] < pivot { j -= 1 }
                if i <= j { values.swapAt(i, j); i += 1; j -= 1 }
            }
            if target <= j { hi = j } else if target >= i { lo = i } else { return values[target] }
        }
        return values[target]
        }
    }

    /// log Σ exp(scale · x) over v values, vectorised.
    static func logSumExp(_ x: UnsafePointer<Float>, _ v: Int, scale: Float) -> Float {
        var m = -Float.infinity
        for i in 0..<v where x[i] > m { m = x[i] }
        let s = V16Float(repeating: scale), shift = V16Float(repeating: m * scale)
        var acc = V16Float(), i = 0
        while i + 16 <= v {
            acc += VectorMath.exp(UnsafeRawPointer(x + i).loadUnaligned(as: V16Float.self) * s - shift)
            i += 16
        }
        var z = acc.sum()
        while i < v { z += Foundation.exp(x[i] * scale - m * scale); i += 1 }
        return Foundation.log(z) + m * scale
    }

    private mutating func draw(_ logits: UnsafeMutablePointer<Float>, v: Int, params: SamplingParams,
                               rng: inout RNG) -> Int32 {
        let t = params.temperature
        // probs = softmax(logits / t), vectorised.
        let logZ = Self.logSumExp(logits, v, scale: 1 / t)
        probs.withUnsafeMutableBufferPointer { p in
            let s = V16Float(repeating: 1 / t), z = V16Float(repeating: logZ)
            var i = 0
            while i + 16 <= v {
                let e = VectorMath.exp(UnsafeRawPointer(logits + i).loadUnaligned(as: V16Float.self) * s - z)
                UnsafeMutableRawPointer(p.baseAddress! + i).storeBytes(of: e, as: V16Float.self)
                i += 16
            }
            while i < v { p[i] = Foundation.exp(logits[i] / t - logZ); i += 1 }
        }
        if params.topK == 0 && params.topP >= 1 && params.minP == 0 {
            // No filter: draw in index order, no sorting.
            let u = rng.nextFloat()
            var acc: Float = 0
            for i in 0..<v {
                acc += probs[i]
                if u < acc { return Int32(i) }
            }
            var last = v - 1
            while last > 0 && probs[last] == 0 { last -= 1 }
            return Int32(last)
        }
        // Candidates, most likely first; the long tail is cut before sorting when it cannot matter.
        var n = 0
        var floor: Float = params.topP < 1 ? (1 - params.topP) / Float(v) : 0
        if params.minP > 0 {
            var top: Float = 0
            for i in 0..<v where probs[i] > top { top = probs[i] }
            floor = max(floor, params.minP * top * (1 - 1e-6))
        }
        for i in 0..<v where probs[i] >= floor && probs[i] > 0 { order[n] = Int32(i); n += 1 }
        if params.topK > 0 && params.topK < n {
            // Only the k best (and ties with the k-th) can survive: select them before sorting.
            let kth = kthLargest(n: n, k: params.topK)
            var m = 0
            for j in 0..<n where probs[Int(order[j])] >= kth { order[m] = order[j]; m += 1 }
            n = m
        }
        order[0..<n].sort { probs[Int($0)] > probs[Int($1)] || (probs[Int($0)] == probs[Int($1)] && $0 < $1) }
        var mass: Float = 1
        if params.topK > 0 { mass = (0..<n).reduce(Float(0)) { $0 + probs[Int(order[$1])] } }
        if params.topP < 1 {
            // Keep tokens while the mass before them is below p (Hugging Face's TopPLogitsWarper).
            var cumulative: Float = 0, keep = 0
            while keep < n {
                cumulative += probs[Int(order[keep])]
                keep += 1
                if cumulative >= params.topP * mass { break }
            }
            n = keep
        }
        if params.minP > 0 {
            let threshold = params.minP * probs[Int(order[0])]
            var keep = 1
            while keep < n && probs[Int(order[keep])] >= threshold { keep += 1 }
            n = keep
        }
        var kept: Float = 0
        for j in 0..<n { kept += probs[Int(order[j])] }
        let u = rng.nextFloat() * kept
        var acc: Float = 0
        for j in 0..<n {
            acc += probs[Int(order[j])]
            if u < acc { return order[j] }
        }
        return order[n - 1]
    }
}
