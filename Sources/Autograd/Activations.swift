// Activation functions of transformer MLPs: SiLU, GELU (exact erf form and tanh approximation, as
// Hugging Face's "gelu" and "gelu_pytorch_tanh"), and the fused SwiGLU gate silu(gate) · up.
import Foundation

extension Tensor {
    /// SiLU (swish): x · σ(x).
    public func silu() throws -> Tensor {
        try unary("silu", { x in x / (1 + vexp(-x)) }, derivative: { x, _, g in
            let s = 1 / (1 + vexp(-x))
            return g * s * (1 + x * (1 - s))
        })
    }

    /// GELU, exact: x · Φ(x) with the error function.
    public func gelu() throws -> Tensor {
        let out = Tensor(shape: shape, zeroed: false)
        for i in 0..<count {
            let x = data[i]
            out.data[i] = 0.5 * x * (1 + erf(x * 0.707_106_77))
        }
        return out.record("gelu", [self]) { _, g in
            let gx = Tensor(shape: self.shape, zeroed: false)
            for i in 0..<self.count {
                let x = self.data[i]
                let cdf = 0.5 * (1 + erf(x * 0.707_106_77))
                let pdf = Foundation.exp(-0.5 * x * x) * 0.398_942_28
                gx.data[i] = g.data[i] * (cdf + x * pdf)
            }
            self.accumulateGrad(gx)
        }
    }

    /// GELU, tanh approximation: 0.5 x (1 + tanh(√(2/π)(x + 0.044715 x³))).
    public func geluTanh() throws -> Tensor {
        let k: Float = 0.797_884_56, c: Float = 0.044_715
        return try unary("gelu_tanh", { x in
            let u = k * (x + c * x * x * x)
            let t = 1 - 2 / (vexp(2 * u) + 1)
            return 0.5 * x * (1 + t)
        }, derivative: { x, _, g in
            let u = k * (x + c * x * x * x)
            let t = 1 - 2 / (vexp(2 * u) + 1)
            let du = k * (1 + 3 * c * x * x)
            return g * (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du)
        })
    }

    /// SwiGLU gate: silu(gate) · up in one pass (one output buffer instead of three).
    public static func swiglu(gate: Tensor, up: Tensor) throws -> Tensor {
        guard gate.shape == up.shape else {
            throw AutogradError.shapeMismatch(op: "swiglu", lhs: gate.shape, rhs: up.shape,
                                              detail: "gate and up projections must have the same shape")
        }
        let out = Tensor(shape: gate.shape, zeroed: false)
        Kernels.zip(out.data, gate.data, up.data, gate.count) { x, u in x / (1 + vexp(-x)) * u }
        return out.record("swiglu", [gate, up]) { _, g in
            if gate.requiresGrad {
                let gg = Tensor(shape: gate.shape, zeroed: false)
                Kernels.zip3(gg.data, gate.data, up.data, g.data, gate.count) { x, u, g in
                    let s = 1 / (1 + vexp(-x))
                    return g * u * s * (1 + x * (1 - s))
                }
                gate.accumulateGrad(gg)
            }
            if up.requiresGrad {
                let gu = Tensor(shape: up.shape, zeroed: false)
                Kernels.zip3(gu.data, gate.data, g.data, g.data, gate.count) { x, g, _ in g * x / (1 + vexp(-x)) }
                up.accumulateGrad(gu)
            }
        }
    }
}
