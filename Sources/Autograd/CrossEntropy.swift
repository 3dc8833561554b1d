// Fused cross-entropy over (N, V) logits: log-sum-exp and the target's logit in one pass per row, no
// (N, V) log-prob tensor kept. Supports an ignore index, per-token weights, and mean / sum / none
// reductions; `none` gives per-token losses (their negatives are the tokens' log-probs).
import Foundation

/// How per-token losses are combined.
public enum Reduction: String, Sendable, Codable {
    /// Σ wᵢ·lossᵢ / Σ wᵢ over tokens not ignored (plain mean when no weights).
    case mean
    /// Σ wᵢ·lossᵢ.
    case sum
    /// One loss per token, times its weight (0 for ignored tokens).
    case none
}

extension Tensor {
    /// Cross-entropy of (…, V) logits against integer targets, one per row.
    public func crossEntropy(targets: [Int32], weights: [Float]? = nil, ignoreIndex: Int32 = -100,
                             reduction: Reduction = .mean) throws -> Tensor {
        let (rows, v) = try lastAxisRows("cross_entropy")
        guard targets.count == rows else {
            throw AutogradError.shapeMismatch(op: "cross_entropy", lhs: shape, rhs: [targets.count],
                                              detail: "need one target per row (\(rows))")
        }
        if let weights, weights.count != rows {
            throw AutogradError.shapeMismatch(op: "cross_entropy", lhs: shape, rhs: [weights.count],
                                              detail: "need one weight per row (\(rows))")
        }
        if let bad = targets.firstIndex(where: { $0 != ignoreIndex && ($0 < 0 || Int($0) >= v) }) {
            throw AutogradError.invalidArgument(op: "cross_entropy",
                detail: "target \(targets[bad]) at row \(bad) is outside the vocabulary of \(v)")
        }
        let w = (0..<rows).map { targets[$0] == ignoreIndex ? 0 : (weights?[$0] ?? 1) }
        var lse = [Float](repeating: 0, count: rows)
        var losses = [Float](repeating: 0, count: rows)
        let x = UnsafeSendable(data)
        lse.withUnsafeMutableBufferPointer { lp in
            losses.withUnsafeMutableBufferPointer { lo in
                let l = UnsafeSendable(lp.baseAddress!), o = UnsafeSendable(lo.baseAddress!)
                Parallel.forEachChunk(rows, grain: RowKernels.grain(v)) { range in
                    for r in range where w[r] != 0 {
                        let row = x.value + r * v
                        let m = Kernels.max(row, v)
                        var acc = V16(), i = 0
                        let shift = V16(repeating: m)
                        while i + 16 <= v { acc += vexp(load16(row + i) - shift); i += 16 }
                        var s = acc.sum()
                        while i < v { s += sexp(row[i] - m); i += 1 }
                        l.value[r] = m + Foundation.log(s)
                        o.value[r] = l.value[r] - row[Int(targets[r])]
                    }
                }
            }
        }
        let denominator: Float = reduction == .mean ? w.reduce(0, +) : 1
        let out: Tensor
        switch reduction {
        case .none: out = Tensor(shape: Array(shape.dropLast()), values: zip(w, losses).map { $0 * $1 })
        case .mean, .sum:
            var total: Float = 0
            for r in 0..<rows where w[r] != 0 { total += w[r] * losses[r] }
            out = Tensor.scalar(denominator > 0 ? total / denominator : 0)
        }
        return out.record("cross_entropy", [self]) { _, g in
            self.accumulateGrad { gx, beta in
                let go = UnsafeSendable(gx), gs = UnsafeSendable(g.data)
                Parallel.forEachChunk(rows, grain: RowKernels.grain(v)) { range in
                    for r in range {
                        let dst = go.value + r * v
                        let coef = w[r] == 0 || denominator == 0 ? 0
                            : w[r] * (reduction == .none ? gs.value[r] : gs.value[0]) / denominator
                        if coef == 0 {
                            if beta == 0 { dst.update(repeating: 0, count: v) }
                            continue
                        }
                        // d/dx = coef · (softmax(x) − onehot(target))
                        let shift = V16(repeating: lse[r]), c = V16(repeating: coef)
                        Kernels.zip(dst, x.value + r * v, dst, v) { xv, acc in
                            let p = vexp(xv - shift) * c
                            return beta == 0 ? p : acc + p
                        }
                        dst[Int(targets[r])] -= coef
                    }
                }
            }
        }
    }
}
