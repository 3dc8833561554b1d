// out (M×N) = X (M×K) · Wᵀ for few rows M, W (N×K) row-major: each output is a dot product of a row of X
// with a row of W, so W streams through once and every output is computed the same way whatever M and
// the thread count (decoding is then independent of batch composition). OpenBLAS repacks W on every
// call, which costs more than the product itself when M is a handful of rows. Blocks of 4 W rows × 2 X
// rows keep 8 eight-lane accumulators plus operands within AVX2's 16 vector registers. Where the CPU has
// AVX-512 the C kernel (4 × 4 blocks of sixteen lanes) runs instead; each machine then always uses one of
// the two, so a row's outputs still never depend on the other rows.
import CKernels

enum SkinnyGemm {
    /// Whether products run the AVX-512 kernel (decided once per process from the CPU).
    static let usesAVX512 = grpo_skinny_avx512_available() != 0

    /// The kernel products run on this machine, for benchmark reports.
    static var kernelName: String { usesAVX512 ? "avx512 4x4" : "avx2 2x4" }

    typealias V8 = SIMD8<Float>

    static func multiply(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
                         m: Int, n: Int, k: Int, alpha: Float = 1, accumulate: Bool = false) {
        let (o, xs, ws) = (UnsafeSendable(out), UnsafeSendable(x), UnsafeSendable(w))
        // Split N across threads in fixed blocks of 32 rows of W (about 32·m·k multiply-adds each).
        let blocks = (n + 31) / 32
        Parallel.forEachChunk(blocks, grain: max(1, 65_536 / max(1, 32 * m * k))) { range in
            let lo = range.lowerBound * 32, hi = min(n, range.upperBound * 32)
            if usesAVX512 {
                return grpo_skinny_avx512(o.value, xs.value, ws.value, m, n, k, lo, hi, alpha, accumulate ? 1 : 0)
            }
            block(o.value, xs.value, ws.value, m: m, n: n, k: k, nRange: lo..<hi, alpha: alpha, accumulate: accumulate)
        }
    }

    @inline(__always) static func load8(_ p: UnsafePointer<Float>) -> V8 {
        UnsafeRawPointer(p).loadUnaligned(as: V8.self)
    }

    /// Dot product of two rows in the same order as the blocked path (8 lanes, then the lanes, then the tail).
    @inline(__always) static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ k: Int) -> Float {
        var acc = V8()
        var p = 0
        while p + 8 <= k { acc = acc.addingProduct(load8(a + p), load8(b + p)); p += 8 }
        var s = acc.sum()
        while p < k { s += a[p] * b[p]; p += 1 }
        return s
    }

    static func block(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
                      m: Int, n: Int, k: Int, nRange: Range<Int>, alpha: Float, accumulate: Bool) {
        let k8 = k & ~7
        @inline(__always) func finish(_ acc: V8, _ r: Int, _ c: Int) {
            var s = acc.sum()
            for q in k8..<k { s += x[r * k + q] * w[c * k + q] }
            let p = out + r * n + c
            p.pointee = accumulate ? p.pointee + s * alpha : s * alpha
        }
        var j = nRange.lowerBound
        while j + 4 <= nRange.upperBound {
            let w0 = w + j * k, w1 = w0 + k, w2 = w1 + k, w3 = w2 + k
            var i = 0
            while i + 2 <= m {
                var a00 = V8(), a01 = V8(), a02 = V8(), a03 = V8(), a10 = V8(), a11 = V8(), a12 = V8(), a13 = V8()
                let x0 = x + i * k, x1 = x0 + k
                var p = 0
                while p < k8 {
                    let u = load8(x0 + p), v = load8(x1 + p)
                    var b = load8(w0 + p)
                    a00 = a00.addingProduct(u, b); a10 = a10.addingProduct(v, b)
                    b = load8(w1 + p)
                    a01 = a01.addingProduct(u, b); a11 = a11.addingProduct(v, b)
                    b = load8(w2 + p)
                    a02 = a02.addingProduct(u, b); a12 = a12.addingProduct(v, b)
                    b = load8(w3 + p)
                    a03 = a03.addingProduct(u, b); a13 = a13.addingProduct(v, b)
                    p += 8
                }
                finish(a00, i, j); finish(a01, i, j + 1); finish(a02, i, j + 2); finish(a03, i, j + 3)
                finish(a10, i + 1, j); finish(a11, i + 1, j + 1); finish(a12, i + 1, j + 2); finish(a13, i + 1, j + 3)
                i += 2
            }
            if i < m { for c in j..<j + 4 { single(out, x, w, r: i, c: c, n: n, k: k, alpha: alpha, accumulate: accumulate) } }
            j += 4
        }
        while j < nRange.upperBound {
            for r in 0..<m { single(out, x, w, r: r, c: j, n: n, k: k, alpha: alpha, accumulate: accumulate) }
            j += 1
        }
    }

    @inline(__always)
    static func single(_ out: UnsafeMutablePointer<Float>, _ x: UnsafePointer<Float>, _ w: UnsafePointer<Float>,
                       r: Int, c: Int, n: Int, k: Int, alpha: Float, accumulate: Bool) {
        let s = dot(x + r * k, w + c * k, k)
        let p = out + r * n + c
        p.pointee = accumulate ? p.pointee + s * alpha : s * alpha
    }
}
