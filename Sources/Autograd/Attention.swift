// Causal scaled-dot-product attention with grouped-query heads and a key padding mask, fused: per
// (batch, kv-head) task, scores = Q·Kᵀ and out = P·V go straight to sgemm on strided head slices of
// (B, T, H, D) tensors (no transposes, no copies), softmax runs in place, and P is kept for backward.
// Tasks run on our threads with OpenBLAS single-threaded inside them, so results do not depend on timing.
// Under the causal mask, blocks of 64 query rows multiply only the keys they can see. Segment ids keep
// packed examples apart: a query sees only keys of its own segment, and since masked probabilities are
// zero the backward pass needs no change.

extension Tensor {
    /// Attention of (B, T, Hq, D) queries over (B, S, Hkv, D) keys and values; Hq a multiple of Hkv.
    /// Causal masking aligns the last query with the last key (S ≥ T: cached decoding), and `keyMask`
    /// (B, S), nonzero for real tokens, hides padding. `keyLength` uses only the first keys of k and v
    /// (a preallocated KV cache filled that far). `segments` (B·S ids, T = S) lets a query see only keys
    /// with its own id: several examples packed into one row. `headMajorKeys` takes k and v as
    /// (B, Hkv, S, D), the KV cache's layout. Returns (B, T, Hq, D).
    public static func attention(q: Tensor, k: Tensor, v: Tensor, causal: Bool = true,
                                 keyMask: Tensor? = nil, keyLength: Int? = nil, scale: Float? = nil,
                                 segments: [Int32]? = nil, headMajorKeys: Bool = false) throws -> Tensor {
        let (kvHeads, stored) = headMajorKeys ? (1, 2) : (2, 1)
        guard q.rank == 4, k.rank == 4, k.shape == v.shape, q.shape[0] == k.shape[0], q.shape[3] == k.shape[3],
              k.shape[kvHeads] > 0, q.shape[2] % k.shape[kvHeads] == 0 else {
            throw AutogradError.shapeMismatch(op: "attention", lhs: q.shape, rhs: k.shape,
                detail: "need q (B, T, Hq, D), k and v \(headMajorKeys ? "(B, Hkv, S, D)" : "(B, S, Hkv, D)") with Hq "
                    + "a multiple of Hkv (v: \(v.shape))")
        }
        let used = keyLength ?? k.shape[stored]
        guard used >= 0, used <= k.shape[stored] else {
            throw AutogradError.invalidArgument(op: "attention", detail: "keyLength \(used) outside 0...\(k.shape[stored])")
        }
        let dims = AttentionDims(b: q.shape[0], t: q.shape[1], s: used, capacity: k.shape[stored], hq: q.shape[2],
                                 hkv: k.shape[kvHeads], d: q.shape[3], causal: causal,
                                 scale: scale ?? 1 / Float(q.shape[3]).squareRoot(), headMajor: headMajorKeys)
        if causal && dims.s < dims.t {
            throw AutogradError.shapeMismatch(op: "attention", lhs: q.shape, rhs: k.shape,
                                              detail: "causal attention needs at least as many keys as queries")
        }
        if let keyMask, keyMask.shape != [dims.b, dims.s] {
            throw AutogradError.shapeMismatch(op: "attention", lhs: k.shape, rhs: keyMask.shape,
                                              detail: "key mask must be (B, S) = [\(dims.b), \(dims.s)]")
        }
        if let segments, segments.count != dims.b * dims.s || dims.s != dims.t {
            throw AutogradError.invalidArgument(op: "attention", detail: "segments need B·S = \(dims.b * dims.s) ids and as many queries as keys")
        }
        let out = Tensor(shape: q.shape, zeroed: false)
        let probs = Tensor(shape: [dims.b, dims.hq, dims.t, dims.s], zeroed: false)
        segments.withUnsafeBufferPointerOrNil { seg in
            AttentionKernel.forward(dims, q: q.data, k: k.data, v: v.data, mask: keyMask?.data, segments: seg,
                                    probs: probs.data, out: out.data)
        }
        return out.record("attention", [q, k, v]) { _, g in
            let gq = Tensor(shape: q.shape, zeroed: false)
            let gk = Tensor(shape: k.shape, zeroed: true), gv = Tensor(shape: v.shape, zeroed: true)
            AttentionKernel.backward(dims, q: q.data, k: k.data, v: v.data, probs: probs.data, gOut: g.data,
                                     gq: gq.data, gk: gk.data, gv: gv.data)
            q.accumulateGrad(gq)
            k.accumulateGrad(gk)
            v.accumulateGrad(gv)
        }
    }
}

