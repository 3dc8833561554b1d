// The loss variants against a plain scalar re-statement of TRL's formulas, for every loss_type,
// importance-sampling level, with and without beta and clip-higher; and advantages against TRL's.
import Autograd
import Foundation
import Testing
import Training

/// TRL's GRPO loss written out with Doubles, one token at a time.
private func reference(logps: [[Double]], old: [[Double]], ref: [[Double]], adv: [Double], mask: [[Double]],
                       lossType: String, level: String, eps: Double, epsHigh: Double, beta: Double,
                       tokensInBatch: Int, maxLen: Int) -> Double {
    let b = logps.count, t = logps[0].count
    var perToken = [[Double]](repeating: [Double](repeating: 0, count: t), count: b)
    for i in 0..<b {
        let n = max(1, mask[i].reduce(0, +))
        let seqLogRatio = (0..<t).reduce(0.0) { $0 + (logps[i][$1] - old[i][$1]) * mask[i][$1] } / n
        for j in 0..<t {
            let r = exp(level == "sequence" ? seqLogRatio : logps[i][j] - old[i][j])
            let c = min(max(r, 1 - eps), 1 + epsHigh)
            perToken[i][j] = -min(r * adv[i], c * adv[i])
            if beta > 0 {
                let d = ref[i][j] - logps[i][j]
                perToken[i][j] += beta * (exp(d) - d - 1) * r  // TRL's use_bias_correction_kl
            }
        }
    }
    let masked = (0..<b).map { i in (0..<t).map { perToken[i][$0] * mask[i][$0] } }
    let total = masked.flatMap { $0 }.reduce(0, +), tokens = mask.flatMap { $0 }.reduce(0, +)
    switch lossType {
    case "grpo":
        var sum = 0.0
        for i in 0..<b { sum += masked[i].reduce(0, +) / max(1, mask[i].reduce(0, +)) }
        return sum / Double(b)
    case "bnpo": return total / max(1, tokens)
    case "dr_grpo": return total / Double(b * maxLen)
    default: return total / Double(tokensInBatch)
    }
}

@Suite struct PolicyLossTests {
    static let cases: [(String, String, Double, Double)] = ["grpo", "bnpo", "dr_grpo", "dapo"].flatMap { type in
        ["token", "sequence"].flatMap { level in [(type, level, 0.0, 0.2), (type, level, 0.04, 0.28)] }
    }

    @Test(arguments: cases)
    func matchesTheFormula(_ c: (String, String, Double, Double)) throws {
        let (lossType, level, beta, epsHigh) = c
        var rng = RNG(seed: 3)
        let (b, t) = (3, 5)
        let logps = (0..<b).map { _ in (0..<t).map { _ in -Double(rng.nextFloat()) * 3 } }
        let old = logps.map { $0.map { $0 + Double(rng.nextFloat() - 0.5) * 0.8 } }
        let ref = logps.map { $0.map { $0 + Double(rng.nextFloat() - 0.5) * 0.5 } }
        let adv = [1.2, -0.7, 0.3]
        let mask: [[Double]] = [[1, 1, 1, 1, 1], [1, 1, 0, 0, 0], [1, 1, 1, 0, 0]]
        func tensor(_ x: [[Double]]) -> Tensor { Tensor(shape: [b, t], values: x.flatMap { $0 }.map(Float.init)) }
        let input = PolicyLossInput(logps: tensor(logps).asParameter(), oldLogps: tensor(old), refLogps: tensor(ref),
                                    advantages: Tensor(shape: [b, 1], values: adv.map(Float.init)), mask: tensor(mask),
                                    tokensInBatch: 17, maxCompletionLength: 8)
        let out = try PolicyLoss.compute(input, lossType: LossType(rawValue: lossType)!, importanceLevel: level, epsilon: 0.2,
                                         epsilonHigh: epsHigh, beta: beta)
        let expected = reference(logps: logps, old: old, ref: ref, adv: adv, mask: mask, lossType: lossType, level: level,
                                 eps: 0.2, epsHigh: epsHigh, beta: beta, tokensInBatch: 17, maxLen: 8)
        #expect(abs(Double(out.loss.item()) - expected) < 1e-5 * max(1, abs(expected)), "\(c): \(out.loss.item()) vs \(expected)")
        // The gradient of the loss with respect to the log-probs, by central differences of the formula.
        try out.loss.backward()
        let grad = input.logps.grad!.toArray()
        for i in 0..<b { for j in 0..<t {
            var plus = logps, minus = logps
            plus[i][j] += 1e-5
            minus[i][j] -= 1e-5
            let f = { (x: [[Double]]) in reference(logps: x, old: old, ref: ref, adv: adv, mask: mask, lossType: lossType,
                                                    level: level, eps: 0.2, epsHigh: epsHigh, beta: beta, tokensInBatch: 17, maxLen: 8) }
            let numeric = (f(plus) - f(minus)) / 2e-5
            #expect(abs(Double(grad[i * t + j]) - numeric) < 1e-3, "\(c) d/dlogp[\(i)][\(j)]")
        } }
    }

    @Test func advantagesFollowTRL() {
        let rewards = [1.0, 0.0, 0.5, 0.5, 2.0, 2.0, 2.0, 2.0]
        let group = Advantages.compute(rewards, groupSize: 4, scale: "group")
        // Group 1: mean 0.5, unbiased std sqrt(1/6); group 2 has no variance → zeros.
        let std1 = (0.5 / 3).squareRoot()
        #expect(abs(group[0] - 0.5 / (std1 + 1e-4)) < 1e-9 && group[4...].allSatisfy { $0 == 0 })
        let none = Advantages.compute(rewards, groupSize: 4, scale: "none")
        #expect(none[0] == 0.5 && none[1] == -0.5)
        let batch = Advantages.compute(rewards, groupSize: 4, scale: "batch")
        let mean = rewards.reduce(0, +) / 8
        let batchStd = (rewards.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 7).squareRoot()
        #expect(abs(batch[0] - 0.5 / (batchStd + 1e-4)) < 1e-9)
        #expect(Advantages.flatGroups(rewards, groupSize: 4) == [1])
    }
}
