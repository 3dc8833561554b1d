// Reductions: sum and mean over any axes, max over one axis. Sums walk the input in a fixed order,
// so results never depend on the thread count.

extension Tensor {
    func normalizedAxes(_ op: String, _ axes: [Int]) throws -> [Int] {
        let resolved = axes.map { $0 < 0 ? $0 + rank : $0 }
        guard resolved.allSatisfy({ $0 >= 0 && $0 < rank }), Set(resolved).count == resolved.count else {
            throw AutogradError.invalidArgument(op: op, detail: "axes \(axes) are not distinct axes of shape \(shape)")
        }
        return resolved.sorted()
    }

    /// Sum over `axes` (all axes when nil); `keepDims` leaves size-1 axes in place.
    public func sum(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try normalizedAxes("sum", axes ?? Array(0..<rank))
        var kept = shape
        for a in ax { kept[a] = 1 }
        let outShape = keepDims ? kept : shape.enumerated().filter { !ax.contains($0.offset) }.map(\.element)
        let summed: Tensor
        if ax.isEmpty {
            summed = copy()
        } else if ax == Array(0..<rank) {
            summed = Tensor.full([], Kernels.sum(data, count))
        } else {
            summed = try detach().reduced(to: kept)
        }
        let out = Tensor(storage: summed.storage, offset: summed.offset, shape: outShape)
        return out.record("sum", [self]) { _, g in
            let expanded = Tensor(storage: g.storage, offset: g.offset, shape: kept)
            self.accumulateGrad(try noGrad { try expanded.broadcast(to: self.shape) })
        }
    }

    /// Mean over `axes` (all axes when nil).
    public func mean(axes: [Int]? = nil, keepDims: Bool = false) throws -> Tensor {
        let ax = try normalizedAxes("mean", axes ?? Array(0..<rank))
        let n = ax.reduce(1) { $0 * shape[$1] }
        return try sum(axes: ax, keepDims: keepDims) * (1 / Float(Swift.max(n, 1)))
    }

    /// Largest value along `axis`; the gradient goes to the first position holding it.
    public func max(axis: Int, keepDims: Bool = false) throws -> Tensor {
        let ax = try normalizedAxes("max", [axis])[0]
        let len = shape[ax]
        guard len > 0 else { throw AutogradError.invalidArgument(op: "max", detail: "axis \(axis) of \(shape) is empty") }
        let outer = shape[..<ax].reduce(1, *), inner = shape[(ax + 1)...].reduce(1, *)
        var kept = shape
        kept[ax] = 1
        let out = Tensor(shape: keepDims ? kept : shape.enumerated().filter { $0.offset != ax }.map(\.element),
                         zeroed: false)
        var argmax = [Int32](repeating: 0, count: outer * inner)
        for o in 0..<outer {
            for i in 0..<inner {
                var best = data[o * len * inner + i], at = 0
                for j in 1..<len where data[(o * len + j) * inner + i] > best {
                    best = data[(o * len + j) * inner + i]
                    at = j
                }
                out.data[o * inner + i] = best
                argmax[o * inner + i] = Int32(at)
            }
        }
        return out.record("max", [self]) { _, g in
            let gx = Tensor.zeros(self.shape)
            for o in 0..<outer {
                for i in 0..<inner {
                    gx.data[(o * len + Int(argmax[o * inner + i])) * inner + i] = g.data[o * inner + i]
                }
            }
            self.accumulateGrad(gx)
        }
    }
}
