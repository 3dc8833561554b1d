// `Tensor`: a Float32 array with a shape, contiguous in row-major order, over storage it owns or
// shares with the tensor it is a view of (reshape, leading-axis slices). Tensors that require grad
// remember the op that made them, so `backward()` can walk back to the parameters.
import Foundation

/// A contiguous Float32 tensor that can take part in reverse-mode differentiation.
public final class Tensor: @unchecked Sendable, CustomStringConvertible {
    /// The memory holding the elements (possibly shared with views).
    public let storage: Storage
    /// Index of the first element in `storage`.
    public let offset: Int
    /// Sizes of each axis, outermost first.
    public let shape: [Int]
    /// Number of elements.
    public let count: Int
    /// True for parameters and for results of ops on them while grad mode is on.
    public internal(set) var requiresGrad: Bool
    /// Accumulated gradient of the last `backward()` calls (parameters keep it until `zeroGrad`).
    public internal(set) var grad: Tensor?
    /// Optional label (parameter name) used in messages and optimizer groups.
    public var name: String?

    var gradOwned = false
    var node: GradNode?

    /// Wraps existing storage; `offset` and `shape` must fit inside it.
    public init(storage: Storage, offset: Int = 0, shape: [Int], requiresGrad: Bool = false) {
        let count = shape.reduce(1, *)
        precondition(shape.allSatisfy { $0 >= 0 } && offset + count <= storage.capacity,
                     "Tensor: shape \(shape) at offset \(offset) does not fit storage of \(storage.capacity)")
        self.storage = storage
        self.offset = offset
        self.shape = shape
        self.count = count
        self.requiresGrad = requiresGrad
    }

    /// A new tensor of `shape`, zero-filled when `zeroed` (else uninitialised: the caller writes every element).
    public convenience init(shape: [Int], zeroed: Bool = true, requiresGrad: Bool = false) {
        self.init(storage: Storage(capacity: shape.reduce(1, *), zeroed: zeroed), shape: shape,
                  requiresGrad: requiresGrad)
    }

    /// A tensor holding `values` in row-major order.
    public convenience init(shape: [Int], values: [Float], requiresGrad: Bool = false) {
        precondition(values.count == shape.reduce(1, *),
                     "Tensor: \(values.count) values do not fill shape \(shape)")
        self.init(shape: shape, zeroed: false, requiresGrad: requiresGrad)
        values.withUnsafeBufferPointer { data.update(from: $0.baseAddress!, count: values.count) }
    }

    /// Pointer to the first element.
    @inline(__always) public var data: UnsafeMutablePointer<Float> { storage.base + offset }

    /// The elements as a buffer.
    @inline(__always) public var buffer: UnsafeMutableBufferPointer<Float> {
        UnsafeMutableBufferPointer(start: data, count: count)
    }

    /// Number of axes.
    public var rank: Int { shape.count }

    /// True when no op made this tensor (a parameter or a constant).
    public var isLeaf: Bool { node == nil }

    /// Size of `axis`, counting negative axes from the end.
    public func size(_ axis: Int) -> Int { shape[axis < 0 ? shape.count + axis : axis] }

    /// Copies the elements out (tests and printing; never on hot paths).
    public func toArray() -> [Float] { Array(buffer) }

    /// The single element of a one-element tensor.
    public func item() -> Float {
        precondition(count == 1, "item(): tensor of shape \(shape) has \(count) elements")
        return data[0]
    }

    /// A new tensor with the same elements that records no history.
    public func detach() -> Tensor { Tensor(storage: storage, offset: offset, shape: shape) }

    /// A deep copy that records no history.
    public func copy() -> Tensor {
        let out = Tensor(shape: shape, zeroed: false)
        out.data.update(from: data, count: count)
        return out
    }

    /// Marks this leaf as a trainable parameter (its gradient is kept by `backward()`).
    @discardableResult
    public func asParameter(name: String? = nil) -> Tensor {
        precondition(isLeaf, "asParameter(): only a leaf tensor can be a parameter")
        requiresGrad = true
        if let name { self.name = name }
        return self
    }

    /// Stops (or resumes) training this leaf: a frozen parameter gets no gradient.
    public func setTrainable(_ trainable: Bool) {
        precondition(isLeaf, "setTrainable(): only a leaf tensor can be frozen or unfrozen")
        requiresGrad = trainable
        if !trainable { zeroGrad() }
    }

    /// Forgets the accumulated gradient.
    public func zeroGrad() {
        grad = nil
        gradOwned = false
    }

    /// Overwrites the gradient (optimizer state restore, tests).
    public func setGrad(_ g: Tensor?) {
        grad = g?.copy()
        gradOwned = g != nil
    }

    public var description: String {
        let preview = buffer.prefix(8).map { String(format: "%.4g", $0) }.joined(separator: ", ")
        return "Tensor(\(shape), [\(preview)\(count > 8 ? ", …" : "")])"
    }
}

extension Tensor {
    /// All zeros.
    public static func zeros(_ shape: [Int]) -> Tensor { Tensor(shape: shape, zeroed: true) }

    /// Every element `value`.
    public static func full(_ shape: [Int], _ value: Float) -> Tensor {
        let t = Tensor(shape: shape, zeroed: false)
        t.buffer.initialize(repeating: value)
        return t
    }

    /// All ones.
    public static func ones(_ shape: [Int]) -> Tensor { full(shape, 1) }

    /// A one-element tensor.
    public static func scalar(_ value: Float) -> Tensor { full([], value) }

    /// Normal(mean, std) samples.
    public static func randn(_ shape: [Int], mean: Float = 0, std: Float = 1, rng: inout RNG) -> Tensor {
        let t = Tensor(shape: shape, zeroed: false)
        for i in 0..<t.count { t.data[i] = mean + std * rng.nextNormal() }
        return t
    }

    /// Uniform samples in [low, high).
    public static func uniform(_ shape: [Int], low: Float = 0, high: Float = 1, rng: inout RNG) -> Tensor {
        let t = Tensor(shape: shape, zeroed: false)
        for i in 0..<t.count { t.data[i] = low + (high - low) * rng.nextFloat() }
        return t
    }

    /// Kaiming-normal init for a (fanOut, fanIn) weight: std = gain / sqrt(fanIn), gain √2 for ReLU-like nets.
    public static func kaimingNormal(_ shape: [Int], fanIn: Int, gain: Float = Float(2).squareRoot(),
                                     rng: inout RNG) -> Tensor {
        randn(shape, std: gain / Float(fanIn).squareRoot(), rng: &rng)
    }

    /// Kaiming-uniform init (PyTorch's nn.Linear default with a = √5): bound = 1 / sqrt(fanIn).
    public static func kaimingUniform(_ shape: [Int], fanIn: Int, rng: inout RNG) -> Tensor {
        let bound = 1 / Float(fanIn).squareRoot()
        return uniform(shape, low: -bound, high: bound, rng: &rng)
    }
}
