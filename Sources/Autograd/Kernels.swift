// Raw elementwise kernels over pointers: the loops every op's forward and backward share. Vectorised
// 16 lanes at a time; split across threads only when the array is large enough to pay for it.

/// Elementwise loops over raw Float32 memory.
public enum Kernels {
    /// Arrays shorter than this run on one thread.
    static let parallelGrain = 1 << 15

    /// out[i] = f(a[i]) with a vector body and a matching scalar tail.
    @inline(__always)
    static func map(_ out: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ n: Int,
                    _ f: (V16) -> V16) {
        let o = UnsafeSendable(out), src = UnsafeSendable(a)
        Parallel.forEachChunk(n, grain: parallelGrain) { range in
            var i = range.lowerBound
            while i + 16 <= range.upperBound {
                store16(o.value + i, f(load16(src.value + i)))
                i += 16
            }
            if i < range.upperBound {
                var tmp = V16()
                for j in i..<range.upperBound { tmp[j - i] = src.value[j] }
                let r = f(tmp)
                for j in i..<range.upperBound { o.value[j] = r[j - i] }
            }
        }
    }

    /// out[i] = f(a[i], b[i]).
    @inline(__always)
    static func zip(_ out: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                    _ n: Int, _ f: (V16, V16) -> V16) {
        let o = UnsafeSendable(out), x = UnsafeSendable(a), y = UnsafeSendable(b)
        Parallel.forEachChunk(n, grain: parallelGrain) { range in
            var i = range.lowerBound
            while i + 16 <= range.upperBound {
                store16(o.value + i, f(load16(x.value + i), load16(y.value + i)))
                i += 16
            }
            if i < range.upperBound {
                var ta = V16(), tb = V16()
                for j in i..<range.upperBound { ta[j - i] = x.value[j]; tb[j - i] = y.value[j] }
                let r = f(ta, tb)
                for j in i..<range.upperBound { o.value[j] = r[j - i] }
            }
        }
    }

    /// out[i] = f(a[i], b[i], c[i]).
    @inline(__always)
    static func zip3(_ out: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                     _ c: UnsafePointer<Float>, _ n: Int, _ f: (V16, V16, V16) -> V16) {
        let o = UnsafeSendable(out), x = UnsafeSendable(a), y = UnsafeSendable(b), z = UnsafeSendable(c)
        Parallel.forEachChunk(n, grain: parallelGrain) { range in
            var i = range.lowerBound
            while i + 16 <= range.upperBound {
                store16(o.value + i, f(load16(x.value + i), load16(y.value + i), load16(z.value + i)))
                i += 16
            }
            if i < range.upperBound {
                var ta = V16(), tb = V16(), tc = V16()
                for j in i..<range.upperBound { ta[j - i] = x.value[j]; tb[j - i] = y.value[j]; tc[j - i] = z.value[j] }
                let r = f(ta, tb, tc)
                for j in i..<range.upperBound { o.value[j] = r[j - i] }
            }
        }
    }

    static func add(_ out: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>,
                    _ n: Int) {
        zip(out, a, b, n) { $0 + $1 }
    }

    static func addInPlace(_ acc: UnsafeMutablePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) {
        zip(acc, acc, b, n) { $0 + $1 }
    }

    static func scale(_ out: UnsafeMutablePointer<Float>, _ a: UnsafePointer<Float>, _ s: Float, _ n: Int) {
        map(out, a, n) { $0 * s }
    }

    /// Sum of a[0..<n] in a fixed order (16 partial sums, then the lanes), so results never depend on threads.
    static func sum(_ a: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = V16()
        var i = 0
        while i + 16 <= n { acc += load16(a + i); i += 16 }
        var s = acc.sum()
        while i < n { s += a[i]; i += 1 }
        return s
    }

    /// Dot product of a and b in a fixed order.
    static func dot(_ a: UnsafePointer<Float>, _ b: UnsafePointer<Float>, _ n: Int) -> Float {
        var acc = V16()
        var i = 0
        while i + 16 <= n { acc = acc.addingProduct(load16(a + i), load16(b + i)); i += 16 }
        var s = acc.sum()
        while i < n { s += a[i] * b[i]; i += 1 }
        return s
    }

    /// Largest of a[0..<n] (n ≥ 1).
    static func max(_ a: UnsafePointer<Float>, _ n: Int) -> Float {
        var m = -Float.infinity
        var i = 0
        if n >= 16 {
            var acc = load16(a)
            i = 16
            while i + 16 <= n {
                let v = load16(a + i)
                acc.replace(with: v, where: v .> acc)
                i += 16
            }
            m = acc.max()
        }
        while i < n { if a[i] > m { m = a[i] }; i += 1 }
        return m
    }
}

extension Kernels {
    /// target += delta elementwise, in place (optimizer-style updates outside the tape).
    public static func addInto(_ target: Tensor, _ delta: Tensor) {
        precondition(target.count == delta.count, "addInto: \(target.shape) vs \(delta.shape)")
        addInPlace(target.data, delta.data, target.count)
    }
}
