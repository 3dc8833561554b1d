// Finite-difference checks of every op's backward: random shapes, broadcasting edge cases, masks, and
// batch and head counts that are not powers of two.
import Autograd
import TestSupport
import Testing

private func expectGrad(_ inputs: [Tensor], _ f: ([Tensor]) throws -> Tensor,
                        sourceLocation: SourceLocation = #_sourceLocation) throws {
    let r = try gradCheck(inputs, f)
    #expect(r.passed, "\(r)", sourceLocation: sourceLocation)
}

/// Positive values away from zero (for log, sqrt, division).
private func positive(_ shape: [Int], seed: UInt64) throws -> Tensor {
    try noGrad { try (randomTensor(shape, seed: seed, scale: 0.3).exp() + 0.5) }.detach()
}

@Suite struct MatmulGradients {
    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func twoD(transA: Bool, transB: Bool) throws {
        let a = randomTensor(transA ? [7, 5] : [5, 7], seed: 1), b = randomTensor(transB ? [3, 7] : [7, 3], seed: 2)
        try expectGrad([a, b]) { try $0[0].matmul($0[1], transposeA: transA, transposeB: transB) }
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func batched(transA: Bool, transB: Bool) throws {
        let a = randomTensor(transA ? [3, 6, 5] : [3, 5, 6], seed: 3)
        let b = randomTensor(transB ? [3, 4, 6] : [3, 6, 4], seed: 4)
        try expectGrad([a, b]) { try $0[0].matmul($0[1], transposeA: transA, transposeB: transB) }
    }

    @Test(arguments: [(false, false), (false, true), (true, false), (true, true)])
    func batchedTimesShared2D(transA: Bool, transB: Bool) throws {
        let a = randomTensor(transA ? [2, 3, 6, 5] : [2, 3, 5, 6], seed: 5)
        let w = randomTensor(transB ? [7, 6] : [6, 7], seed: 6)
        try expectGrad([a, w]) { try $0[0].matmul($0[1], transposeA: transA, transposeB: transB) }
    }

    @Test func sameTensorBothSides() throws {
        let x = randomTensor([4, 5], seed: 7)
        try expectGrad([x]) { try $0[0].matmul($0[0], transposeB: true) }
    }
}

@Suite struct ArithmeticGradients {
    static let shapePairs: [([Int], [Int])] = [
        ([3, 5], [3, 5]), ([3, 5], [5]), ([3, 1], [1, 5]), ([2, 3, 5], [3, 1]), ([5], []),
        ([1], [4, 1, 3]), ([2, 1, 3, 1], [5, 1, 2]), ([], []),
    ]

    @Test(arguments: shapePairs) func add(_ a: [Int], _ b: [Int]) throws {
        try expectGrad([randomTensor(a, seed: 1), randomTensor(b, seed: 2)]) { try $0[0] + $0[1] }
    }

    @Test(arguments: shapePairs) func sub(_ a: [Int], _ b: [Int]) throws {
        try expectGrad([randomTensor(a, seed: 3), randomTensor(b, seed: 4)]) { try $0[0] - $0[1] }
    }

    @Test(arguments: shapePairs) func mul(_ a: [Int], _ b: [Int]) throws {
        try expectGrad([randomTensor(a, seed: 5), randomTensor(b, seed: 6)]) { try $0[0] * $0[1] }
    }

    @Test(arguments: shapePairs) func div(_ a: [Int], _ b: [Int]) throws {
        try expectGrad([randomTensor(a, seed: 7), try positive(b, seed: 8)]) { try $0[0] / $0[1] }
    }

    @Test func scalarOps() throws {
        try expectGrad([randomTensor([4, 3], seed: 9)]) { x in
            try (((x[0] + 1.5) * 2) - 0.25) / 3 - (2 - x[0] * -1.5)
        }
        try expectGrad([randomTensor([17], seed: 10)]) { try -$0[0] }
    }
}

@Suite struct PointwiseGradients {
    @Test func exp() throws { try expectGrad([randomTensor([5, 19], seed: 1)]) { try $0[0].exp() } }
    @Test func log() throws { try expectGrad([try positive([5, 19], seed: 2)]) { try $0[0].log() } }
    @Test func sqrt() throws { try expectGrad([try positive([33], seed: 3)]) { try $0[0].sqrt() } }
    @Test(arguments: [2, 3, 0.5, -1.5] as [Float]) func pow(_ p: Float) throws {
        try expectGrad([try positive([4, 5], seed: 4)]) { try $0[0].pow(p) }
    }
    @Test func clamp() throws {
        // Values kept clear of the bounds: finite differences are undefined at the kinks.
        let x = Tensor(shape: [2, 4], values: [-2, -0.7, -0.3, 0.1, 0.35, 0.9, 1.4, -1.1])
        try expectGrad([x]) { try $0[0].clamp(min: -0.5, max: 0.5) }
    }
    @Test func silu() throws { try expectGrad([randomTensor([3, 37], seed: 5, scale: 2)]) { try $0[0].silu() } }
    @Test func gelu() throws { try expectGrad([randomTensor([3, 21], seed: 6, scale: 2)]) { try $0[0].gelu() } }
    @Test func geluTanh() throws { try expectGrad([randomTensor([3, 21], seed: 7, scale: 2)]) { try $0[0].geluTanh() } }
    @Test func swiglu() throws {
        try expectGrad([randomTensor([3, 35], seed: 8, scale: 2), randomTensor([3, 35], seed: 9)]) {
            try Tensor.swiglu(gate: $0[0], up: $0[1])
        }
    }
}

@Suite struct SelectionGradients {
    @Test func whereWithBroadcastMask() throws {
        let mask = Tensor(shape: [3, 1], values: [1, 0, 1])
        try expectGrad([randomTensor([3, 4], seed: 1), randomTensor([4], seed: 2)]) {
            try Tensor.where(mask, $0[0], $0[1])
        }
    }

