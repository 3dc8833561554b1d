// Global gradient-norm clipping, as torch.nn.utils.clip_grad_norm_: one L2 norm over every gradient,
// all of them scaled down together when it exceeds the limit. The norm is summed in Double, parameter
// by parameter in order, so it never depends on threads.

extension Array where Element == Tensor {
    /// L2 norm of all gradients together (parameters without a gradient count as zero).
    public func gradNorm() -> Float {
        var total = 0.0
        for p in self {
            guard let g = p.grad else { continue }
            total += Double(Kernels.dot(g.data, g.data, g.count))
        }
        return Float(total.squareRoot())
    }

    /// Scales gradients so their global norm is at most `maxNorm`; returns the norm before clipping.
    @discardableResult
    public func clipGradNorm(maxNorm: Float) -> Float {
        let norm = gradNorm()
        guard norm.isFinite, norm > maxNorm, maxNorm > 0 else { return norm }
        let scale = maxNorm / (norm + 1e-6)
        for p in self {
            guard let g = p.grad else { continue }
            if !p.gradOwned { p.setGrad(g) }
            Kernels.scale(p.grad!.data, p.grad!.data, scale, g.count)
        }
        return norm
    }
}
