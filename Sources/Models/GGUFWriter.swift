// Writes the GGUF container (version 3, little-endian): header, metadata in the order it was set,
// tensor infos, then each tensor's bytes at the next multiple of the alignment. It only lays out
// bytes; what goes in (names, metadata, quantisation) is GGUFExport's business.
import Foundation

/// Builds a GGUF file in memory.
public struct GGUFWriter {
    /// Alignment of the data section and of every tensor (written as general.alignment when not 32).
    public var alignment = 32
    private var entries: [(String, GGUFValue)] = []
    private var tensors: [(name: String, dims: [Int], type: GGMLType, bytes: Data)] = []

    /// An empty file.
    public init() {}

    /// Sets metadata `key` (appended in first-set order; setting it again replaces the value).
    public mutating func set(_ key: String, _ value: GGUFValue) {
        if let i = entries.firstIndex(where: { $0.0 == key }) { entries[i].1 = value } else { entries.append((key, value)) }
    }

    /// Adds a tensor of row-major `shape` whose data, already in `type`'s layout, is `bytes`.
    public mutating func addTensor(_ name: String, shape: [Int], type: GGMLType, bytes: Data) {
        let count = shape.reduce(1, *)
        precondition(bytes.count == count / type.blockSize * type.blockBytes, "GGUFWriter: \(name) has \(bytes.count) bytes")
        tensors.append((name, shape.reversed(), type, bytes))
    }

    /// The file's bytes.
    public func data() -> Data {
        var out = Data()
        var header = self
        if alignment != 32 { header.set("general.alignment", .uint32(UInt32(alignment))) }
        out.append(contentsOf: Array("GGUF".utf8))
        append(UInt32(3), to: &out)
        append(UInt64(tensors.count), to: &out)
        append(UInt64(header.entries.count), to: &out)
        for (key, value) in header.entries {
            append(string: key, to: &out)
            append(UInt32(type(of: value).rawValue), to: &out)
            append(value: value, to: &out)
        }
        var offset = 0
        for t in tensors {
            append(string: t.name, to: &out)
            append(UInt32(t.dims.count), to: &out)
            for d in t.dims { append(UInt64(d), to: &out) }
            append(t.type.rawValue, to: &out)
            append(UInt64(offset), to: &out)
            offset = padded(offset + t.bytes.count)
        }
        out.append(Data(count: padded(out.count) - out.count))
        for t in tensors {
            out.append(t.bytes)
            out.append(Data(count: padded(t.bytes.count) - t.bytes.count))
        }
        return out
    }

    /// Writes the file to `url` atomically.
    public func write(to url: URL) throws { try AtomicFile.write(data(), to: url) }

    private func padded(_ n: Int) -> Int { (n + alignment - 1) / alignment * alignment }

    private func type(of value: GGUFValue) -> GGUFValueType {
        switch value {
        case .uint8: return .uint8
        case .int8: return .int8
        case .uint16: return .uint16
        case .int16: return .int16
        case .uint32: return .uint32
        case .int32: return .int32
        case .uint64: return .uint64
        case .int64: return .int64
        case .float32: return .float32
        case .float64: return .float64
        case .bool: return .bool
        case .string: return .string
        case .array: return .array
        }
    }

    private func append<T: FixedWidthInteger>(_ v: T, to out: inout Data) {
        withUnsafeBytes(of: v.littleEndian) { out.append(contentsOf: $0) }
    }

    private func append(string: String, to out: inout Data) {
        append(UInt64(string.utf8.count), to: &out)
        out.append(contentsOf: Array(string.utf8))
    }

    private func append(value: GGUFValue, to out: inout Data) {
        switch value {
        case let .uint8(v): append(v, to: &out)
        case let .int8(v): append(v, to: &out)
        case let .uint16(v): append(v, to: &out)
        case let .int16(v): append(v, to: &out)
        case let .uint32(v): append(v, to: &out)
        case let .int32(v): append(v, to: &out)
        case let .uint64(v): append(v, to: &out)
        case let .int64(v): append(v, to: &out)
        case let .float32(v): append(v.bitPattern, to: &out)
        case let .float64(v): append(v.bitPattern, to: &out)
        case let .bool(v): append(UInt8(v ? 1 : 0), to: &out)
        case let .string(s): append(string: s, to: &out)
        case let .array(elementType, items):
            append(elementType.rawValue, to: &out)
            append(UInt64(items.count), to: &out)
            for item in items { append(value: item, to: &out) }
        }
    }
}
