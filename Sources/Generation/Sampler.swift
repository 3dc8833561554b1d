// Picks the next token of one sequence from its logits: repetition penalty, temperature, top-k,
// top-p and min-p (Hugging Face's order), then a draw from the row's own RNG. Also returns the token's
// log-prob under the temperature-scaled, unfiltered distribution, which is what TRL recomputes in
// training (the raw distribution when greedy).
import Autograd
import Foundation

/// Per-row sampling over a logits buffer, with scratch reused across calls.
struct Sampler {
    private var probs: [Float]
    private var order: [Int32]

    init(vocab: Int) {
        probs = [Float](repeating: 0, count: vocab)
        order = [Int32](repeating: 0, count: vocab)
    }

    /// The next token and its log-prob. `logits` (V) is modified in place (penalties, scaling).
    mutating func sample(_ logits: UnsafeMutablePointer<Float>, vocab v: Int, params: SamplingParams,
                         seen: [Int32], rng: inout RNG) -> (token: Int32, logprob: Float) {
        let t = params.temperature > 0 ? params.temperature : 1
        // Log-prob reference: log-softmax of logits / T before any penalty or filter.
        var maxLogit = -Float.infinity
        for i in 0..<v where logits[i] > maxLogit { maxLogit = logits[i] }
        var z = 0.0
        for i in 0..<v { z += Foundation.exp(Double((logits[i] - maxLogit) / t)) }
        let logZ = Float(Foundation.log(z)) + maxLogit / t
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

    private mutating func draw(_ logits: UnsafeMutablePointer<Float>, v: Int, params: SamplingParams,
                               rng: inout RNG) -> Int32 {
        let t = params.temperature
        var m = -Float.infinity
        for i in 0..<v where logits[i] > m { m = logits[i] }
        var total: Float = 0
        for i in 0..<v {
            probs[i] = Foundation.exp((logits[i] - m) / t)
            total += probs[i]
        }
        for i in 0..<v { probs[i] /= total }
        // Candidates, most likely first; the long tail is cut before sorting when it cannot matter.
        var n = 0
        let floor: Float = params.topP < 1 ? (1 - params.topP) / Float(v) : 0
        for i in 0..<v where probs[i] >= floor && probs[i] > 0 { order[n] = Int32(i); n += 1 }
        order[0..<n].sort { probs[Int($0)] > probs[Int($1)] || (probs[Int($0)] == probs[Int($1)] && $0 < $1) }
        var mass: Float = 1
        if params.topK > 0, params.topK < n {
            let kth = probs[Int(order[params.topK - 1])]
            var keep = params.topK
            while keep < n && probs[Int(order[keep])] == kth { keep += 1 }
            n = keep
            mass = (0..<n).reduce(Float(0)) { $0 + probs[Int(order[$1])] }
        }
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
