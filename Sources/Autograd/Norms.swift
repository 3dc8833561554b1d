// RMSNorm (Llama, Qwen2) and LayerNorm over the last axis, fused: one pass computes the row statistic
// and the output; backward recomputes x̂ from the saved per-row statistics. Weight gradients are summed
// per fixed chunk of rows and then in chunk order, so they never depend on the thread count.
import Foundation

extension Tensor {
    /// RMSNorm: x / sqrt(mean(x²) + eps) · weight, over the last axis (weight has that axis's size).
    public func rmsNorm(weight: Tensor, eps: Float) throws -> Tensor {
        try Norm.apply(self, weight: weight, bias: nil, eps: eps, centered: false)
    }

    /// LayerNorm: (x − mean) / sqrt(var + eps) · weight + bias, over the last axis.
    public func layerNorm(weight: Tensor, bias: Tensor?, eps: Float) throws -> Tensor {
        try Norm.apply(self, weight: weight, bias: bias, eps: eps, centered: true)
    }
}

/// Shared forward/backward of RMSNorm (centered = false) and LayerNorm (centered = true).
enum Norm {
    static func apply(_ input: Tensor, weight: Tensor, bias: Tensor?, eps: Float, centered: Bool) throws -> Tensor {
        let op = centered ? "layer_norm" : "rms_norm"
        let (rows, c) = try input.lastAxisRows(op)
        for p in [weight, bias].compactMap({ $0 }) where p.shape != [c] {
            throw AutogradError.shapeMismatch(op: op, lhs: input.shape, rhs: p.shape,
                                              detail: "weight and bias must be [\(c)]")
        }
        let out = Tensor(shape: input.shape, zeroed: false)
        let stats = Tensor(shape: [rows, 2], zeroed: false)  // (mean, 1/std) per row
        let x = UnsafeSendable(input.data), o = UnsafeSendable(out.data), st = UnsafeSendable(stats.data)
        let w = UnsafeSendable(weight.data), b = UnsafeSendable(bias?.data)
        Parallel.forEachChunk(rows, grain: RowKernels.grain(c)) { range in
            for r in range {
                let row = x.value + r * c
                let mean = centered ? Kernels.sum(row, c) / Float(c) : 0
                var acc = V16(), i = 0
                let mv = V16(repeating: mean)
                while i + 16 <= c { let d = load16(row + i) - mv; acc = acc.addingProduct(d, d); i += 16 }
                var ss = acc.sum()
                while i < c { ss += (row[i] - mean) * (row[i] - mean); i += 1 }
                let inv = 1 / (ss / Float(c) + eps).squareRoot()
                st.value[2 * r] = mean
                st.value[2 * r + 1] = inv
                let s = V16(repeating: inv)
                if let bp = b.value {
                    Kernels.zip3(o.value + r * c, row, w.value, bp, c) { x, w, b in (x - mv) * s * w + b }
                } else {
                    Kernels.zip(o.value + r * c, row, w.value, c) { ($0 - mv) * s * $1 }
                }
            }
        }
        return out.record(op, [input, weight] + (bias.map { [$0] } ?? [])) { _, g in
            backward(input, weight: weight, bias: bias, g: g, stats: stats, rows: rows, c: c, centered: centered)
        }
    }

    static func backward(_ input: Tensor, weight: Tensor, bias: Tensor?, g: Tensor, stats: Tensor,
                         rows: Int, c: Int, centered: Bool) {
        let chunks = Parallel.chunks(rows, grain: RowKernels.grain(c))
        let partial = Tensor(shape: [chunks.count, 2, c], zeroed: true)  // per chunk: Σ g·x̂, Σ g
        let gx = input.requiresGrad ? Tensor(shape: input.shape, zeroed: false) : nil
        let x = UnsafeSendable(input.data), gs = UnsafeSendable(g.data), st = UnsafeSendable(stats.data)
        let w = UnsafeSendable(weight.data), ps = UnsafeSendable(partial.data), gxs = UnsafeSendable(gx?.data)
        Parallel.forEachTask(chunks.count) { ci in
            let dw = ps.value + ci * 2 * c, db = dw + c
            for r in chunks[ci] {
                let row = x.value + r * c, gr = gs.value + r * c
                let mv = V16(repeating: st.value[2 * r]), s = V16(repeating: st.value[2 * r + 1])
                Kernels.zip3(dw, gr, row, dw, c) { g, x, acc in acc.addingProduct(g, (x - mv) * s) }
                if centered { Kernels.addInPlace(db, gr, c) }
                guard let gxBase = gxs.value else { continue }
                let dst = gxBase + r * c
                // dx = inv · (gw − mean(gw) − x̂ · mean(gw · x̂)), gw = g · w; RMSNorm drops the mean terms.
                var accA = V16(), accB = V16(), i = 0
                while i + 16 <= c {
                    let gw = load16(gr + i) * load16(w.value + i)
                    accA += gw
                    accB = accB.addingProduct(gw, (load16(row + i) - mv) * s)
                    i += 16
                }
                var sumGW = accA.sum(), sumGWX = accB.sum()
                while i < c {
                    let gw = gr[i] * w.value[i]
                    sumGW += gw
                    sumGWX += gw * (row[i] - mv[0]) * s[0]
                    i += 1
                }
                let meanGW = V16(repeating: centered ? sumGW / Float(c) : 0)
                let meanGWX = V16(repeating: sumGWX / Float(c))
                Kernels.zip3(dst, gr, w.value, row, c) { g, w, x in
                    s * (g * w - meanGW - (x - mv) * s * meanGWX)
                }
            }
        }
        if let gx { input.accumulateGrad(gx) }
        weight.accumulateGrad { gw, beta in
            if beta == 0 { gw.update(repeating: 0, count: c) }
            for ci in 0..<chunks.count { Kernels.addInPlace(gw, ps.value + ci * 2 * c, c) }
        }
        bias?.accumulateGrad { gb, beta in
            if beta == 0 { gb.update(repeating: 0, count: c) }
            for ci in 0..<chunks.count { Kernels.addInPlace(gb, ps.value + ci * 2 * c + c, c) }
        }
    }
}
