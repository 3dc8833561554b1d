// Learning-rate schedules by the names TRL and transformers use: constant, constant with warm-up,
// linear (warm-up, then linear decay to zero) and cosine (warm-up, then half a cosine to a floor).
import Foundation

/// A learning rate as a function of the step.
public struct LRSchedule: Sendable, Equatable {
    /// The shape after warm-up.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case constant, constantWithWarmup = "constant_with_warmup", linear, cosine
    }
    /// Schedule shape.
    public var kind: Kind
    /// Peak learning rate.
    public var baseLR: Float
    /// Steps of linear warm-up from 0 (none for `constant`).
    public var warmupSteps: Int
    /// Total steps of training (decay ends there).
    public var totalSteps: Int
    /// Floor of the cosine as a fraction of `baseLR`.
    public var minLRRatio: Float

    /// A schedule of `kind` peaking at `baseLR`.
    public init(kind: Kind, baseLR: Float, warmupSteps: Int = 0, totalSteps: Int = 1, minLRRatio: Float = 0) {
        self.kind = kind
        self.baseLR = baseLR
        self.warmupSteps = max(0, warmupSteps)
        self.totalSteps = max(1, totalSteps)
        self.minLRRatio = minLRRatio
    }

    /// Learning rate for the update numbered `step` (0-based), as transformers' schedulers compute it.
    public func lr(step: Int) -> Float {
        if kind == .constant { return baseLR }
        if step < warmupSteps { return baseLR * Float(step) / Float(max(1, warmupSteps)) }
        let progress = Float(step - warmupSteps) / Float(max(1, totalSteps - warmupSteps))
        switch kind {
        case .constant, .constantWithWarmup:
            return baseLR
        case .linear:
            return baseLR * max(0, 1 - progress)
        case .cosine:
            let cosine = 0.5 * (1 + Foundation.cos(Float.pi * min(1, progress)))
            return baseLR * (minLRRatio + (1 - minLRRatio) * cosine)
        }
    }
}
