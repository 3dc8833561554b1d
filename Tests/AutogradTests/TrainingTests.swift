// End-to-end training through the engine: a small MLP must fit a smooth function, bit-identically
// when run twice with the same seed; optimizers and schedules must do what their formulas say.
import Autograd
import Foundation
import TestSupport
import Testing

/// Trains a 2-32-32-1 MLP on y = sin(3·x₀) + x₁² for `steps` AdamW steps; returns losses and final weights.
private func trainMLP(seed: UInt64, steps: Int) throws -> (losses: [Float], weights: [[Float]]) {
    var rng = RNG(seed: seed)
    let w1 = Tensor.kaimingUniform([32, 2], fanIn: 2, rng: &rng).asParameter(name: "w1")
    let b1 = Tensor.zeros([32]).asParameter(name: "b1")
    let w2 = Tensor.kaimingUniform([32, 32], fanIn: 32, rng: &rng).asParameter(name: "w2")
    let b2 = Tensor.zeros([32]).asParameter(name: "b2")
    let w3 = Tensor.kaimingUniform([1, 32], fanIn: 32, rng: &rng).asParameter(name: "w3")
    let params = [w1, b1, w2, b2, w3]
    let optimizer = AdamW(groups: ParameterGroup.decayMatricesOnly(params, weightDecay: 1e-4))
    let schedule = LRSchedule(kind: .cosine, baseLR: 1e-2, warmupSteps: 20, totalSteps: steps, minLRRatio: 0.1)
    let x = Tensor.uniform([256, 2], low: -1, high: 1, rng: &rng)
    let y = Tensor(shape: [256, 1], values: (0..<256).map { Foundation.sin(3 * x.data[2 * $0]) + x.data[2 * $0 + 1] * x.data[2 * $0 + 1] })
    var losses: [Float] = []
    for step in 0..<steps {
        let h1 = try (x.matmul(w1, transposeB: true) + b1).silu()
        let h2 = try (h1.matmul(w2, transposeB: true) + b2).silu()
        let loss = try (h2.matmul(w3, transposeB: true) - y).square().mean()
        try loss.backward()
        params.clipGradNorm(maxNorm: 1)
        optimizer.step(lr: schedule.lr(step: step))
        optimizer.zeroGrad()
        losses.append(loss.item())
    }
    return (losses, params.map { $0.toArray() })
}

@Suite struct MLPTraining {
    @Test func lossFallsBelowThresholdAndRunsAreBitIdentical() throws {
        let first = try trainMLP(seed: 42, steps: 300)
        #expect(first.losses[0] > 0.2, "initial loss \(first.losses[0])")
        #expect(first.losses.last! < 0.01, "final loss \(first.losses.last!) (threshold 0.01)")
        let second = try trainMLP(seed: 42, steps: 300)
        #expect(first.losses == second.losses)
        #expect(first.weights == second.weights)
        let other = try trainMLP(seed: 43, steps: 5)
        #expect(other.losses != Array(first.losses.prefix(5)))
    }
}

