// Index ops: picking rows of a table (embedding lookup) and picking one entry per row along the last
// axis (the log-prob of each chosen token). Backward scatters with `+=` in a fixed order.

extension Tensor {
    /// Rows `indices` of this (N, C) table, shaped `indexShape + [C]` (an embedding lookup).
    public func indexSelect(_ indices: [Int32], shape indexShape: [Int]? = nil) throws -> Tensor {
        guard rank == 2 else {
            throw AutogradError.invalidArgument(op: "index_select", detail: "table must be (N, C), got \(shape)")
        }
        let rows = shape[0], width = shape[1]
        let ishape = indexShape ?? [indices.count]
        guard ishape.reduce(1, *) == indices.count else {
            throw AutogradError.shapeMismatch(op: "index_select", lhs: shape, rhs: ishape,
                                              detail: "index shape does not hold \(indices.count) indices")
        }
        if let bad = indices.firstIndex(where: { $0 < 0 || Int($0) >= rows }) {
            throw AutogradError.invalidArgument(op: "index_select",
                detail: "index \(indices[bad]) at position \(bad) is outside the table's \(rows) rows")
        }
        let out = Tensor(shape: ishape + [width], zeroed: false)
        for (i, r) in indices.enumerated() {
            (out.data + i * width).update(from: data + Int(r) * width, count: width)
        }
        return out.record("index_select", [self]) { _, g in
            self.accumulateGrad { gw, beta in
                if beta == 0 { gw.update(repeating: 0, count: self.count) }
                for (i, r) in indices.enumerated() {
                    Kernels.addInPlace(gw + Int(r) * width, g.data + i * width, width)
                }
            }
        }
    }

    /// out[…] = self[…, indices[…]]: one entry per row of the last axis (e.g. the chosen token's log-prob).
    public func gather(lastAxis indices: [Int32]) throws -> Tensor {
        guard rank >= 1 else { throw AutogradError.invalidArgument(op: "gather", detail: "needs at least one axis") }
        let width = shape[rank - 1], rows = count / Swift.max(width, 1)
        guard indices.count == rows else {
            throw AutogradError.shapeMismatch(op: "gather", lhs: shape, rhs: [indices.count],
                                              detail: "need one index per row (\(rows))")
        }
        if let bad = indices.firstIndex(where: { $0 < 0 || Int($0) >= width }) {
            throw AutogradError.invalidArgument(op: "gather",
                detail: "index \(indices[bad]) at row \(bad) is outside the last axis of size \(width)")
        }
        let out = Tensor(shape: Array(shape.dropLast()), zeroed: false)
        for r in 0..<rows { out.data[r] = data[r * width + Int(indices[r])] }
        return out.record("gather", [self]) { _, g in
            self.accumulateGrad { gx, beta in
                if beta == 0 { gx.update(repeating: 0, count: self.count) }
                for r in 0..<rows { gx[r * width + Int(indices[r])] += g.data[r] }
            }
        }
    }
}