struct AttentionDims {
    /// s keys are used out of `capacity` stored per batch row.
    let b, t, s, capacity, hq, hkv, d: Int
    let causal: Bool
    let scale: Float
    /// Keys and values are (B, Hkv, capacity, D) rather than (B, capacity, Hkv, D).
    var headMajor = false
    var group: Int { hq / hkv }
    /// Floats between consecutive keys of one head.
    var ldk: Int { headMajor ? d : hkv * d }
    /// Where batch row `bi`'s head `kh` starts in k and v.
    func keyOffset(_ bi: Int, _ kh: Int) -> Int {
        headMajor ? (bi * hkv + kh) * capacity * d : bi * capacity * hkv * d + kh * d
    }
}

enum AttentionKernel {
    /// Runs `body` over tasks on our threads; sgemm calls inside stay on the calling thread.
    static func tasks(_ n: Int, _ body: (Int) -> Void) {
        let threads = Runtime.threads
        guard threads > 1, n > 1 else { return Parallel.forEachTask(n, body) }
        BLAS.concurrentCallers = UInt64(min(threads, n))
        Parallel.forEachTask(n, body)
        BLAS.concurrentCallers = 1
    }

    /// Query rows per block; a causal block only needs the keys up to its last row's position.
    static let rowBlock = 64

    /// Keys that query rows `rows` can see: all S, or under the causal mask up to the last row's position.
    @inline(__always) static func keyLimit(_ dm: AttentionDims, _ rows: Range<Int>) -> Int {
        dm.causal ? min(dm.s, dm.s - dm.t + rows.upperBound) : dm.s
    }

    static func forward(_ dm: AttentionDims, q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                        mask: UnsafePointer<Float>?, segments: UnsafePointer<Int32>? = nil,
                        probs: UnsafeMutablePointer<Float>, out: UnsafeMutablePointer<Float>) {
        let (qs, ks, ms, ss) = (UnsafeSendable(q), UnsafeSendable(k), UnsafeSendable(mask), UnsafeSendable(segments))
        let (vs, ps, os) = (UnsafeSendable(v), UnsafeSendable(probs), UnsafeSendable(out))
        let ldq = dm.hq * dm.d, ldk = dm.ldk
        tasks(dm.b * dm.hkv) { task in
            let bi = task / dm.hkv, kh = task % dm.hkv
            let kp = ks.value + dm.keyOffset(bi, kh), vp = vs.value + dm.keyOffset(bi, kh)
            for h in kh * dm.group..<(kh + 1) * dm.group {
                for i0 in stride(from: 0, to: dm.t, by: rowBlock) {
                    let rows = i0..<min(dm.t, i0 + rowBlock), kmax = keyLimit(dm, rows)
                    let qp = qs.value + (bi * dm.t + i0) * ldq + h * dm.d
                    let p = ps.value + ((bi * dm.hq + h) * dm.t + i0) * dm.s
                    BLAS.sgemm(transA: false, transB: true, m: rows.count, n: kmax, k: dm.d, alpha: dm.scale, a: qp,
                               lda: ldq, b: kp, ldb: ldk, beta: 0, c: p, ldc: dm.s)
                    for i in rows {
                        let row = p + (i - i0) * dm.s
                        let last = dm.causal ? dm.s - dm.t + i : dm.s - 1
                        if last + 1 < kmax { (row + last + 1).update(repeating: -.infinity, count: kmax - last - 1) }
                        if let m = ms.value {
                            for j in 0..<kmax where m[bi * dm.s + j] == 0 { row[j] = -.infinity }
                        }
                        if let sg = ss.value {
                            let own = sg[bi * dm.s + i]
                            for j in 0..<kmax where sg[bi * dm.s + j] != own { row[j] = -.infinity }
                        }
                        RowKernels.softmaxRow(row, row, kmax, log: false)
                        if kmax < dm.s { (row + kmax).update(repeating: 0, count: dm.s - kmax) }
                    }
                    BLAS.sgemm(transA: false, transB: false, m: rows.count, n: dm.d, k: kmax, alpha: 1, a: p, lda: dm.s,
                               b: vp, ldb: ldk, beta: 0, c: os.value + (bi * dm.t + i0) * ldq + h * dm.d, ldc: ldq)
                }
            }
        }
    }