@Suite struct Optimizers {
    @Test func adamWMatchesItsFormula() throws {
        let w = Tensor(shape: [3], values: [1, -2, 0.5]).asParameter()
        let opt = AdamW(groups: [ParameterGroup(parameters: [w], weightDecay: 0.1)], beta1: 0.9, beta2: 0.99, eps: 1e-8)
        var expected: [Double] = [1, -2, 0.5], m = [Double](repeating: 0, count: 3), v = m
        for step in 1...3 {
            try (w * w * w).sum().backward()  // g = 3w²
            opt.step(lr: 0.01)
            opt.zeroGrad()
            for i in 0..<3 {
                let g = 3 * expected[i] * expected[i]
                expected[i] *= 1 - 0.01 * 0.1
                m[i] = 0.9 * m[i] + 0.1 * g
                v[i] = 0.99 * v[i] + 0.01 * g * g
                let mh = m[i] / (1 - Foundation.pow(0.9, Double(step))), vh = v[i] / (1 - Foundation.pow(0.99, Double(step)))
                expected[i] -= 0.01 * mh / (vh.squareRoot() + 1e-8)
            }
        }
        for i in 0..<3 { #expect(abs(Double(w.data[i]) - expected[i]) < 1e-5, "w[\(i)] \(w.data[i]) vs \(expected[i])") }
    }

    @Test func decayGroupsSkipVectors() {
        let groups = ParameterGroup.decayMatricesOnly([Tensor.zeros([2, 2]), Tensor.zeros([2]), Tensor.zeros([3, 1])],
                                                      weightDecay: 0.1)
        #expect(groups[0].parameters.map(\.shape) == [[2, 2], [3, 1]] && groups[0].weightDecay == 0.1)
        #expect(groups[1].parameters.map(\.shape) == [[2]] && groups[1].weightDecay == 0)
    }

    @Test func sgdMomentumMatchesItsFormula() throws {
        let w = Tensor(shape: [2], values: [1, 2]).asParameter()
        let opt = SGD(groups: [ParameterGroup(parameters: [w], weightDecay: 0)], momentum: 0.5)
        var expected: [Float] = [1, 2], vel: [Float] = [0, 0]
        for _ in 0..<3 {
            try (w * w).sum().backward()
            opt.step(lr: 0.1)
            opt.zeroGrad()
            for i in 0..<2 { vel[i] = 0.5 * vel[i] + 2 * expected[i]; expected[i] -= 0.1 * vel[i] }
        }
        #expect(zip(w.toArray(), expected).allSatisfy { abs($0 - $1) < 1e-6 })
    }

    @Test func clippingReportsNormBeforeClipping() throws {
        let a = Tensor(shape: [2], values: [3, 0]).asParameter(), b = Tensor(shape: [1], values: [4]).asParameter()
        try ((a * a).sum() * 0.5 + (b * b).sum() * 0.5).backward()  // grads (3, 0) and (4): norm 5
        let norm = [a, b].clipGradNorm(maxNorm: 1)
        #expect(abs(norm - 5) < 1e-6)
        #expect(abs([a, b].gradNorm() - 1) < 1e-5)
        #expect(abs(a.grad!.data[0] - 0.6) < 1e-5)
    }

    @Test func schedulesFollowTransformers() {
        let linear = LRSchedule(kind: .linear, baseLR: 1, warmupSteps: 10, totalSteps: 110)
        #expect(linear.lr(step: 0) == 0 && linear.lr(step: 5) == 0.5 && linear.lr(step: 10) == 1)
        #expect(abs(linear.lr(step: 60) - 0.5) < 1e-6 && linear.lr(step: 110) == 0)
        let cosine = LRSchedule(kind: .cosine, baseLR: 2, warmupSteps: 0, totalSteps: 100)
        #expect(cosine.lr(step: 0) == 2 && abs(cosine.lr(step: 50) - 1) < 1e-5 && abs(cosine.lr(step: 100)) < 1e-6)
        #expect(LRSchedule(kind: .constant, baseLR: 3, warmupSteps: 5).lr(step: 0) == 3)
        #expect(LRSchedule(kind: .constantWithWarmup, baseLR: 3, warmupSteps: 3, totalSteps: 10).lr(step: 1) == 1)
    }
}

@Suite struct Determinism {
    /// Same seed and thread count give bit-identical gradients through every parallel kernel.
    @Test func attentionAndNormGradientsRepeatExactly() throws {
        func grads() throws -> [[Float]] {
            let q = randomTensor([3, 64, 6, 16], seed: 1).asParameter(), k = randomTensor([3, 64, 2, 16], seed: 2).asParameter()
            let w = randomTensor([96], seed: 3).asParameter()
            let x = try Tensor.attention(q: q, k: k, v: k, causal: true).reshape([3, 64, 96])
            try x.rmsNorm(weight: w, eps: 1e-6).logSoftmax().sum().backward()
            return [q.grad!.toArray(), k.grad!.toArray(), w.grad!.toArray()]
        }
        let a = try grads(), b = try grads()
        #expect(a == b)
    }
}
