// What optimizers share: parameter groups (each with its own weight decay), the learning rate they
// are stepped with, and zeroing gradients. Norm weights and biases get no weight decay by default.

/// Parameters that share optimizer settings.
public struct ParameterGroup {
    /// The tensors updated together.
    public var parameters: [Tensor]
    /// Decoupled weight decay for this group (0 turns it off).
    public var weightDecay: Float

    /// A group of `parameters` with `weightDecay`.
    public init(parameters: [Tensor], weightDecay: Float) {
        self.parameters = parameters
        self.weightDecay = weightDecay
    }

    /// Two groups: matrices decay by `weightDecay`; vectors (norm weights, biases) do not, as is usual.
    public static func decayMatricesOnly(_ parameters: [Tensor], weightDecay: Float) -> [ParameterGroup] {
        [ParameterGroup(parameters: parameters.filter { $0.rank >= 2 }, weightDecay: weightDecay),
         ParameterGroup(parameters: parameters.filter { $0.rank < 2 }, weightDecay: 0)]
    }
}

/// A gradient-descent optimizer over parameter groups.
public protocol Optimizer: AnyObject {
    /// The groups it updates.
    var groups: [ParameterGroup] { get }
    /// Applies one update with learning rate `lr` from the parameters' current gradients.
    func step(lr: Float)
}

extension Optimizer {
    /// Every parameter of every group.
    public var parameters: [Tensor] { groups.flatMap(\.parameters) }

    /// Clears every parameter's gradient.
    public func zeroGrad() { for p in parameters { p.zeroGrad() } }
}
