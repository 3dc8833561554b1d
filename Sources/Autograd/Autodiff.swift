// The tape: every op run in grad mode on an input that requires grad records a `GradNode` holding its
// inputs and a backward closure, next to its forward. `backward()` orders the recorded graph
// topologically and runs the closures in reverse, accumulating gradients with `+=`.

/// One recorded op: its inputs and how to push the output's gradient into them.
final class GradNode {
    let op: String
    let inputs: [Tensor]
    /// Given the output and its gradient, accumulates gradients into `inputs`.
    let backward: (_ output: Tensor, _ gradOutput: Tensor) throws -> Void

    init(op: String, inputs: [Tensor], backward: @escaping (Tensor, Tensor) throws -> Void) {
        self.op = op
        self.inputs = inputs
        self.backward = backward
    }
}

/// Whether ops record history (on by default; off inside `noGrad`).
public enum GradMode {
    @TaskLocal public static var isEnabled = true
}

/// Runs `body` without recording anything on the tape (inference, generation, optimizer updates).
public func noGrad<T>(_ body: () throws -> T) rethrows -> T {
    try GradMode.$isEnabled.withValue(false) { try body() }
}

extension Tensor {
    /// Records `output` as made by `op` from `inputs`, when grad mode is on and an input requires grad.
    @inline(__always)
    func record(_ op: String, _ inputs: [Tensor],
                _ backward: @escaping (_ output: Tensor, _ gradOutput: Tensor) throws -> Void) -> Tensor {
        guard GradMode.isEnabled, inputs.contains(where: { $0.requiresGrad }) else { return self }
        requiresGrad = true
        node = GradNode(op: op, inputs: inputs, backward: backward)
        return self
    }

    /// Adds `g` to this tensor's gradient. Parameters copy on first use so optimizers may update in place.
    func accumulateGrad(_ g: Tensor) {
        guard requiresGrad else { return }
        precondition(g.count == count, "gradient of \(g.shape) for tensor of \(shape)")
        if let grad {
            if gradOwned {
                Kernels.addInPlace(grad.data, g.data, count)
            } else {
                let sum = Tensor(shape: shape, zeroed: false)
                Kernels.add(sum.data, grad.data, g.data, count)
                self.grad = sum
                gradOwned = true
            }
        } else if isLeaf {
            let owned = Tensor(shape: shape, zeroed: false)
            owned.data.update(from: g.data, count: count)
            grad = owned
            gradOwned = true
        } else {
            grad = g.shape == shape ? g : Tensor(storage: g.storage, offset: g.offset, shape: shape)
            gradOwned = false
        }
    }

    /// Adds a gradient that `compute(buffer, beta)` writes as buffer = new + beta · buffer, straight into
    /// an owned gradient when there is one (BLAS accumulates with beta 1; no temporary, no extra pass).
    @inline(__always)
    func accumulateGrad(_ compute: (UnsafeMutablePointer<Float>, Float) -> Void) {
        guard requiresGrad else { return }
        if let grad, gradOwned {
            compute(grad.data, 1)
        } else if grad == nil && isLeaf {
            let g = Tensor(shape: shape, zeroed: false)
            compute(g.data, 0)
            grad = g
            gradOwned = true
        } else {
            let g = Tensor(shape: shape, zeroed: false)
            compute(g.data, 0)
            accumulateGrad(g)
        }
    }

    /// Back-propagates from this tensor into every parameter it depends on. Without `gradient`, the
    /// tensor must hold one element (a loss). The recorded graph is released afterwards.
    public func backward(_ gradient: Tensor? = nil) throws {
        guard requiresGrad else {
            throw AutogradError.backward(detail: "tensor of shape \(shape) does not require grad "
                + "(no parameter in its history, or it was computed inside noGrad)")
        }
        if gradient == nil && count != 1 {
            throw AutogradError.backward(detail: "called without a gradient on shape \(shape); "
                + "reduce to a scalar loss first (sum or mean)")
        }
        if let gradient, gradient.count != count {
            throw AutogradError.shapeMismatch(op: "backward", lhs: shape, rhs: gradient.shape,
                                              detail: "gradient must have the tensor's shape")
        }
        let order = topologicalOrder()
        accumulateGrad(gradient ?? Tensor.full(shape, 1))
        for t in order.reversed() {
            guard let node = t.node else { continue }
            if let g = t.grad { try node.backward(t, g) }
            t.node = nil
            t.grad = nil
            t.gradOwned = false
        }
    }

    /// Tensors reachable from this one through recorded ops, each after all its inputs.
    private func topologicalOrder() -> [Tensor] {
        var order: [Tensor] = []
        var visited = Set<ObjectIdentifier>()
        var stack: [(Tensor, Bool)] = [(self, false)]
        while let (t, expanded) = stack.popLast() {
            if expanded { order.append(t); continue }
            guard visited.insert(ObjectIdentifier(t)).inserted else { continue }
            stack.append((t, true))
            for input in t.node?.inputs ?? [] where input.requiresGrad && !visited.contains(ObjectIdentifier(input)) {
                stack.append((input, false))
            }
        }
        return order
    }
}
