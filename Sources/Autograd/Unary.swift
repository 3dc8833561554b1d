// Pointwise functions of one tensor (exp, log, sqrt, pow, clamp, activations): each is its vector
// forward plus its derivative as a function of input, output and incoming gradient.
import Foundation

extension Tensor {
    /// Runs `f` over every element; backward multiplies by `derivative(x, y, g)` lane-wise.
    @inline(__always)
    func unary(_ op: String, _ f: (V16) -> V16,
               derivative: @escaping (_ x: V16, _ y: V16, _ g: V16) -> V16) throws -> Tensor {
        let out = Tensor(shape: shape, zeroed: false)
        Kernels.map(out.data, data, count, f)
        return out.record(op, [self]) { out, g in
            let gx = Tensor(shape: self.shape, zeroed: false)
            Kernels.zip3(gx.data, self.data, out.data, g.data, self.count, derivative)
            self.accumulateGrad(gx)
        }
    }

    /// e^x.
    public func exp() throws -> Tensor {
        try unary("exp", vexp, derivative: { _, y, g in g * y })
    }

    /// Natural logarithm (−inf at 0, NaN below).
    public func log() throws -> Tensor {
        let out = Tensor(shape: shape, zeroed: false)
        for i in 0..<count { out.data[i] = Foundation.log(data[i]) }
        return out.record("log", [self]) { _, g in
            let gx = Tensor(shape: self.shape, zeroed: false)
            Kernels.zip(gx.data, g.data, self.data, self.count) { $0 / $1 }
            self.accumulateGrad(gx)
        }
    }

    /// Square root.
    public func sqrt() throws -> Tensor {
        try unary("sqrt", { $0.squareRoot() }, derivative: { _, y, g in g * 0.5 / y })
    }

    /// x^p for a constant exponent p.
    public func pow(_ p: Float) throws -> Tensor {
        if p == 2 { return try unary("pow", { $0 * $0 }, derivative: { x, _, g in g * 2 * x }) }
        let out = Tensor(shape: shape, zeroed: false)
        for i in 0..<count { out.data[i] = Foundation.pow(data[i], p) }
        return out.record("pow", [self]) { _, g in
            let gx = Tensor(shape: self.shape, zeroed: false)
            for i in 0..<self.count { gx.data[i] = g.data[i] * p * Foundation.pow(self.data[i], p - 1) }
            self.accumulateGrad(gx)
        }
    }

    /// Limits every element to [low, high]; the gradient passes only where the input was inside.
    public func clamp(min low: Float = -.infinity, max high: Float = .infinity) throws -> Tensor {
        guard low <= high else {
            throw AutogradError.invalidArgument(op: "clamp", detail: "min \(low) is above max \(high)")
        }
        let lo = V16(repeating: low), hi = V16(repeating: high)
        return try unary("clamp", { x in
            var y = x
            y.replace(with: lo, where: y .< lo)
            y.replace(with: hi, where: y .> hi)
            return y
        }, derivative: { x, _, g in
            var r = g
            r.replace(with: 0, where: (x .< lo) .| (x .> hi))
            return r
        })
    }

    /// Elementwise square.
    public func square() throws -> Tensor { try pow(2) }
}
