// Forward values against plain reference loops: the fused kernels must compute what the textbook
// formulas say, not just have consistent gradients.
import Autograd
import Foundation
import TestSupport
import Testing

private func close(_ a: [Float], _ b: [Float], tol: Float = 1e-4) -> Bool {
    a.count == b.count && zip(a, b).allSatisfy { abs($0 - $1) <= tol * max(1, abs($1)) }
}

@Suite struct ForwardValues {
    @Test func matmulMatchesTripleLoop() throws {
        let a = randomTensor([2, 5, 7], seed: 1), b = randomTensor([3, 7], seed: 2)
        let c = try a.matmul(b, transposeB: true)
        var expected = [Float]()
        for bi in 0..<2 { for i in 0..<5 { for j in 0..<3 {
            var s: Float = 0
            for k in 0..<7 { s += a.data[(bi * 5 + i) * 7 + k] * b.data[j * 7 + k] }
            expected.append(s)
        } } }
        #expect(c.shape == [2, 5, 3])
        #expect(close(c.toArray(), expected))
    }

    @Test func broadcastingFollowsNumPy() throws {
        let a = Tensor(shape: [2, 1, 3], values: [1, 2, 3, 4, 5, 6])
        let b = Tensor(shape: [2, 1], values: [10, 20])
        let c = try a + b
        #expect(c.shape == [2, 2, 3])
        #expect(c.toArray() == [11, 12, 13, 21, 22, 23, 14, 15, 16, 24, 25, 26])
        let s = try c.sum(axes: [1])
        #expect(s.toArray() == [32, 34, 36, 38, 40, 42])
    }

    @Test func expMatchesLibm() throws {
        let xs: [Float] = stride(from: -80, through: 80, by: 0.37).map { Float($0) }
        let y = try Tensor(shape: [xs.count], values: xs).exp().toArray()
        for (x, v) in zip(xs, y) { #expect(abs(v - Foundation.exp(x)) <= 3e-7 * Foundation.exp(x), "exp(\(x))") }
    }

    @Test func crossEntropyEqualsNegativeLogSoftmaxGather() throws {
        let logits = randomTensor([6, 9], seed: 3, scale: 3)
        let targets: [Int32] = [0, 8, 3, 3, 1, 5]
        let perToken = try logits.crossEntropy(targets: targets, reduction: .none).toArray()
        let picked = try logits.logSoftmax().gather(lastAxis: targets).toArray()
        #expect(close(perToken, picked.map { -$0 }, tol: 1e-5))
        let mean = try logits.crossEntropy(targets: [0, -100, 3, -100, 1, 5]).item()
        #expect(abs(mean - (perToken[0] + perToken[2] + perToken[4] + perToken[5]) / 4) < 1e-5)
    }

    @Test func rmsNormMatchesFormula() throws {
        let x = randomTensor([4, 10], seed: 4), w = randomTensor([10], seed: 5)
        let y = try x.rmsNorm(weight: w, eps: 1e-6).toArray()
        for r in 0..<4 {
            let row = (0..<10).map { x.data[r * 10 + $0] }
            let inv = 1 / (row.map { $0 * $0 }.reduce(0, +) / 10 + 1e-6).squareRoot()
            #expect(close(Array(y[r * 10..<(r + 1) * 10]), (0..<10).map { row[$0] * inv * w.data[$0] }))
        }
    }

    @Test func ropeRotatesHalves() throws {
        let x = randomTensor([1, 3, 2, 4], seed: 6)
        let y = try x.rope(theta: 100, offset: 2).toArray()
        for t in 0..<3 { for h in 0..<2 { for j in 0..<2 {
            let base = (t * 2 + h) * 4
            let angle = Float(t + 2) / Foundation.pow(100, Float(2 * j) / 4)
            let x1 = x.data[base + j], x2 = x.data[base + 2 + j]
            #expect(abs(y[base + j] - (x1 * cos(angle) - x2 * sin(angle))) < 1e-5)
            #expect(abs(y[base + 2 + j] - (x2 * cos(angle) + x1 * sin(angle))) < 1e-5)
        } } }
    }

    /// Attention against a composition of plain ops per head, with GQA, an offset and padding.
    @Test func attentionMatchesReference() throws {
        let (b, t, s, hq, hkv, d) = (2, 3, 5, 4, 2, 8)
        let q = randomTensor([b, t, hq, d], seed: 7), k = randomTensor([b, s, hkv, d], seed: 8)
        let v = randomTensor([b, s, hkv, d], seed: 9)
        let mask = Tensor(shape: [b, s], values: [1, 1, 1, 1, 1, 0, 1, 1, 1, 1])
        let out = try Tensor.attention(q: q, k: k, v: v, causal: true, keyMask: mask).toArray()
        for bi in 0..<b { for h in 0..<hq { for i in 0..<t {
            let kh = h / (hq / hkv)
            var scores = [Float](repeating: -.infinity, count: s)
            for j in 0..<s where j <= s - t + i && mask.data[bi * s + j] != 0 {
                var dot: Float = 0
                for c in 0..<d { dot += q.data[((bi * t + i) * hq + h) * d + c] * k.data[((bi * s + j) * hkv + kh) * d + c] }
                scores[j] = dot / Float(d).squareRoot()
            }
            let m = scores.max()!
            let e = scores.map { Foundation.exp($0 - m) }, z = e.reduce(0, +)
            for c in 0..<d {
                var acc: Float = 0
                for j in 0..<s { acc += e[j] / z * v.data[((bi * s + j) * hkv + kh) * d + c] }
                #expect(abs(out[((bi * t + i) * hq + h) * d + c] - acc) < 1e-5)
            }
        } } }
    }

    @Test func fullyMaskedQueryRowGivesZerosNotNaN() throws {
        let q = randomTensor([1, 2, 1, 4], seed: 10), k = randomTensor([1, 2, 1, 4], seed: 11)
        let mask = Tensor(shape: [1, 2], values: [0, 1])  // left padding: query 0 sees nothing
        let out = try Tensor.attention(q: q, k: k, v: k, causal: true, keyMask: mask).toArray()
        #expect(out.allSatisfy { $0.isFinite })
        #expect(out[0..<4].allSatisfy { $0 == 0 })
    }

    /// A masked key must weigh exactly 0: a tiny nonzero weight is subnormal after normalising, and
    /// subnormals slowed every backward product ~100× (the GRPO bench's backward went 16.2 → 2.2 s).
    @Test func maskedKeysWeighExactlyZeroAndNothingIsSubnormal() throws {
        let underflow = try Tensor(shape: [4], values: [-87.5, -100, -1e30, -.infinity]).exp().toArray()
        #expect(underflow == [0, 0, 0, 0])
        let probs = try Tensor(shape: [1, 3], values: [0, 2, -.infinity]).softmax().toArray()
        #expect(probs[2] == 0)
        let (b, t, h, d) = (2, 24, 2, 8)
        let q = randomTensor([b, t, h, d], seed: 12).asParameter(), k = randomTensor([b, t, h, d], seed: 13).asParameter()
        let v = randomTensor([b, t, h, d], seed: 14).asParameter()
        let mask = Tensor(shape: [b, t], values: (0..<(b * t)).map { $0 % t < 5 ? 0 : 1 })
        let out = try Tensor.attention(q: q, k: k, v: v, causal: true, keyMask: mask)
        try (out * out).sum().backward()
        for (name, values) in [("out", out.toArray()), ("dq", q.grad!.toArray()), ("dk", k.grad!.toArray()),
                               ("dv", v.grad!.toArray())] {
            #expect(!values.contains { $0.isSubnormal }, "\(name) has subnormal values")
        }
    }
}

@Suite struct TapeBehaviour {
    @Test func gradientsAccumulateAcrossBackwardCalls() throws {
        let w = Tensor(shape: [3], values: [1, 2, 3]).asParameter()
        for _ in 0..<3 { try (w * w).sum().backward() }
        #expect(w.grad?.toArray() == [6, 12, 18])
        w.zeroGrad()
        #expect(w.grad == nil)
    }

