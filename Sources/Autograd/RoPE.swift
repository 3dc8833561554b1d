// Rotary position embedding, Llama / Qwen2 convention ("rotate half": the first and second halves of
// each head form the pairs), on (B, T, H, D) tensors as the projections produce them. Positions are
// `offset + t` (cached decoding continues where the cache ends) or given per token (left padding).
import Foundation

extension Tensor {
    /// Plain RoPE's inverse frequencies θ^(−2j/D), j < D/2, in float32 as Hugging Face computes them.
    public static func ropeInverseFrequencies(theta: Float, headDim d: Int) -> [Float] {
        (0..<d / 2).map { 1 / Foundation.pow(theta, Float(2 * $0) / Float(d)) }
    }

    /// Rotates each head of a (B, T, H, D) tensor by its position with plain RoPE of base `theta`.
    public func rope(theta: Float, offset: Int = 0, positions: [Int32]? = nil) throws -> Tensor {
        try rope(inverseFrequencies: Self.ropeInverseFrequencies(theta: theta, headDim: rank == 4 ? shape[3] : 0),
                 offset: offset, positions: positions)
    }

    /// Rotates each head of a (B, T, H, D) tensor by its position: pair j turns by position ·
    /// `inverseFrequencies[j]` (D/2 values; scaled RoPE variants only change these); `positions` (B·T values)
    /// overrides `offset + t`.
    public func rope(inverseFrequencies invFreq: [Float], offset: Int = 0, positions: [Int32]? = nil) throws -> Tensor {
        guard rank == 4, shape[3] % 2 == 0, invFreq.count == shape[3] / 2 else {
            throw AutogradError.invalidArgument(op: "rope",
                detail: "needs (B, T, H, D) with even D and D/2 frequencies, got \(shape) and \(invFreq.count)")
        }
        let (b, t, h, d) = (shape[0], shape[1], shape[2], shape[3])
        if let positions, positions.count != b * t {
            throw AutogradError.shapeMismatch(op: "rope", lhs: shape, rhs: [positions.count],
                                              detail: "need one position per token (B·T = \(b * t))")
        }
        let half = d / 2
        // HF computes the angles in float32; we do the same so logits match.
        let tokens = positions == nil ? t : b * t
        var table = [Float](repeating: 0, count: tokens * d)  // per token: cos[half], sin[half]
        for i in 0..<tokens {
            let p = Float(positions.map { Int($0[i]) } ?? (offset + i))
            for j in 0..<half {
                let angle = p * invFreq[j]
                table[i * d + j] = Foundation.cos(angle)
                table[i * d + half + j] = Foundation.sin(angle)
            }
        }
        let out = Tensor(shape: shape, zeroed: false)
        Self.rotate(out.data, data, table, b: b, t: t, h: h, d: d, perToken: positions != nil, inverse: false)
        return out.record("rope", [self]) { _, g in
            let gx = Tensor(shape: self.shape, zeroed: false)
            Self.rotate(gx.data, g.data, table, b: b, t: t, h: h, d: d, perToken: positions != nil, inverse: true)
            self.accumulateGrad(gx)
        }
    }

    /// out = rotation of x (or its inverse, which is the backward pass).
    static func rotate(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ table: [Float],
                       b: Int, t: Int, h: Int, d: Int, perToken: Bool, inverse: Bool) {
        let half = d / 2
        let sign: Float = inverse ? -1 : 1
        table.withUnsafeBufferPointer { tab in
            for bi in 0..<b {
                for ti in 0..<t {
                    let row = (perToken ? bi * t + ti : ti) * d
                    let cosp = tab.baseAddress! + row, sinp = cosp + half
                    for hi in 0..<h {
                        let base = ((bi * t + ti) * h + hi) * d
                        for j in 0..<half {
                            let x1 = x[base + j], x2 = x[base + half + j]
                            let c = cosp[j], s = sinp[j] * sign
                            out[base + j] = x1 * c - x2 * s
                            out[base + half + j] = x2 * c + x1 * s
                        }
                    }
                }
            }
        }
    }
}
