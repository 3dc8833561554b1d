// Add, subtract, multiply and divide with broadcasting, scalar variants, and negation. Each op's
// backward sits next to its forward; gradients of broadcast operands are summed back to their shape.

extension Tensor {
    /// Applies `f` lane-wise over the broadcast of `a` and `b`.
    @inline(__always)
    static func broadcastZip(_ op: String, _ a: Tensor, _ b: Tensor,
                             _ f: (V16, V16) -> V16) throws -> Tensor {
        if a.shape == b.shape {
            let out = Tensor(shape: a.shape, zeroed: false)
            Kernels.zip(out.data, a.data, b.data, a.count, f)
            return out
        }
        let plan = try BroadcastPlan(op, a.shape, b.shape)
        let out = Tensor(shape: plan.outShape, zeroed: false)
        let n = plan.rowLength, sa = plan.aStrides.last!, sb = plan.bStrides.last!
        let o = out.data, pa = a.data, pb = b.data
        plan.forEachRow { row, ao, bo in
            let dst = o + row * n
            switch (sa, sb) {
            case (0, 0):
                let v = f(V16(repeating: pa[ao]), V16(repeating: pb[bo]))[0]
                dst.update(repeating: v, count: n)
            case (0, _):
                let x = V16(repeating: pa[ao])
                Kernels.map(dst, pb + bo, n) { f(x, $0) }
            case (_, 0):
                let y = V16(repeating: pb[bo])
                Kernels.map(dst, pa + ao, n) { f($0, y) }
            default:
                Kernels.zip(dst, pa + ao, pb + bo, n, f)
            }
        }
        return out
    }

    /// Elementwise sum with broadcasting.
    public static func + (a: Tensor, b: Tensor) throws -> Tensor {
        try broadcastZip("add", a, b) { $0 + $1 }.record("add", [a, b]) { _, g in
            if a.requiresGrad { a.accumulateGrad(try g.reduced(to: a.shape)) }
            if b.requiresGrad { b.accumulateGrad(try g.reduced(to: b.shape)) }
        }
    }

    /// Elementwise difference with broadcasting.
    public static func - (a: Tensor, b: Tensor) throws -> Tensor {
        try broadcastZip("sub", a, b) { $0 - $1 }.record("sub", [a, b]) { _, g in
            if a.requiresGrad { a.accumulateGrad(try g.reduced(to: a.shape)) }
            if b.requiresGrad { b.accumulateGrad(try noGrad { try -g }.reduced(to: b.shape)) }
        }
    }

    /// Elementwise product with broadcasting.
    public static func * (a: Tensor, b: Tensor) throws -> Tensor {
        try broadcastZip("mul", a, b) { $0 * $1 }.record("mul", [a, b]) { _, g in
            if a.requiresGrad { a.accumulateGrad(try broadcastZip("mul", g, b) { $0 * $1 }.reduced(to: a.shape)) }
            if b.requiresGrad { b.accumulateGrad(try broadcastZip("mul", g, a) { $0 * $1 }.reduced(to: b.shape)) }
        }
    }

    /// Elementwise quotient with broadcasting.
    public static func / (a: Tensor, b: Tensor) throws -> Tensor {
        try broadcastZip("div", a, b) { $0 / $1 }.record("div", [a, b]) { out, g in
            if a.requiresGrad { a.accumulateGrad(try broadcastZip("div", g, b) { $0 / $1 }.reduced(to: a.shape)) }
            if b.requiresGrad {
                // d(a/b)/db = -(a/b)/b
                let q = try broadcastZip("div", out, b) { $0 / $1 }
                let gb = Tensor(shape: g.shape, zeroed: false)
                Kernels.zip(gb.data, g.data, q.data, g.count) { -$0 * $1 }
                b.accumulateGrad(try gb.reduced(to: b.shape))
            }
        }
    }

    /// Negation.
    public static prefix func - (a: Tensor) throws -> Tensor {
        try a.unary("neg", { -$0 }, derivative: { _, _, g in -g })
    }

    /// Adds a constant.
    public static func + (a: Tensor, s: Float) throws -> Tensor {
        try a.unary("add_scalar", { $0 + s }, derivative: { _, _, g in g })
    }

    /// Subtracts a constant.
    public static func - (a: Tensor, s: Float) throws -> Tensor { try a + (-s) }

    /// Constant minus tensor.
    public static func - (s: Float, a: Tensor) throws -> Tensor {
        try a.unary("rsub_scalar", { s - $0 }, derivative: { _, _, g in -g })
    }

    /// Multiplies by a constant.
    public static func * (a: Tensor, s: Float) throws -> Tensor {
        try a.unary("mul_scalar", { $0 * s }, derivative: { _, _, g in g * s })
    }

    /// Multiplies by a constant.
    public static func * (s: Float, a: Tensor) throws -> Tensor { try a * s }

    /// Divides by a constant.
    public static func / (a: Tensor, s: Float) throws -> Tensor { try a * (1 / s) }
}