    @Test func noGradRecordsNothing() throws {
        let w = Tensor(shape: [2], values: [1, 2]).asParameter()
        let y = try noGrad { try (w * 3).sum() }
        #expect(!y.requiresGrad)
        #expect(throws: AutogradError.self) { try y.backward() }
    }

    @Test func detachStopsGradient() throws {
        let w = Tensor(shape: [2], values: [1, 2]).asParameter()
        let y = try (w * w.detach()).sum()
        try y.backward()
        #expect(w.grad?.toArray() == [1, 2])
    }

    @Test func constantsGetNoGradient() throws {
        let c = Tensor(shape: [2], values: [5, 6])
        let w = Tensor(shape: [2], values: [1, 2]).asParameter()
        try (c * w).sum().backward()
        #expect(c.grad == nil)
        #expect(w.grad?.toArray() == [5, 6])
    }

    @Test func reusedIntermediateSumsItsGradients() throws {
        let w = Tensor(shape: [2], values: [1, 2]).asParameter()
        let h = try w * 2
        try (h * h + h).sum().backward()  // d/dw (4w² + 2w) = 8w + 2
        #expect(w.grad?.toArray() == [10, 18])
    }
}

@Suite struct ShapeErrors {
    private func message(_ body: () throws -> Tensor) -> String {
        do { _ = try body(); return "" } catch { return "\(error)" }
    }

    @Test func matmulNamesOpAndShapes() {
        let m = message { try Tensor.zeros([2, 3]).matmul(Tensor.zeros([4, 5])) }
        #expect(m.contains("matmul") && m.contains("[2, 3]") && m.contains("[4, 5]"), "\(m)")
    }

    @Test func broadcastNamesOpAndShapes() {
        let m = message { try Tensor.zeros([2, 3]) + Tensor.zeros([4]) }
        #expect(m.contains("add") && m.contains("[2, 3]") && m.contains("[4]"), "\(m)")
    }

    @Test func otherOpsRejectBadShapes() {
        for (op, body) in [
            ("attention", { try Tensor.attention(q: Tensor.zeros([1, 2, 3, 4]), k: Tensor.zeros([1, 2, 2, 4]), v: Tensor.zeros([1, 2, 2, 4])) }),
            ("rms_norm", { try Tensor.zeros([2, 3]).rmsNorm(weight: Tensor.zeros([4]), eps: 1e-5) }),
            ("reshape", { try Tensor.zeros([2, 3]).reshape([4, 2]) }),
            ("cross_entropy", { try Tensor.zeros([2, 3]).crossEntropy(targets: [0, 3]) }),
            ("index_select", { try Tensor.zeros([2, 3]).indexSelect([2]) }),
            ("concat", { try Tensor.concat([Tensor.zeros([2, 3]), Tensor.zeros([3, 2])], axis: 0) }),
        ] as [(String, () throws -> Tensor)] {
            let m = message(body)
            #expect(m.contains(op), "\(op): \(m)")
        }
    }
}
