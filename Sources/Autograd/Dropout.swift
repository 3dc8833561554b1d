// Inverted dropout: zeroes each element with probability p and scales the rest by 1/(1−p), so the
// expected value is unchanged and inference needs no rescaling. The mask comes from a seeded RNG.

extension Tensor {
    /// Dropout with drop probability `p`; identity when p is 0.
    public func dropout(_ p: Float, rng: inout RNG) throws -> Tensor {
        guard p >= 0, p < 1 else { throw AutogradError.invalidArgument(op: "dropout", detail: "p must be in [0, 1) (got \(p))") }
        if p == 0 { return self }
        let mask = Tensor(shape: shape, zeroed: false)
        let keep = 1 / (1 - p)
        for i in 0..<count { mask.data[i] = rng.nextFloat() < p ? 0 : keep }
        return try self * mask
    }
}
