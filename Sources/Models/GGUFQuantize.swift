// Float32 rows into the GGUF types we write: F32, F16 (round to nearest even) and Q8_0 as ggml's
// reference quantiser makes it (per block of 32: d = max|x| / 127 stored as f16, q = round(x / d)
// with halves away from zero, using the f32 d, not the rounded f16 one).
import Foundation

/// Conversion of Float32 data to GGUF tensor bytes.
public enum GGUFQuantize {
    /// `count` values at `src` as the bytes of `type` (F32, F16 or Q8_0; Q8_0 needs a multiple of 32).
    public static func bytes(_ src: UnsafePointer<Float>, count: Int, as type: GGMLType) -> Data {
        switch type {
        case .f32:
            return Data(bytes: src, count: count * 4)
        case .f16:
            var out = Data(count: count * 2)
            out.withUnsafeMutableBytes { raw in
                let dst = raw.bindMemory(to: UInt16.self)
                for i in 0..<count { dst[i] = Float16(src[i]).bitPattern.littleEndian }
            }
            return out
        case .q8_0:
            precondition(count % 32 == 0, "GGUFQuantize: Q8_0 needs a multiple of 32 values (got \(count))")
            var out = Data(count: count / 32 * 34)
            out.withUnsafeMutableBytes { raw in
                for b in 0..<count / 32 { q8_0(src + 32 * b, raw.baseAddress! + 34 * b) }
            }
            return out
        default:
            preconditionFailure("GGUFQuantize: writing \(type) is not supported")
        }
    }

    private static func q8_0(_ x: UnsafePointer<Float>, _ block: UnsafeMutableRawPointer) {
        var amax: Float = 0
        for j in 0..<32 { amax = max(amax, abs(x[j])) }
        let d = amax / 127, id = d == 0 ? 0 : 1 / d
        block.storeBytes(of: Float16(d).bitPattern.littleEndian, as: UInt16.self)
        for j in 0..<32 {
            block.storeBytes(of: Int8((x[j] * id).rounded(.toNearestOrAwayFromZero)), toByteOffset: 2 + j, as: Int8.self)
        }
    }
}
