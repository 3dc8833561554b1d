// The safetensors format: an 8-byte little-endian header length, a JSON header naming each tensor's
// dtype, shape and byte range, then the raw data. Reading maps the file and converts F32, F16 and BF16
// to Float32; every header claim is checked against the file before a byte is read.
import Autograd
import Foundation

/// Reads and writes `.safetensors` files.
public enum SafeTensors {
    /// Element types we read; we write F32 or BF16.
    public enum DType: String, Sendable {
        case f32 = "F32", f16 = "F16", bf16 = "BF16"
        var size: Int { self == .f32 ? 4 : 2 }
    }

    /// Every tensor in the file at `url`, converted to Float32.
    public static func read(_ url: URL) throws -> [String: Tensor] {
        let path = url.path
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ModelError.file(path, "cannot read: \(error.localizedDescription)")
        }
        guard data.count >= 8 else { throw ModelError.file(path, "truncated: \(data.count) bytes, no header length") }
        let headerLength = data.prefix(8).withUnsafeBytes { UInt64(littleEndian: $0.loadUnaligned(as: UInt64.self)) }
        guard headerLength <= UInt64(data.count - 8) else {
            throw ModelError.file(path, "header claims \(headerLength) bytes but the file has \(data.count - 8) after the length")
        }
        let headerEnd = 8 + Int(headerLength)
        guard let header = try? JSONSerialization.jsonObject(with: data[8..<headerEnd]) as? [String: Any] else {
            throw ModelError.file(path, "header is not a JSON object")
        }
        let payload = data.count - headerEnd
        var tensors: [String: Tensor] = [:]
        var ranges: [(Int, Int, String)] = []
        for (name, value) in header where name != "__metadata__" {
            guard let entry = value as? [String: Any], let dtypeName = entry["dtype"] as? String,
                  let shape = entry["shape"] as? [Int], let offsets = entry["data_offsets"] as? [Int], offsets.count == 2 else {
                throw ModelError.file(path, "tensor \(name): header entry needs dtype, shape and data_offsets")
            }
            guard let dtype = DType(rawValue: dtypeName) else {
                throw ModelError.file(path, "tensor \(name): dtype \(dtypeName) is not supported (F32, F16, BF16)")
            }
            let count = shape.reduce(1, *)
            guard shape.allSatisfy({ $0 >= 0 }), offsets[0] >= 0, offsets[1] - offsets[0] == count * dtype.size else {
                throw ModelError.file(path, "tensor \(name): shape \(shape) of \(dtypeName) needs \(count * dtype.size) bytes "
                    + "but data_offsets \(offsets) span \(offsets[1] - offsets[0])")
            }
            guard offsets[1] <= payload else {
                throw ModelError.file(path, "tensor \(name): data_offsets \(offsets) run past the end of the data "
                    + "(\(payload) bytes; the file is truncated or the header lies)")
            }
            ranges.append((offsets[0], offsets[1], name))
            let tensor = Tensor(shape: shape, zeroed: false)
            data.withUnsafeBytes { raw in
                convert(raw.baseAddress! + headerEnd + offsets[0], dtype, count, into: tensor.data)
            }
            tensors[name] = tensor
        }
        ranges.sort { $0.0 < $1.0 }
        for (a, b) in zip(ranges, ranges.dropFirst()) where b.0 < a.1 {
            throw ModelError.file(path, "tensors \(a.2) and \(b.2) overlap in the data section")
        }
        return tensors
    }

    static func convert(_ src: UnsafeRawPointer, _ dtype: DType, _ count: Int, into dst: UnsafeMutablePointer<Float>) {
        switch dtype {
        case .f32:
            UnsafeMutableRawPointer(dst).copyMemory(from: src, byteCount: count * 4)
        case .bf16:
            for i in 0..<count {
                let bits = UInt32(src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)) << 16
                dst[i] = Float(bitPattern: bits)
            }
        case .f16:
            for i in 0..<count { dst[i] = halfToFloat(src.loadUnaligned(fromByteOffset: 2 * i, as: UInt16.self)) }
        }
    }

    /// IEEE half → float, including subnormals, infinities and NaN.
    static func halfToFloat(_ h: UInt16) -> Float {
        let sign = UInt32(h & 0x8000) << 16, exp = Int((h >> 10) & 0x1F), mant = UInt32(h & 0x3FF)
        if exp == 0 {
            let v = Float(mant) * Float(sign: .plus, exponent: -24, significand: 1)
            return sign != 0 ? -v : v
        }
        if exp == 31 { return Float(bitPattern: sign | 0x7F80_0000 | (mant << 13)) }
        return Float(bitPattern: sign | UInt32(exp - 15 + 127) << 23 | (mant << 13))
    }

    /// float → bfloat16 with round-to-nearest-even (NaN stays NaN).
    static func floatToBF16(_ f: Float) -> UInt16 {
        let bits = f.bitPattern
        if f.isNaN { return UInt16(bits >> 16) | 0x40 }
        let rounded = bits &+ 0x7FFF &+ ((bits >> 16) & 1)
        return UInt16(rounded >> 16)
    }

    /// Writes `tensors` to `url` atomically (temporary file, fsync, rename) as `dtype` (F32 or BF16).
    public static func write(_ tensors: [String: Tensor], to url: URL, dtype: DType = .f32,
                             metadata: [String: String] = ["format": "pt"]) throws {
        precondition(dtype != .f16, "SafeTensors.write: F16 output is not offered; use F32 or BF16")
        let names = tensors.keys.sorted()
        var header: [String: Any] = ["__metadata__": metadata]
        var offset = 0
        for name in names {
            let t = tensors[name]!
            header[name] = ["dtype": dtype.rawValue, "shape": t.shape, "data_offsets": [offset, offset + t.count * dtype.size]]
            offset += t.count * dtype.size
        }
        var json = try JSONSerialization.data(withJSONObject: header, options: [.sortedKeys])
        while json.count % 8 != 0 { json.append(0x20) }
        var out = Data(capacity: 8 + json.count + offset)
        withUnsafeBytes(of: UInt64(json.count).littleEndian) { out.append(contentsOf: $0) }
        out.append(json)
        for name in names {
            let t = tensors[name]!
            if dtype == .f32 {
                out.append(UnsafeBufferPointer(start: t.data, count: t.count))
            } else {
                let halves = (0..<t.count).map { floatToBF16(t.data[$0]).littleEndian }
                halves.withUnsafeBytes { out.append(contentsOf: $0) }
            }
        }
        try AtomicFile.write(out, to: url)
    }
}
