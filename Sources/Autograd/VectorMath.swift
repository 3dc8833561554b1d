// SIMD building blocks for elementwise kernels: loads and stores of 16 floats, and a vectorised exp
// (Cephes' expf polynomial, within 2 ulp) because libm's expf is scalar and ten times slower here.

typealias V16 = SIMD16<Float>

@inline(__always) func load16(_ p: UnsafePointer<Float>) -> V16 {
    UnsafeRawPointer(p).loadUnaligned(as: V16.self)
}

@inline(__always) func load16(_ p: UnsafeMutablePointer<Float>) -> V16 {
    UnsafeRawPointer(p).loadUnaligned(as: V16.self)
}

@inline(__always) func store16(_ p: UnsafeMutablePointer<Float>, _ v: V16) {
    UnsafeMutableRawPointer(p).storeBytes(of: v, as: V16.self)
}

/// e^x for 16 lanes; inputs above 88.7 are clamped there, and below -87.3 (a masked -inf among them) give
/// exactly 0: a subnormal result would make every later product that reads it ~100× slower on x86.
@inline(__always) func vexp(_ input: V16) -> V16 {
    var x = input
    x.replace(with: V16(repeating: 88.7), where: x .> 88.7)
    x.replace(with: V16(repeating: -87.3), where: x .< -87.3)
    let magic = V16(repeating: 12_582_912)  // 1.5·2^23: adding it rounds to an integer in the low bits
    let n = x * 1.442_695_04 + magic
    let k = n - magic
    var r = x.addingProduct(k, V16(repeating: -0.693_359_375))
    r = r.addingProduct(k, V16(repeating: 2.121_944_4e-4))
    var p = V16(repeating: 1.987_569_15e-4)
    p = V16(repeating: 1.398_199_95e-3).addingProduct(p, r)
    p = V16(repeating: 8.333_451_9e-3).addingProduct(p, r)
    p = V16(repeating: 4.166_579_59e-2).addingProduct(p, r)
    p = V16(repeating: 1.666_666_55e-1).addingProduct(p, r)
    p = V16(repeating: 5.000_000_12e-1).addingProduct(p, r)
    let r2 = r * r
    let e = (r + 1).addingProduct(p, r2)
    let bits = unsafeBitCast(n, to: SIMD16<Int32>.self) &- 0x4B40_0000
    let scale = unsafeBitCast((bits &+ 127) &<< 23, to: V16.self)
    var result = e * scale
    result.replace(with: 0, where: input .< -87.3)
    return result
}

/// Vector math for other modules' kernels.
public enum VectorMath {
    /// e^x for 16 lanes (within 2 ulp; 0 below -87.3, clamped above 88.7).
    @inline(__always) public static func exp(_ x: SIMD16<Float>) -> SIMD16<Float> { vexp(x) }
}

/// e^x for one float, bit-identical to a lane of `vexp` so tails match the vector body.
@inline(__always) func sexp(_ x: Float) -> Float {
    vexp(V16(repeating: x))[0]
}