    @Test func maskedFill() throws {
        let mask = Tensor(shape: [2, 5], values: [0, 1, 0, 0, 1, 1, 0, 0, 1, 0])
        try expectGrad([randomTensor([2, 5], seed: 3)]) { try $0[0].maskedFill(mask, -3) }
    }

    @Test func indexSelectWithRepeats() throws {
        try expectGrad([randomTensor([7, 5], seed: 4)]) { try $0[0].indexSelect([3, 0, 3, 6, 1, 3], shape: [2, 3]) }
    }

    @Test func gatherLastAxis() throws {
        try expectGrad([randomTensor([2, 3, 6], seed: 5)]) { try $0[0].gather(lastAxis: [0, 5, 2, 2, 4, 1]) }
    }

    @Test func broadcastTo() throws {
        try expectGrad([randomTensor([3, 1], seed: 6)]) { try $0[0].broadcast(to: [2, 3, 4]) }
    }
}

@Suite struct ReductionGradients {
    @Test(arguments: [nil, [0], [1], [2], [0, 2], [-1], [0, 1, 2]] as [[Int]?])
    func sum(_ axes: [Int]?) throws {
        try expectGrad([randomTensor([3, 4, 5], seed: 1)]) { try $0[0].sum(axes: axes) }
        try expectGrad([randomTensor([3, 4, 5], seed: 2)]) { try $0[0].sum(axes: axes, keepDims: true) }
    }

    @Test(arguments: [nil, [1], [0, 2]] as [[Int]?])
    func mean(_ axes: [Int]?) throws {
        try expectGrad([randomTensor([3, 4, 5], seed: 3)]) { try $0[0].mean(axes: axes) }
    }

    @Test(arguments: [0, 1, 2, -1]) func max(_ axis: Int) throws {
        try expectGrad([randomTensor([3, 4, 5], seed: 4)]) { try $0[0].max(axis: axis) }
    }
}

@Suite struct ShapeGradients {
    @Test func reshape() throws { try expectGrad([randomTensor([3, 4], seed: 1)]) { try $0[0].reshape([2, -1, 3]) * 2 } }
    @Test func permute() throws {
        try expectGrad([randomTensor([2, 3, 4, 5], seed: 2)]) { try $0[0].permute([2, 0, 3, 1]) }
    }
    @Test func transpose() throws { try expectGrad([randomTensor([3, 5, 2], seed: 3)]) { try $0[0].transpose(0, -1) } }
    @Test(arguments: [0, 1, 2]) func slice(_ axis: Int) throws {
        try expectGrad([randomTensor([4, 5, 6], seed: 4)]) { try $0[0].slice(axis: axis, 1..<3) }
    }
    @Test(arguments: [0, 1, -1]) func concat(_ axis: Int) throws {
        var a = [2, 3, 4], b = [2, 3, 4]
        a[axis < 0 ? 2 : axis] = 1
        b[axis < 0 ? 2 : axis] = 5
        try expectGrad([randomTensor(a, seed: 5), randomTensor(b, seed: 6), randomTensor([2, 3, 4], seed: 7)]) {
            try Tensor.concat($0, axis: axis)
        }
    }
    @Test(arguments: [0, 1, 2]) func stack(_ axis: Int) throws {
        try expectGrad([randomTensor([3, 2], seed: 8), randomTensor([3, 2], seed: 9), randomTensor([3, 2], seed: 10)]) {
            try Tensor.stack($0, axis: axis)
        }
    }
}

@Suite struct RowOpGradients {
    @Test func softmax() throws { try expectGrad([randomTensor([3, 2, 21], seed: 1)]) { try $0[0].softmax() } }
    @Test func logSoftmax() throws { try expectGrad([randomTensor([5, 33], seed: 2)]) { try $0[0].logSoftmax() } }

    @Test(arguments: [Reduction.mean, .sum, .none])
    func crossEntropy(_ reduction: Reduction) throws {
        let targets: [Int32] = [3, -100, 0, 10, 7, 7]
        let weights: [Float] = [1, 1, 0.5, 2, 1, 0.25]
        try expectGrad([randomTensor([2, 3, 11], seed: 3)]) {
            try $0[0].crossEntropy(targets: targets, weights: weights, reduction: reduction)
        }
        try expectGrad([randomTensor([6, 11], seed: 4)]) {
            try $0[0].crossEntropy(targets: targets, ignoreIndex: -100, reduction: reduction)
        }
    }

