// Selection by mask: where(mask, a, b) with broadcasting, masked fill, and broadcast-to. A mask is a
// constant tensor of 0s and 1s (nonzero means true); gradients flow only to the selected side.

extension Tensor {
    /// This tensor repeated along size-1 or missing axes to `target` (a copy).
    public func broadcast(to target: [Int]) throws -> Tensor {
        if target == shape { return self }
        let plan = try BroadcastPlan("broadcast_to", target, shape)
        guard plan.outShape == target else {
            throw AutogradError.shapeMismatch(op: "broadcast_to", lhs: shape, rhs: target,
                                              detail: "cannot broadcast to the target")
        }
        let out = Tensor(shape: target, zeroed: false)
        let n = plan.rowLength, inner = plan.bStrides.last!, src = data, dst = out.data
        plan.forEachRow { row, _, bo in
            if inner == 0 { (dst + row * n).update(repeating: src[bo], count: n) }
            else { (dst + row * n).update(from: src + bo, count: n) }
        }
        return out.record("broadcast_to", [self]) { _, g in self.accumulateGrad(try g.reduced(to: self.shape)) }
    }

    /// Elementwise `mask ? a : b`, all three broadcast together.
    public static func `where`(_ mask: Tensor, _ a: Tensor, _ b: Tensor) throws -> Tensor {
        let ab = try BroadcastPlan("where", a.shape, b.shape).outShape
        let target = try BroadcastPlan("where", mask.shape, ab).outShape
        let m = try noGrad { try mask.broadcast(to: target) }
        let x = try noGrad { try a.broadcast(to: target) }, y = try noGrad { try b.broadcast(to: target) }
        let out = Tensor(shape: target, zeroed: false)
        Kernels.zip3(out.data, m.data, x.data, y.data, out.count) { m, x, y in
            var r = y
            r.replace(with: x, where: m .!= 0)
            return r
        }
        return out.record("where", [a, b]) { _, g in
            if a.requiresGrad {
                let ga = Tensor(shape: target, zeroed: false)
                Kernels.zip(ga.data, m.data, g.data, ga.count) { m, g in var r = g; r.replace(with: 0, where: m .== 0); return r }
                a.accumulateGrad(try ga.reduced(to: a.shape))
            }
            if b.requiresGrad {
                let gb = Tensor(shape: target, zeroed: false)
                Kernels.zip(gb.data, m.data, g.data, gb.count) { m, g in var r = g; r.replace(with: 0, where: m .!= 0); return r }
                b.accumulateGrad(try gb.reduced(to: b.shape))
            }
        }
    }

    /// `value` where `mask` is nonzero, this tensor elsewhere.
    public func maskedFill(_ mask: Tensor, _ value: Float) throws -> Tensor {
        try Tensor.where(mask, Tensor.scalar(value), self)
    }
}
