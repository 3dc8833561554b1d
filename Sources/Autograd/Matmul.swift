// Matrix products straight to cblas_sgemm. Transposes are flags, never copies; a (…, M, K) input times
// a (K, N) weight is one GEMM over all leading rows; batched products loop GEMMs over the batch.

extension Tensor {
    /// Matrix product op(self) · op(other); `self` is (…, M, K) and `other` (K, N) or (…, K, N) with the
    /// same batch axes. `transposeA` / `transposeB` use the transposes of the last two axes, without copying.
    public func matmul(_ other: Tensor, transposeA: Bool = false, transposeB: Bool = false) throws -> Tensor {
        let a = self, b = other
        func mismatch(_ detail: String) -> AutogradError {
            .shapeMismatch(op: "matmul", lhs: a.shape, rhs: b.shape, detail: detail)
        }
        guard a.rank >= 2, b.rank >= 2 else { throw mismatch("both operands need at least 2 axes") }
        let (ar, ac) = (a.shape[a.rank - 2], a.shape[a.rank - 1])
        let (br, bc) = (b.shape[b.rank - 2], b.shape[b.rank - 1])
        let (m, k) = transposeA ? (ac, ar) : (ar, ac)
        let (kb, n) = transposeB ? (bc, br) : (br, bc)
        guard k == kb else {
            throw mismatch("inner sizes differ (\(k) vs \(kb))"
                + (transposeA || transposeB ? " with transposeA=\(transposeA) transposeB=\(transposeB)" : ""))
        }
        let batchA = Array(a.shape.dropLast(2)), batchB = Array(b.shape.dropLast(2))
        guard batchB.isEmpty || batchA == batchB else {
            throw mismatch("batch axes \(batchA) and \(batchB) must be equal (or the right operand 2-D)")
        }
        let batch = batchA.reduce(1, *)
        let out = Tensor(shape: batchA + [m, n], zeroed: false)
        // A 2-D right operand with an untransposed left one: all leading rows form one GEMM.
        let fused = batchB.isEmpty && !transposeA
        Matmul.forward(a, b, out, m: m, n: n, k: k, batch: batch, fused: fused, tA: transposeA, tB: transposeB)
        return out.record("matmul", [a, b]) { _, g in
            Matmul.backward(a, b, g, m: m, n: n, k: k, batch: batch, fused: fused, tA: transposeA, tB: transposeB)
        }
    }
}

/// GEMM loops behind `matmul`.
enum Matmul {
    static func forward(_ a: Tensor, _ b: Tensor, _ out: Tensor, m: Int, n: Int, k: Int, batch: Int,
                        fused: Bool, tA: Bool, tB: Bool) {
        let lda = tA ? m : k, ldb = tB ? k : n
        if fused {
            BLAS.sgemm(transA: false, transB: tB, m: batch * m, n: n, k: k, alpha: 1, a: a.data, lda: lda,
                       b: b.data, ldb: ldb, beta: 0, c: out.data, ldc: n)
            return
        }
        let bStep = b.rank == 2 ? 0 : k * n
        for i in 0..<batch {
            BLAS.sgemm(transA: tA, transB: tB, m: m, n: n, k: k, alpha: 1, a: a.data + i * m * k, lda: lda,
                       b: b.data + i * bStep, ldb: ldb, beta: 0, c: out.data + i * m * n, ldc: n)
        }
    }

    static func backward(_ a: Tensor, _ b: Tensor, _ g: Tensor, m: Int, n: Int, k: Int, batch: Int,
                         fused: Bool, tA: Bool, tB: Bool) {
        let lda = tA ? m : k, ldb = tB ? k : n
        if fused {
            a.accumulateGrad { ga, beta in
                // dA = dC · op(B)ᵀ over all rows at once.
                BLAS.sgemm(transA: false, transB: !tB, m: batch * m, n: k, k: n, alpha: 1, a: g.data, lda: n,
                           b: b.data, ldb: ldb, beta: beta, c: ga, ldc: k)
            }
            b.accumulateGrad { gb, beta in
                if tB {  // dB = dCᵀ · A
                    BLAS.sgemm(transA: true, transB: false, m: n, n: k, k: batch * m, alpha: 1, a: g.data, lda: n,
                               b: a.data, ldb: k, beta: beta, c: gb, ldc: k)
                } else {  // dB = Aᵀ · dC
                    BLAS.sgemm(transA: true, transB: false, m: k, n: n, k: batch * m, alpha: 1, a: a.data, lda: k,
                               b: g.data, ldb: n, beta: beta, c: gb, ldc: n)
                }
            }
            return
        }
        let bStep = b.rank == 2 ? 0 : k * n
        a.accumulateGrad { ga, beta in
            for i in 0..<batch {
                let gi = g.data + i * m * n, bi = b.data + i * bStep, out = ga + i * m * k
                if tA {  // dA = op(B) · dCᵀ, shape (K, M)
                    BLAS.sgemm(transA: tB, transB: true, m: k, n: m, k: n, alpha: 1, a: bi, lda: ldb,
                               b: gi, ldb: n, beta: beta, c: out, ldc: m)
                } else {  // dA = dC · op(B)ᵀ, shape (M, K)
                    BLAS.sgemm(transA: false, transB: !tB, m: m, n: k, k: n, alpha: 1, a: gi, lda: n,
                               b: bi, ldb: ldb, beta: beta, c: out, ldc: k)
                }
            }
        }
        b.accumulateGrad { gb, beta in
            for i in 0..<batch {
                let gi = g.data + i * m * n, ai = a.data + i * m * k
                let out = gb + i * bStep
                // A 2-D B shared by every batch item sums their contributions.
                let bt: Float = bStep == 0 && i > 0 ? 1 : beta
                if tB {  // dB = dCᵀ · op(A), shape (N, K)
                    BLAS.sgemm(transA: true, transB: tA, m: n, n: k, k: m, alpha: 1, a: gi, lda: n,
                               b: ai, ldb: lda, beta: bt, c: out, ldc: k)
                } else {  // dB = op(A)ᵀ · dC, shape (K, N)
                    BLAS.sgemm(transA: !tA, transB: false, m: k, n: n, k: m, alpha: 1, a: ai, lda: lda,
                               b: gi, ldb: n, beta: bt, c: out, ldc: n)
                }
            }
        }
    }
}
