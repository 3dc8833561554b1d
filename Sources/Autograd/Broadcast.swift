// NumPy broadcasting for binary ops: the output shape, and a loop plan that walks the output row by row
// with each operand's offset. Dimensions that can be merged are merged, so (N, C) + (C) is N rows of a
// vector add and (N, C) * (N, 1) is N rows of a vector-times-scalar.

/// How two operands map onto a broadcast output.
struct BroadcastPlan {
    let outShape: [Int]
    /// Coalesced loop dims; the last is the contiguous inner row.
    let dims: [Int]
    let aStrides: [Int]
    let bStrides: [Int]

    var rowLength: Int { dims.last ?? 1 }
    var rows: Int { dims.dropLast().reduce(1, *) }

    init(_ op: String, _ a: [Int], _ b: [Int]) throws {
        let rank = Swift.max(a.count, b.count)
        let pa = Array(repeating: 1, count: rank - a.count) + a
        let pb = Array(repeating: 1, count: rank - b.count) + b
        var out = [Int](repeating: 1, count: rank)
        for d in 0..<rank {
            if pa[d] == pb[d] || pb[d] == 1 { out[d] = pa[d] }
            else if pa[d] == 1 { out[d] = pb[d] }
            else {
                throw AutogradError.shapeMismatch(op: op, lhs: a, rhs: b,
                    detail: "axis \(d - rank) has sizes \(pa[d]) and \(pb[d]); each must match or be 1")
            }
        }
        outShape = out
        func strides(_ s: [Int]) -> [Int] {
            var st = [Int](repeating: 0, count: rank), acc = 1
            for d in stride(from: rank - 1, through: 0, by: -1) {
                st[d] = s[d] == 1 && out[d] != 1 ? 0 : acc
                acc *= s[d]
            }
            return st
        }
        let sa = strides(pa), sb = strides(pb)
        // Drop size-1 dims, then merge neighbours that both operands walk the same way.
        var md: [Int] = [], ma: [Int] = [], mb: [Int] = []
        for d in 0..<rank where out[d] != 1 {
            if let outer = md.last, let oa = ma.last, let ob = mb.last,
               oa == sa[d] * out[d], ob == sb[d] * out[d] {
                md[md.count - 1] = outer * out[d]
                ma[ma.count - 1] = sa[d]
                mb[mb.count - 1] = sb[d]
            } else {
                md.append(out[d]); ma.append(sa[d]); mb.append(sb[d])
            }
        }
        if md.isEmpty { md = [1]; ma = [1]; mb = [1] }
        self.dims = md
        aStrides = ma
        bStrides = mb
    }

    /// Calls `body(row, aOffset, bOffset)` for every output row in order.
    @inline(__always)
    func forEachRow(_ body: (Int, Int, Int) -> Void) {
        let outer = dims.count - 1
        if outer == 0 { body(0, 0, 0); return }
        var index = [Int](repeating: 0, count: outer)
        var ao = 0, bo = 0
        for row in 0..<rows {
            body(row, ao, bo)
            var d = outer - 1
            while d >= 0 {
                index[d] += 1
                ao += aStrides[d]
                bo += bStrides[d]
                if index[d] < dims[d] { break }
                ao -= aStrides[d] * dims[d]
                bo -= bStrides[d] * dims[d]
                index[d] = 0
                d -= 1
            }
        }
    }
}

extension Tensor {
    /// Sums this gradient down to `target` shape, undoing a broadcast (axes of size 1 or missing).
    func reduced(to target: [Int]) throws -> Tensor {
        if target == shape { return self }
        let plan = try BroadcastPlan("sum_to_shape", shape, target)
        guard plan.outShape == shape else {
            throw AutogradError.shapeMismatch(op: "sum_to_shape", lhs: shape, rhs: target,
                                              detail: "target does not broadcast to the source")
        }
        let out = Tensor(shape: target, zeroed: true)
        let n = plan.rowLength, inner = plan.bStrides.last ?? 1
        let src = data, dst = out.data
        plan.forEachRow { row, _, bo in
            let s = src + row * n
            if inner == 0 {
                dst[bo] += Kernels.sum(s, n)
            } else {
                Kernels.addInPlace(dst + bo, s, n)
            }
        }
        return out
    }
}
