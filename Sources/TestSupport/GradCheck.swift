// Finite-difference gradient checks: the analytic gradient of Σ f(x)·R (R a fixed random projection,
// so every output element matters) against central differences, evaluated with the projection summed
// in Double to keep Float32 rounding out of the comparison.
import Autograd

/// Outcome of a gradient check.
public struct GradCheckResult: CustomStringConvertible {
    /// Largest |analytic − numeric| / (atol + rtol·|numeric|) over the checked elements; ≤ 1 passes.
    public var worstRatio: Double = 0
    /// Where the worst element was, for the failure message.
    public var worst = ""
    /// Number of elements compared.
    public var checked = 0

    public var passed: Bool { worstRatio <= 1 && checked > 0 }
    public var description: String { "worst ratio \(worstRatio) at \(worst) over \(checked) elements" }
}

/// Checks the gradients of `f` with respect to every input (each made a parameter), sampling at most
/// `samples` elements per input.
public func gradCheck(_ inputs: [Tensor], eps: Float = 1e-2, atol: Double = 2e-3, rtol: Double = 2e-2,
                      samples: Int = 48, seed: UInt64 = 7,
                      _ f: ([Tensor]) throws -> Tensor) throws -> GradCheckResult {
    for x in inputs where x.isLeaf && !x.requiresGrad { x.asParameter() }
    for x in inputs { x.zeroGrad() }
    let out = try f(inputs)
    var rng = RNG(seed: seed)
    let projection = Tensor.randn(out.shape, rng: &rng)
    let loss = try (out * projection).sum()
    try loss.backward()
    func projected() throws -> Double {
        let y = try noGrad { try f(inputs) }
        var total = 0.0
        for i in 0..<y.count { total += Double(y.data[i]) * Double(projection.data[i]) }
        return total
    }
    var result = GradCheckResult()
    for (n, x) in inputs.enumerated() {
        let analytic = x.grad?.toArray() ?? [Float](repeating: 0, count: x.count)
        var indices = Array(0..<x.count)
        if x.count > samples {
            indices.shuffle(using: &rng)
            indices = Array(indices.prefix(samples))
        }
        for i in indices {
            let saved = x.data[i]
            x.data[i] = saved + eps
            let plus = try projected()
            x.data[i] = saved - eps
            let minus = try projected()
            x.data[i] = saved
            let numeric = (plus - minus) / (2 * Double(eps))
            let ratio = abs(Double(analytic[i]) - numeric) / (atol + rtol * abs(numeric))
            result.checked += 1
            if ratio > result.worstRatio {
                result.worstRatio = ratio
                result.worst = "input \(n) \(x.shape) element \(i): analytic \(analytic[i]) numeric \(numeric)"
            }
        }
    }
    return result
}

/// Random tensor for tests.
public func randomTensor(_ shape: [Int], seed: UInt64, scale: Float = 1) -> Tensor {
    var rng = RNG(seed: seed)
    return Tensor.randn(shape, std: scale, rng: &rng)
}
