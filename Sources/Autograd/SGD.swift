// Stochastic gradient descent with optional (Nesterov-free) momentum and coupled weight decay, as
// PyTorch's `torch.optim.SGD`.

/// SGD with momentum: v = μ·v + g (+ wd·w); w -= lr·v.
public final class SGD: Optimizer {
    public let groups: [ParameterGroup]
    /// Momentum coefficient μ (0 disables the buffer).
    public let momentum: Float
    /// One velocity buffer per parameter in group order.
    public private(set) var velocity: [Tensor]

    /// An optimizer over `groups` with `momentum`.
    public init(groups: [ParameterGroup], momentum: Float = 0) {
        self.groups = groups
        self.momentum = momentum
        velocity = groups.flatMap(\.parameters).map { Tensor.zeros($0.shape) }
    }

    public func step(lr: Float) {
        var index = 0
        let mu = V16(repeating: momentum), rate = V16(repeating: lr)
        noGrad {
            for group in groups {
                let wd = V16(repeating: group.weightDecay)
                for p in group.parameters {
                    defer { index += 1 }
                    guard let g = p.grad else { continue }
                    let v = velocity[index]
                    Kernels.zip3(v.data, v.data, g.data, p.data, p.count) { v, g, w in mu * v + g + wd * w }
                    Kernels.zip(p.data, p.data, v.data, p.count) { w, v in w - rate * v }
                }
            }
        }
    }
}