    @Test func rmsNorm() throws {
        try expectGrad([randomTensor([3, 5, 19], seed: 5), randomTensor([19], seed: 6)]) {
            try $0[0].rmsNorm(weight: $0[1], eps: 1e-5)
        }
    }

    @Test func layerNorm() throws {
        try expectGrad([randomTensor([7, 13], seed: 7), randomTensor([13], seed: 8), randomTensor([13], seed: 9)]) {
            try $0[0].layerNorm(weight: $0[1], bias: $0[2], eps: 1e-5)
        }
        try expectGrad([randomTensor([7, 13], seed: 10), randomTensor([13], seed: 11)]) {
            try $0[0].layerNorm(weight: $0[1], bias: nil, eps: 1e-5)
        }
    }
}

@Suite struct PositionalAndAttentionGradients {
    @Test(arguments: [0, 5]) func ropeWithOffset(_ offset: Int) throws {
        try expectGrad([randomTensor([3, 4, 3, 8], seed: 1)]) { try $0[0].rope(theta: 10_000, offset: offset) }
    }

    @Test func ropeWithPositions() throws {
        let positions: [Int32] = [0, 0, 1, 2, 0, 1, 2, 3]
        try expectGrad([randomTensor([2, 4, 2, 6], seed: 2)]) { try $0[0].rope(theta: 500, positions: positions) }
    }

    /// (batch, queries, keys, query heads, kv heads, head dim, causal, padded)
    static let cases: [(Int, Int, Int, Int, Int, Int, Bool, Bool)] = [
        (3, 5, 5, 6, 2, 4, true, false),   // GQA, group of 3
        (2, 4, 4, 3, 3, 5, true, true),    // multi-head with left padding
        (3, 2, 7, 3, 1, 4, true, true),    // cached decoding: 2 new queries over 7 keys, MQA
        (1, 4, 6, 2, 1, 3, false, true),   // bidirectional
        (1, 70, 70, 2, 1, 4, true, false), // several causal row blocks of 64 queries
        (2, 66, 75, 2, 2, 3, true, true),  // several blocks after cached keys, with padding
    ]

    @Test func attentionWithSegments() throws {
        // Two rows: three packed examples of 3, 4 and 2 tokens, then two of 5 and 4 (row lengths 9).
        let segments: [Int32] = [0, 0, 0, 1, 1, 1, 1, 2, 2, 0, 0, 0, 0, 0, 1, 1, 1, 1]
        try expectGrad([randomTensor([2, 9, 4, 3], seed: 13), randomTensor([2, 9, 2, 3], seed: 14),
                        randomTensor([2, 9, 2, 3], seed: 15)]) {
            try Tensor.attention(q: $0[0], k: $0[1], v: $0[2], causal: true, segments: segments)
        }
    }

    @Test func packedAttentionIsEachExampleAlone() throws {
        // An example's outputs in a packed row equal those of the example in a row of its own.
        let q = randomTensor([1, 7, 2, 4], seed: 21), k = randomTensor([1, 7, 1, 4], seed: 22), v = randomTensor([1, 7, 1, 4], seed: 23)
        let packed = try Tensor.attention(q: q, k: k, v: v, causal: true, segments: [0, 0, 0, 1, 1, 1, 1]).toArray()
        for (start, length) in [(0, 3), (3, 4)] {
            func slice(_ t: Tensor) throws -> Tensor {
                let width = t.shape[2] * t.shape[3]
                return Tensor(shape: [1, length, t.shape[2], t.shape[3]], values: Array(t.toArray()[start * width..<(start + length) * width]))
            }
            let alone = try Tensor.attention(q: slice(q), k: slice(k), v: slice(v), causal: true).toArray()
            let part = Array(packed[start * 8..<(start + length) * 8])
            #expect(zip(alone, part).allSatisfy { abs($0 - $1) <= 1e-6 }, "example at \(start)")
        }
        #expect(throws: AutogradError.self) { try Tensor.attention(q: q, k: k, v: v, segments: [0, 1]) }
    }

    @Test(arguments: cases)
    func attention(_ c: (Int, Int, Int, Int, Int, Int, Bool, Bool)) throws {
        let (b, t, s, hq, hkv, d, causal, padded) = c
        var maskValues = [Float](repeating: 1, count: b * s)
        if padded { for bi in 0..<b { for j in 0..<(bi % 3) { maskValues[bi * s + j] = 0 } } }
        let mask = padded ? Tensor(shape: [b, s], values: maskValues) : nil
        try expectGrad([randomTensor([b, t, hq, d], seed: 3), randomTensor([b, s, hkv, d], seed: 4),
                        randomTensor([b, s, hkv, d], seed: 5)]) {
            try Tensor.attention(q: $0[0], k: $0[1], v: $0[2], causal: causal, keyMask: mask)
        }
    }
}