    /// gk and gv must be zero on entry: every block adds into them.
    static func backward(_ dm: AttentionDims, q: UnsafePointer<Float>, k: UnsafePointer<Float>, v: UnsafePointer<Float>,
                         probs: UnsafePointer<Float>, gOut: UnsafePointer<Float>, gq: UnsafeMutablePointer<Float>,
                         gk: UnsafeMutablePointer<Float>, gv: UnsafeMutablePointer<Float>) {
        let (qs, ks, vs, ps) = (UnsafeSendable(q), UnsafeSendable(k), UnsafeSendable(v), UnsafeSendable(probs))
        let (gos, gqs, gks, gvs) = (UnsafeSendable(gOut), UnsafeSendable(gq), UnsafeSendable(gk), UnsafeSendable(gv))
        let ldq = dm.hq * dm.d, ldk = dm.ldk
        tasks(dm.b * dm.hkv) { task in
            let bi = task / dm.hkv, kh = task % dm.hkv
            let koff = dm.keyOffset(bi, kh)
            let scratch = UnsafeMutablePointer<Float>.allocate(capacity: min(dm.t, rowBlock) * dm.s)
            defer { scratch.deallocate() }
            for h in kh * dm.group..<(kh + 1) * dm.group {
                for i0 in stride(from: 0, to: dm.t, by: rowBlock) {
                    let rows = i0..<min(dm.t, i0 + rowBlock), kmax = keyLimit(dm, rows), m = rows.count
                    let qoff = (bi * dm.t + i0) * ldq + h * dm.d
                    let p = ps.value + ((bi * dm.hq + h) * dm.t + i0) * dm.s
                    // dV += Pᵀ · dO
                    BLAS.sgemm(transA: true, transB: false, m: kmax, n: dm.d, k: m, alpha: 1, a: p, lda: dm.s,
                               b: gos.value + qoff, ldb: ldq, beta: 1, c: gvs.value + koff, ldc: ldk)
                    // dP = dO · Vᵀ, then dS = P ⊙ (dP − Σⱼ dP·P)
                    BLAS.sgemm(transA: false, transB: true, m: m, n: kmax, k: dm.d, alpha: 1, a: gos.value + qoff,
                               lda: ldq, b: vs.value + koff, ldb: ldk, beta: 0, c: scratch, ldc: dm.s)
                    for i in 0..<m {
                        let dp = scratch + i * dm.s, pr = p + i * dm.s
                        let rowDot = V16(repeating: Kernels.dot(dp, pr, kmax))
                        Kernels.zip(dp, dp, pr, kmax) { g, y in y * (g - rowDot) }
                    }
                    // dQ = scale · dS · K ;  dK += scale · dSᵀ · Q
                    BLAS.sgemm(transA: false, transB: false, m: m, n: dm.d, k: kmax, alpha: dm.scale, a: scratch,
                               lda: dm.s, b: ks.value + koff, ldb: ldk, beta: 0, c: gqs.value + qoff, ldc: ldq)
                    BLAS.sgemm(transA: true, transB: false, m: kmax, n: dm.d, k: m, alpha: dm.scale, a: scratch,
                               lda: dm.s, b: qs.value + qoff, ldb: ldq, beta: 1, c: gks.value + koff, ldc: ldk)
                }
            }
        }
    }
}

extension Optional where Wrapped == [Int32] {
    /// Runs `body` with a pointer to the array's elements, or nil when there is no array.
    func withUnsafeBufferPointerOrNil<R>(_ body: (UnsafePointer<Int32>?) throws -> R) rethrows -> R {
        guard let array = self else { return try body(nil) }
        return try array.withUnsafeBufferPointer { try body($0.baseAddress) }
    }
}
