// ggml's block formats turned back into Float32, following ggml's reference dequantisers block by block:
//   Q8_0 (32: f16 d, int8 q[32])           x = d·q
//   Q4_0 (32: f16 d, nibbles q[16])        x = d·(q − 8); low nibbles are values 0..15, high ones 16..31
//   Q4_1 (32: f16 d, f16 m, nibbles q[16]) x = d·q + m
//   Q4_K (256: f16 d, f16 dmin, 12 bytes of 6-bit scales and mins for 8 sub-blocks of 32, nibbles q[128])
//   Q5_K (Q4_K plus a fifth bit per value in qh[32])
//   Q6_K (256: ql[128] low nibbles, qh[64] 2 high bits, int8 scales[16] per 16 values, f16 d; q − 32)
// Each type's loop runs over raw pointers; the result is bit-identical to gguf-py's numpy dequantisers.
import Autograd
import Foundation

/// Conversion of GGUF tensor data to Float32.
public enum GGUFDequantize {
    /// `count` values of `type` at `src` written to `dst` as Float32.
    public static func convert(_ type: GGMLType, _ src: UnsafeRawPointer, count: Int, into dst: UnsafeMutablePointer<Float>) {
        let blocks = count / type.blockSize
        switch type {
        case .f32: UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: count * 4)
        case .f16: for i in 0..<count { dst[i] = half(src, 2 * i) }
        case .bf16:
            for i in 0..<count {
                dst[i] = Float(bitPattern: UInt32(UInt16(littleEndian: src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self))) << 16)
            }
        case .q8_0: for b in 0..<blocks { q8_0(src + b * 34, dst + b * 32) }
        case .q4_0: for b in 0..<blocks { q4_0(src + b * 18, dst + b * 32) }
        case .q4_1: for b in 0..<blocks { q4_1(src + b * 20, dst + b * 32) }
        case .q4_K: for b in 0..<blocks { q4_K(src + b * 144, dst + b * 256) }
        case .q5_K: for b in 0..<blocks { q5_K(src + b * 176, dst + b * 256) }
        case .q6_K: for b in 0..<blocks { q6_K(src + b * 210, dst + b * 256) }
        default: preconditionFailure("GGUFDequantize: \(type) is not supported; check canDequantize first")
        }
    }

    /// The tensor `info` of `file` as a Float32 tensor of its row-major shape.
    public static func tensor(_ info: GGUFTensorInfo, of file: GGUFFile) throws -> Tensor {
        guard info.type.canDequantize else {
            throw ModelError.file(file.path, "offset \(file.dataOffset + info.offset): tensor \(info.name): type \(info.type) "
                + "is not supported (supported: F32, F16, BF16, Q8_0, Q4_0, Q4_1, Q4_K, Q5_K, Q6_K)")
        }
        let tensor = Tensor(shape: info.shape, zeroed: false)
        file.data.withUnsafeBytes { raw in
            convert(info.type, raw.baseAddress! + file.dataOffset + info.offset, count: info.count, into: tensor.data)
        }
        return tensor
    }

    @inline(__always) static func half(_ p: UnsafeRawPointer, _ offset: Int) -> Float {
        Float(Float16(bitPattern: UInt16(littleEndian: p.loadUnaligned(fromByteOffset: offset, as: UInt16.self))))
    }

    @inline(__always) private static func byte(_ p: UnsafeRawPointer, _ offset: Int) -> UInt8 {
        p.load(fromByteOffset: offset, as: UInt8.self)
    }

    private static func q8_0(_ p: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(p, 0)
        for j in 0..<32 { y[j] = d * Float(p.load(fromByteOffset: 2 + j, as: Int8.self)) }
    }

    private static func q4_0(_ p: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(p, 0)
        for j in 0..<16 {
            let q = byte(p, 2 + j)
            y[j] = d * Float(Int(q & 0xF) - 8)
            y[j + 16] = d * Float(Int(q >> 4) - 8)
        }
    }

    private static func q4_1(_ p: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(p, 0), m = half(p, 2)
        for j in 0..<16 {
            let q = byte(p, 4 + j)
            y[j] = d * Float(q & 0xF) + m
            y[j + 16] = d * Float(q >> 4) + m
        }
    }

    /// Scale and min of sub-block `j` (0..<8) from the 12 packed bytes at `q`: 6 bits each, the top two
    /// bits of sub-blocks 4..<8 stored in the spare bits of the first eight bytes.
    @inline(__always) private static func scaleMin(_ j: Int, _ q: UnsafeRawPointer) -> (Float, Float) {
        if j < 4 { return (Float(byte(q, j) & 63), Float(byte(q, j + 4) & 63)) }
        let sc = (byte(q, j + 4) & 0xF) | ((byte(q, j - 4) >> 6) << 4)
        let m = (byte(q, j + 4) >> 4) | ((byte(q, j) >> 6) << 4)
        return (Float(sc), Float(m))
    }

    private static func q4_K(_ p: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(p, 0), dmin = half(p, 2), scales = p + 4, qs = p + 16
        for chunk in 0..<4 {
            let (s1, m1) = scaleMin(2 * chunk, scales), (s2, m2) = scaleMin(2 * chunk + 1, scales)
            let d1 = d * s1, o1 = dmin * m1, d2 = d * s2, o2 = dmin * m2
            let q = qs + 32 * chunk, out = y + 64 * chunk
            for l in 0..<32 {
                let v = byte(q, l)
                out[l] = d1 * Float(v & 0xF) - o1
                out[l + 32] = d2 * Float(v >> 4) - o2
            }
        }
    }

    private static func q5_K(_ p: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(p, 0), dmin = half(p, 2), scales = p + 4, qh = p + 16, qs = p + 48
        for chunk in 0..<4 {
            let (s1, m1) = scaleMin(2 * chunk, scales), (s2, m2) = scaleMin(2 * chunk + 1, scales)
            let d1 = d * s1, o1 = dmin * m1, d2 = d * s2, o2 = dmin * m2
            let low = UInt8(1) << (2 * chunk), high = UInt8(2) << (2 * chunk)
            let q = qs + 32 * chunk, out = y + 64 * chunk
            for l in 0..<32 {
                let v = byte(q, l), h = byte(qh, l)
                out[l] = d1 * Float((v & 0xF) + (h & low != 0 ? 16 : 0)) - o1
                out[l + 32] = d2 * Float((v >> 4) + (h & high != 0 ? 16 : 0)) - o2
            }
        }
    }

    private static func q6_K(_ p: UnsafeRawPointer, _ y: UnsafeMutablePointer<Float>) {
        let d = half(p, 208)
        for half128 in 0..<2 {
            let ql = p + 64 * half128, qh = p + 128 + 32 * half128, sc = p + 192 + 8 * half128
            let out = y + 128 * half128
            for l in 0..<32 {
                let s = l / 16, h = byte(qh, l), a = byte(ql, l), b = byte(ql, l + 32)
                let q1 = Int((a & 0xF) | ((h & 3) << 4)) - 32
                let q2 = Int((b & 0xF) | (((h >> 2) & 3) << 4)) - 32
                let q3 = Int((a >> 4) | (((h >> 4) & 3) << 4)) - 32
                let q4 = Int((b >> 4) | (((h >> 6) & 3) << 4)) - 32
                out[l] = d * Float(sc.load(fromByteOffset: s, as: Int8.self)) * Float(q1)
                out[l + 32] = d * Float(sc.load(fromByteOffset: s + 2, as: Int8.self)) * Float(q2)
                out[l + 64] = d * Float(sc.load(fromByteOffset: s + 4, as: Int8.self)) * Float(q3)
                out[l + 96] = d * Float(sc.load(fromByteOffset: s + 6, as: Int8.self)) * Float(q4)
            }
        }
    }
}
