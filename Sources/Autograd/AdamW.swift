// AdamW (Loshchilov & Hutter): Adam moments with bias correction, and weight decay applied to the
// weights directly rather than through the gradient. One fused vector pass per parameter, in place.

/// AdamW with decoupled weight decay per group, as PyTorch's `torch.optim.AdamW`.
public final class AdamW: Optimizer {
    public let groups: [ParameterGroup]
    /// Moment decay rates.
    public let beta1: Float, beta2: Float
    /// Denominator guard.
    public let eps: Float
    /// Updates taken so far (drives bias correction).
    public var stepCount = 0
    /// First and second moments, one pair per parameter in group order (saved in checkpoints).
    public private(set) var moments: [(m: Tensor, v: Tensor)]

    /// An optimizer over `groups`.
    public init(groups: [ParameterGroup], beta1: Float = 0.9, beta2: Float = 0.999, eps: Float = 1e-8) {
        self.groups = groups
        self.beta1 = beta1
        self.beta2 = beta2
        self.eps = eps
        moments = groups.flatMap(\.parameters).map { (Tensor.zeros($0.shape), Tensor.zeros($0.shape)) }
    }

    public func step(lr: Float) {
        stepCount += 1
        let c1 = 1 - Float(Double(beta1).power(stepCount)), c2 = 1 - Float(Double(beta2).power(stepCount))
        let b1 = V16(repeating: beta1), b2 = V16(repeating: beta2)
        let stepSize = V16(repeating: lr / c1), invC2 = V16(repeating: 1 / c2), epsv = V16(repeating: eps)
        var index = 0
        noGrad {
            for group in groups {
                let decay = V16(repeating: 1 - lr * group.weightDecay)
                for p in group.parameters {
                    defer { index += 1 }
                    guard let g = p.grad else { continue }
                    let (m, v) = moments[index]
                    Kernels.zip(m.data, m.data, g.data, p.count) { m, g in b1 * m + (1 - b1) * g }
                    Kernels.zip(v.data, v.data, g.data, p.count) { v, g in b2 * v + (1 - b2) * g * g }
                    Kernels.zip3(p.data, p.data, m.data, v.data, p.count) { w, m, v in
                        w * decay - stepSize * m / ((v * invC2).squareRoot() + epsv)
                    }
                }
            }
        }
    }

    /// Replaces the moments (checkpoint restore); shapes must match the parameters.
    public func loadMoments(_ saved: [(m: Tensor, v: Tensor)], stepCount: Int) throws {
        guard saved.count == moments.count else {
            throw AutogradError.invalidArgument(op: "AdamW.loadMoments",
                detail: "\(saved.count) moment pairs for \(moments.count) parameters")
        }
        for (i, pair) in saved.enumerated() where pair.m.shape != moments[i].m.shape || pair.v.shape != moments[i].v.shape {
            throw AutogradError.shapeMismatch(op: "AdamW.loadMoments", lhs: moments[i].m.shape, rhs: pair.m.shape,
                                              detail: "moments of parameter \(i) have the wrong shape")
        }
        moments = saved.map { ($0.m.copy(), $0.v.copy()) }
        self.stepCount = stepCount
    }
}

extension Double {
    func power(_ n: Int) -> Double { (0..<n).reduce(1.0) { acc, _ in acc * self } }
}
