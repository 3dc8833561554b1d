// Ops that move elements without changing them: reshape (a view), permute and transpose (one strided
// copy), slice, concat and stack. Leading-axis slices are views; everything else copies once.

extension Tensor {
    /// Same elements, new shape; one axis may be -1. Shares storage (no copy).
    public func reshape(_ newShape: [Int]) throws -> Tensor {
        var resolved = newShape
        let known = newShape.filter { $0 != -1 }.reduce(1, *)
        if let hole = newShape.firstIndex(of: -1) {
            guard newShape.filter({ $0 == -1 }).count == 1, known > 0, count % known == 0 else {
                throw AutogradError.shapeMismatch(op: "reshape", lhs: shape, rhs: newShape,
                                                  detail: "cannot infer the -1 axis")
            }
            resolved[hole] = count / known
        }
        guard resolved.allSatisfy({ $0 >= 0 }), resolved.reduce(1, *) == count else {
            throw AutogradError.shapeMismatch(op: "reshape", lhs: shape, rhs: newShape,
                                              detail: "\(count) elements cannot take the new shape")
        }
        let out = Tensor(storage: storage, offset: offset, shape: resolved)
        return out.record("reshape", [self]) { _, g in
            self.accumulateGrad(Tensor(storage: g.storage, offset: g.offset, shape: self.shape))
        }
    }

    /// Reorders axes: output axis i is input axis `order[i]`.
    public func permute(_ order: [Int]) throws -> Tensor {
        guard order.count == rank, Set(order) == Set(0..<rank) else {
            throw AutogradError.invalidArgument(op: "permute", detail: "\(order) is not a permutation of the axes of \(shape)")
        }
        if order == Array(0..<rank) { return try reshape(shape) }
        let out = Tensor(shape: order.map { shape[$0] }, zeroed: false)
        Tensor.permuteCopy(from: self, to: out, order: order)
        var inverse = [Int](repeating: 0, count: rank)
        for (i, o) in order.enumerated() { inverse[o] = i }
        return out.record("permute", [self]) { _, g in
            let gx = Tensor(shape: self.shape, zeroed: false)
            Tensor.permuteCopy(from: g, to: gx, order: inverse)
            self.accumulateGrad(gx)
        }
    }

    /// Swaps two axes.
    public func transpose(_ a: Int, _ b: Int) throws -> Tensor {
        var order = Array(0..<rank)
        let x = a < 0 ? a + rank : a, y = b < 0 ? b + rank : b
        guard order.indices.contains(x), order.indices.contains(y) else {
            throw AutogradError.invalidArgument(op: "transpose", detail: "axes \(a), \(b) out of range for \(shape)")
        }
        order.swapAt(x, y)
        return try permute(order)
    }

    /// out[i0, i1, …] = src[index with axes reordered]; walks the output contiguously.
    static func permuteCopy(from src: Tensor, to dst: Tensor, order: [Int]) {
        let rank = src.rank
        var srcStrides = [Int](repeating: 1, count: rank)
        for d in stride(from: rank - 2, through: 0, by: -1) { srcStrides[d] = srcStrides[d + 1] * src.shape[d + 1] }
        let stepIn = order.map { srcStrides[$0] }
        let dims = dst.shape
        let inner = dims[rank - 1], innerStride = stepIn[rank - 1]
        let rows = dst.count / Swift.max(inner, 1)
        var index = [Int](repeating: 0, count: rank)
        var base = 0
        let s = src.data, o = dst.data
        for row in 0..<rows {
            let out = o + row * inner
            if innerStride == 1 {
                out.update(from: s + base, count: inner)
            } else {
                for j in 0..<inner { out[j] = s[base + j * innerStride] }
            }
            var d = rank - 2
            while d >= 0 {
                index[d] += 1
                base += stepIn[d]
                if index[d] < dims[d] { break }
                base -= stepIn[d] * dims[d]
                index[d] = 0
                d -= 1
            }
        }
    }

