// Allocation-free kernels for decoding one token per sequence: each writes into a buffer the caller
// preallocated, so a generation loop allocates nothing per token. They reuse the training kernels.
import Foundation

/// Raw forward kernels over preallocated tensors (no tape, no allocation).
public enum InferenceKernels {
    /// out[r, :] = x[r, :] · Wᵀ (+ bias) for the first `rows` rows; W is (N, K).
    public static func linear(_ out: Tensor, _ x: Tensor, rows: Int, weight: Tensor, bias: Tensor? = nil) {
        let n = weight.shape[0], k = weight.shape[1]
        precondition(x.count >= rows * k && out.count >= rows * n, "linear: buffers too small for \(rows) rows")
        product(out, x, rows: rows, weight: weight, alpha: 1, accumulate: false)
        if let bias {
            for r in 0..<rows { Kernels.addInPlace(out.data + r * n, bias.data, n) }
        }
    }

    /// out[r, :] += scale · x[r, :] · Wᵀ (a LoRA update on top of a projection).
    public static func linearAccumulate(_ out: Tensor, _ x: Tensor, rows: Int, weight: Tensor, scale: Float) {
        product(out, x, rows: rows, weight: weight, alpha: scale, accumulate: true)
    }

    /// Always the row-dot kernel, whatever the row count: each output row is then computed the same way
    /// whichever batch it sits in, so a request's samples do not depend on the batch composition.
    /// OpenBLAS (faster from ~16 rows: tiny batch 64 decoded 14,009 vs 12,284 tok/s) changes the last
    /// bits of a row's log-probs with the rows around it.
    static func product(_ out: Tensor, _ x: Tensor, rows: Int, weight: Tensor, alpha: Float, accumulate: Bool) {
        SkinnyGemm.multiply(out.data, x.data, weight.data, m: rows, n: weight.shape[0], k: weight.shape[1],
                            alpha: alpha, accumulate: accumulate)
    }

    /// out = RMSNorm(x) · weight over rows of width weight.count.
    public static func rmsNorm(_ out: Tensor, _ x: Tensor, rows: Int, weight: Tensor, eps: Float) {
        let c = weight.count
        for r in 0..<rows {
            let row = x.data + r * c
            let s = V16(repeating: 1 / (Kernels.dot(row, row, c) / Float(c) + eps).squareRoot())
            Kernels.zip(out.data + r * c, row, weight.data, c) { $0 * s * $1 }
        }
    }

    /// out = silu(gate) · up over `count` elements.
    public static func swiglu(_ out: Tensor, gate: Tensor, up: Tensor, count: Int) {
        Kernels.zip(out.data, gate.data, up.data, count) { x, u in x / (1 + vexp(-x)) * u }
    }

    /// acc += x over `count` elements.
    public static func addInPlace(_ acc: Tensor, _ x: Tensor, count: Int) {
        Kernels.addInPlace(acc.data, x.data, count)
    }

    /// Cos/sin table for one position per row: (rows, D) with cos in the first half, sin in the second.
    public static func ropeTable(_ table: Tensor, positions: [Int32], inverseFrequencies invFreq: [Float]) {
        let half = invFreq.count, d = 2 * half
        for (r, p) in positions.enumerated() {
            for j in 0..<half {
                let angle = Float(p) * invFreq[j]
                table.data[r * d + j] = Foundation.cos(angle)
                table.data[r * d + half + j] = Foundation.sin(angle)
            }
        }
    }

    /// Rotates `heads` heads of each of `rows` rows of x (rows, heads·D) in place by the row's table entry.
    public static func rope(_ x: Tensor, rows: Int, heads: Int, headDim d: Int, table: Tensor) {
        let half = d / 2
        for r in 0..<rows {
            let cosp = table.data + r * d, sinp = cosp + half
            for h in 0..<heads {
                let base = x.data + (r * heads + h) * d
                for j in 0..<half {
                    let x1 = base[j], x2 = base[half + j]
                    base[j] = x1 * cosp[j] - x2 * sinp[j]
                    base[half + j] = x2 * cosp[j] + x1 * sinp[j]
                }
            }
        }
    }

    /// One query per row attending over the first `length` cached keys of its row: q (rows, Hq·D),
    /// keys/values (rows≥, Hkv, capacity, D), keyMask (rows, maskStride) with 0 for padding, scores a
    /// scratch of at least rows·Hq·length floats. Writes out (rows, Hq·D). Plain SIMD loops: with one
    /// query per head, sgemm calls cost more in overhead than the arithmetic.
    public static func attendOne(out: Tensor, q: Tensor, keys: Tensor, values: Tensor, rows: Int, length: Int,
                                 heads hq: Int, kvHeads hkv: Int, headDim d: Int, keyMask: Tensor?, maskStride: Int,
                                 scores: Tensor) {
        let capacity = keys.shape[2], group = hq / hkv, ldk = d
        let scale = 1 / Float(d).squareRoot()
        let (qs, ks, vs, os) = (UnsafeSendable(q.data), UnsafeSendable(keys.data), UnsafeSendable(values.data), UnsafeSendable(out.data))
        let (ss, ms) = (UnsafeSendable(scores.data), UnsafeSendable(keyMask?.data))
        Parallel.forEachTask(rows * hkv) { task in
            let r = task / hkv, kh = task % hkv
            let kp = ks.value + (r * hkv + kh) * capacity * d, vp = vs.value + (r * hkv + kh) * capacity * d
            // Leading padding is skipped, not masked: the softmax then sees a row's real keys in the same
            // SIMD lanes however much padding its batch gave it, so the result does not depend on the batch.
            var start = 0
            if let m = ms.value { while start < length && m[r * maskStride + start] == 0 { start += 1 } }
            for h in kh * group..<(kh + 1) * group {
                let qp = qs.value + (r * hq + h) * d, sp = ss.value + (r * hq + h) * length
                let op = os.value + (r * hq + h) * d
                if start == length {
                    op.update(repeating: 0, count: d)
                    continue
                }
                DecodeAttention.scores(sp + start, q: qp, keys: kp + start * ldk, ldk: ldk, count: length - start,
                                       headDim: d, scale: scale)
                if let m = ms.value {
                    for j in start..<length where m[r * maskStride + j] == 0 { sp[j] = -.infinity }
                }
                RowKernels.softmaxRow(sp + start, sp + start, length - start, log: false)
                DecodeAttention.weightedSum(op, p: sp + start, values: vp + start * ldk, ldv: ldk, count: length - start,
                                            headDim: d)
            }
        }
    }

    /// Copies (rows, Hkv·D) new keys and values into position `at` of each row of a (B, Hkv, capacity, D)
    /// cache layer.
    public static func appendKV(keys: Tensor, values: Tensor, k: Tensor, v: Tensor, rows: Int, at position: Int) {
        let heads = keys.shape[1], capacity = keys.shape[2], d = keys.shape[3]
        for r in 0..<rows {
            for h in 0..<heads {
                let at = ((r * heads + h) * capacity + position) * d, from = (r * heads + h) * d
                (keys.data + at).update(from: k.data + from, count: d)
                (values.data + at).update(from: v.data + from, count: d)
            }
        }
    }
}
