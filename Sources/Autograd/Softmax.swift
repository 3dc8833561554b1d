// Softmax and log-softmax over the last axis, one fused pass per row (max, exp-sum, normalise),
// rows split across threads. Backward uses the saved output only.
import Foundation

extension Tensor {
    /// Softmax over the last axis.
    public func softmax() throws -> Tensor { try rowSoftmax("softmax", log: false) }

    /// Log-softmax over the last axis (numerically stable).
    public func logSoftmax() throws -> Tensor { try rowSoftmax("log_softmax", log: true) }

    private func rowSoftmax(_ op: String, log: Bool) throws -> Tensor {
        let (rows, n) = try lastAxisRows(op)
        let out = Tensor(shape: shape, zeroed: false)
        RowKernels.softmax(out.data, data, rows: rows, n: n, log: log)
        return out.record(op, [self]) { out, g in
            self.accumulateGrad { gx, beta in
                RowKernels.softmaxBackward(gx, beta, g.data, out.data, rows: rows, n: n, log: log)
            }
        }
    }

    func lastAxisRows(_ op: String) throws -> (rows: Int, n: Int) {
        guard rank >= 1, shape[rank - 1] > 0 else {
            throw AutogradError.invalidArgument(op: op, detail: "needs a non-empty last axis, got \(shape)")
        }
        return (count / shape[rank - 1], shape[rank - 1])
    }
}

/// Row-wise kernels shared by softmax, cross-entropy and attention.
enum RowKernels {
    /// Rows per parallel chunk so each chunk has about 32K elements.
    static func grain(_ n: Int) -> Int { Swift.max(1, (1 << 15) / Swift.max(n, 1)) }

    /// out = softmax(x) or log_softmax(x), row by row; returns nothing, rows are independent.
    static func softmax(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, rows: Int, n: Int, log: Bool) {
        let o = UnsafeSendable(out), src = UnsafeSendable(x)
        Parallel.forEachChunk(rows, grain: grain(n)) { range in
            for r in range { softmaxRow(o.value + r * n, src.value + r * n, n, log: log) }
        }
    }

    /// One row of softmax; returns log-sum-exp of the row.
    @inline(__always) @discardableResult
    static func softmaxRow(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ n: Int, log: Bool) -> Float {
        let m = Kernels.max(x, n)
        if m == -.infinity {  // fully masked row: define as zeros, never NaN
            out.update(repeating: log ? -.infinity : 0, count: n)
            return -.infinity
        }
        let shift = V16(repeating: m)
        var acc = V16()
        var i = 0
        while i + 16 <= n {
            let e = vexp(load16(x + i) - shift)
            if !log { store16(out + i, e) }
            acc += e
            i += 16
        }
        var s = acc.sum()
        while i < n {
            let e = sexp(x[i] - m)
            if !log { out[i] = e }
            s += e
            i += 1
        }
        let lse = m + Foundation.log(s)
        if log {
            Kernels.map(out, x, n) { $0 - lse }
        } else {
            let inv = 1 / s
            Kernels.scale(out, out, inv, n)
        }
        return lse
    }

    /// gx (+)= softmax or log-softmax backward from g and the saved output y.
    static func softmaxBackward(_ gx: UnsafeMutablePointer<Float>, _ beta: Float, _ g: UnsafePointer<Float>,
                                _ y: UnsafePointer<Float>, rows: Int, n: Int, log: Bool) {
        let o = UnsafeSendable(gx), gs = UnsafeSendable(g), ys = UnsafeSendable(y)
        Parallel.forEachChunk(rows, grain: grain(n)) { range in
            for r in range {
                let go = o.value + r * n, gr = gs.value + r * n, yr = ys.value + r * n
                if log {
                    // d/dx log_softmax: g − softmax · Σg
                    let total = V16(repeating: Kernels.sum(gr, n))
                    Kernels.zip3(go, gr, yr, go, n) { g, y, acc in
                        let v = g - vexp(y) * total
                        return beta == 0 ? v : acc + v
                    }
                } else {
                    // d/dx softmax: y · (g − Σ g·y)
                    let dotv = V16(repeating: Kernels.dot(gr, yr, n))
                    Kernels.zip3(go, gr, yr, go, n) { g, y, acc in
                        let v = y * (g - dotv)
                        return beta == 0 ? v : acc + v
                    }
                }
            }
        }
    }
}
