// The arithmetic of one decoding query against its cached keys and values. Scores are taken four keys
// at a time with four independent accumulators and summed lane-wise as a tree; a 16-lane `sum()` is a
// chain of 15 dependent adds, which made attention a quarter of a tiny batch-64 decoding step. Every
// key's score is the same arithmetic whichever path computes it, so results never depend on alignment.

enum DecodeAttention {
    typealias V8 = SIMD8<Float>

    /// Pairwise sums of a's lanes in lanes 0..<8, of b's in lanes 8..<16.
    @inline(__always) static func pairSums(_ a: V16, _ b: V16) -> V16 {
        V16(lowHalf: a.evenHalf + a.oddHalf, highHalf: b.evenHalf + b.oddHalf)
    }

    /// Tree sums of four vectors (pairs, then pairs of pairs, ...).
    @inline(__always) static func sums(_ a: V16, _ b: V16, _ c: V16, _ d: V16) -> SIMD4<Float> {
        let x = pairSums(pairSums(a, b), pairSums(c, d))
        let y: V8 = x.evenHalf + x.oddHalf
        return y.evenHalf + y.oddHalf
    }

    /// The tree sum of one vector, in the order `sums` uses for each of its four.
    @inline(__always) static func sum(_ v: V16) -> Float {
        let h: V8 = v.evenHalf + v.oddHalf
        let q = h.evenHalf + h.oddHalf, e = q.evenHalf + q.oddHalf
        return e[0] + e[1]
    }

    /// scores[j] = scale · q·keys[j] for j in 0..<count; keys j sits at `keys + j·ldk`.
    static func scores(_ scores: UnsafeMutablePointer<Float>, q: UnsafePointer<Float>, keys: UnsafePointer<Float>,
                       ldk: Int, count: Int, headDim d: Int, scale: Float) {
        let d16 = d & ~15
        var j = 0
        while j + 4 <= count {
            let k0 = keys + j * ldk, k1 = k0 + ldk, k2 = k1 + ldk, k3 = k2 + ldk
            var a0 = V16(), a1 = V16(), a2 = V16(), a3 = V16()
            var c = 0
            while c < d16 {
                let u = load16(q + c)
                a0 = a0.addingProduct(u, load16(k0 + c)); a1 = a1.addingProduct(u, load16(k1 + c))
                a2 = a2.addingProduct(u, load16(k2 + c)); a3 = a3.addingProduct(u, load16(k3 + c))
                c += 16
            }
            var s = sums(a0, a1, a2, a3)
            if d16 < d {
                for l in 0..<4 { for c in d16..<d { s[l] += q[c] * keys[(j + l) * ldk + c] } }
            }
            for l in 0..<4 { scores[j + l] = scale * s[l] }
            j += 4
        }
        while j < count {
            let kp = keys + j * ldk
            var a = V16()
            var c = 0
            while c < d16 { a = a.addingProduct(load16(q + c), load16(kp + c)); c += 16 }
            var s = sum(a)
            for c in d16..<d { s += q[c] * kp[c] }
            scores[j] = scale * s
            j += 1
        }
    }

    /// out = Σ p[j]·values[j] over the keys with p[j] ≠ 0, in key order; 64 output lanes stay in registers.
    static func weightedSum(_ out: UnsafeMutablePointer<Float>, p: UnsafePointer<Float>, values: UnsafePointer<Float>,
                            ldv: Int, count: Int, headDim d: Int) {
        var c = 0
        while c + 64 <= d {
            var o0 = V16(), o1 = V16(), o2 = V16(), o3 = V16()
            for j in 0..<count where p[j] != 0 {
                let w = V16(repeating: p[j]), vp = values + j * ldv + c
                o0 = o0.addingProduct(w, load16(vp)); o1 = o1.addingProduct(w, load16(vp + 16))
                o2 = o2.addingProduct(w, load16(vp + 32)); o3 = o3.addingProduct(w, load16(vp + 48))
            }
            let dst = UnsafeMutableRawPointer(out + c)
            dst.storeBytes(of: o0, as: V16.self)
            dst.storeBytes(of: o1, toByteOffset: 64, as: V16.self)
            dst.storeBytes(of: o2, toByteOffset: 128, as: V16.self)
            dst.storeBytes(of: o3, toByteOffset: 192, as: V16.self)
            c += 64
        }
        while c + 16 <= d {
            var o = V16()
            for j in 0..<count where p[j] != 0 { o = o.addingProduct(V16(repeating: p[j]), load16(values + j * ldv + c)) }
            UnsafeMutableRawPointer(out + c).storeBytes(of: o, as: V16.self)
            c += 16
        }
        while c < d {
            var o: Float = 0
            for j in 0..<count where p[j] != 0 { o = o.addingProduct(p[j], values[j * ldv + c]) }
            out[c] = o
            c += 1
        }
    }
}