    /// Elements `range` of `axis`; a view when `axis` is the first (no copy).
    public func slice(axis: Int, _ range: Range<Int>) throws -> Tensor {
        let ax = try normalizedAxes("slice", [axis])[0]
        guard range.lowerBound >= 0, range.upperBound <= shape[ax] else {
            throw AutogradError.invalidArgument(op: "slice", detail: "range \(range) outside axis \(axis) of size \(shape[ax]) in \(shape)")
        }
        var outShape = shape
        outShape[ax] = range.count
        let outer = shape[..<ax].reduce(1, *), inner = shape[(ax + 1)...].reduce(1, *)
        let out: Tensor
        if outer == 1 {
            out = Tensor(storage: storage, offset: offset + range.lowerBound * inner, shape: outShape)
        } else {
            out = Tensor(shape: outShape, zeroed: false)
            for o in 0..<outer {
                out.data.advanced(by: o * range.count * inner)
                    .update(from: data + (o * shape[ax] + range.lowerBound) * inner, count: range.count * inner)
            }
        }
        let len = shape[ax]
        return out.record("slice", [self]) { _, g in
            let gx = Tensor.zeros(self.shape)
            for o in 0..<outer {
                (gx.data + (o * len + range.lowerBound) * inner)
                    .update(from: g.data + o * range.count * inner, count: range.count * inner)
            }
            self.accumulateGrad(gx)
        }
    }

    /// Joins tensors along `axis`; all other axes must match.
    public static func concat(_ parts: [Tensor], axis: Int) throws -> Tensor {
        guard let first = parts.first else { throw AutogradError.invalidArgument(op: "concat", detail: "no tensors") }
        let ax = try first.normalizedAxes("concat", [axis])[0]
        for p in parts where p.rank != first.rank
            || p.shape.enumerated().contains(where: { $0.offset != ax && $0.element != first.shape[$0.offset] }) {
            throw AutogradError.shapeMismatch(op: "concat", lhs: first.shape, rhs: p.shape,
                                              detail: "all axes but \(axis) must match")
        }
        let outer = first.shape[..<ax].reduce(1, *), inner = first.shape[(ax + 1)...].reduce(1, *)
        let lens = parts.map { $0.shape[ax] }, total = lens.reduce(0, +)
        var outShape = first.shape
        outShape[ax] = total
        let out = Tensor(shape: outShape, zeroed: false)
        var start = 0
        for (p, len) in zip(parts, lens) {
            for o in 0..<outer {
                (out.data + (o * total + start) * inner).update(from: p.data + o * len * inner, count: len * inner)
            }
            start += len
        }
        return out.record("concat", parts) { _, g in
            var start = 0
            for (p, len) in zip(parts, lens) {
                if p.requiresGrad {
                    let gp = Tensor(shape: p.shape, zeroed: false)
                    for o in 0..<outer {
                        (gp.data + o * len * inner).update(from: g.data + (o * total + start) * inner, count: len * inner)
                    }
                    p.accumulateGrad(gp)
                }
                start += len
            }
        }
    }

    /// Stacks same-shaped tensors along a new `axis`.
    public static func stack(_ parts: [Tensor], axis: Int = 0) throws -> Tensor {
        guard let first = parts.first else { throw AutogradError.invalidArgument(op: "stack", detail: "no tensors") }
        let ax = axis < 0 ? axis + first.rank + 1 : axis
        guard ax >= 0, ax <= first.rank else {
            throw AutogradError.invalidArgument(op: "stack", detail: "axis \(axis) out of range for \(first.shape)")
        }
        for p in parts where p.shape != first.shape {
            throw AutogradError.shapeMismatch(op: "stack", lhs: first.shape, rhs: p.shape, detail: "all must match")
        }
        var expanded = first.shape
        expanded.insert(1, at: ax)
        return try concat(parts.map { try $0.reshape(expanded) }, axis: ax)
    }
}
