// The GGUF container (llama.cpp's model file), versions 2 and 3, little-endian: magic "GGUF", version,
// tensor and metadata counts, metadata key/value pairs (12 value types, arrays of them), tensor infos
// (name, ggml dims innermost first, ggml type, offset), then the tensor data from the next multiple of
// `general.alignment`. Every count, length and offset is checked against the file before it is used.
// This file only reads the container; dequantising is GGUFDequantize, model building GGUFImport.
import Foundation

/// A metadata value of a GGUF file.
public enum GGUFValue: Equatable, Sendable {
    case uint8(UInt8), int8(Int8), uint16(UInt16), int16(Int16), uint32(UInt32), int32(Int32)
    case uint64(UInt64), int64(Int64), float32(Float), float64(Double), bool(Bool), string(String)
    /// An array of one element type (the type is kept so an empty array writes back the same).
    case array(GGUFValueType, [GGUFValue])

    /// The value as an integer, if it is one of the integer types.
    public var int: Int? {
        switch self {
        case let .uint8(v): return Int(v)
        case let .int8(v): return Int(v)
        case let .uint16(v): return Int(v)
        case let .int16(v): return Int(v)
        case let .uint32(v): return Int(v)
        case let .int32(v): return Int(v)
        case let .uint64(v): return Int(exactly: v)
        case let .int64(v): return Int(v)
        default: return nil
        }
    }

    /// The value as a real number (integers and floats).
    public var double: Double? {
        switch self {
        // Through its shortest decimal form, so a stored 1e-6 reads as 1e-6, not 9.99999997e-7.
        case let .float32(v): return Double("\(v)")
        case let .float64(v): return v
        default: return int.map(Double.init)
        }
    }

    /// The value as a string, if it is one.
    public var string: String? { if case let .string(s) = self { return s } else { return nil } }

    /// The value as a bool, if it is one.
    public var bool: Bool? { if case let .bool(b) = self { return b } else { return nil } }

    /// The elements, if the value is an array.
    public var array: [GGUFValue]? { if case let .array(_, a) = self { return a } else { return nil } }
}

/// The type codes of GGUF metadata values.
public enum GGUFValueType: UInt32, Sendable {
    case uint8 = 0, int8, uint16, int16, uint32, int32, float32, bool, string, array, uint64, int64, float64
}

/// One tensor's entry in the GGUF header.
public struct GGUFTensorInfo: Sendable {
    /// llama.cpp's name, e.g. `blk.0.attn_q.weight`.
    public let name: String
    /// ggml dimensions, innermost (contiguous) first: a (rows, cols) matrix is [cols, rows].
    public let dims: [Int]
    /// Element or block type.
    public let type: GGMLType
    /// Byte offset from the start of the data section.
    public let offset: Int

    /// The row-major shape (outermost first), as safetensors and our `Tensor` use.
    public var shape: [Int] { dims.reversed() }
    /// Number of elements.
    public var count: Int { dims.reduce(1, *) }
    /// Bytes of data the tensor occupies.
    public var byteCount: Int { count / type.blockSize * type.blockBytes }
}

/// A GGUF file read into memory (mapped): its metadata and tensor infos, with the data left in place.
public struct GGUFFile: @unchecked Sendable {
    /// Where the file came from (for messages).
    public let path: String
    /// Format version (2 or 3).
    public let version: Int
    /// Metadata by key.
    public let metadata: [String: GGUFValue]
    /// Metadata keys in file order.
    public let keys: [String]
    /// Tensor infos in file order.
    public let tensors: [GGUFTensorInfo]
    /// Alignment of the data section and of each tensor's offset.
    public let alignment: Int
    /// Absolute file offset where tensor data starts.
    public let dataOffset: Int
    /// The whole file.
    public let data: Data

    /// Reads and checks the GGUF file at `url`; errors name the file, the byte offset and the key or tensor.
    public init(contentsOf url: URL) throws {
        let data: Data
        do { data = try Data(contentsOf: url, options: .alwaysMapped) } catch {
            throw ModelError.file(url.path, "cannot read: \(error.localizedDescription)")
        }
        try self.init(data: data, path: url.path)
    }

    /// Parses GGUF bytes; `path` names the source in errors.
    public init(data: Data, path: String) throws {
        self.data = data
        self.path = path
        let parsed = try data.withUnsafeBytes { raw in try Self.parse(GGUFCursor(bytes: raw, path: path)) }
        (version, metadata, keys, tensors, alignment, dataOffset) = parsed
    }

    /// The tensor named `name`, if any.
    public func tensor(_ name: String) -> GGUFTensorInfo? { tensors.first { $0.name == name } }

    private static func parse(_ start: GGUFCursor) throws
        -> (Int, [String: GGUFValue], [String], [GGUFTensorInfo], Int, Int) {
        var cursor = start
        let magic = try cursor.bytes(4, "magic")
        guard magic == Array("GGUF".utf8) else {
            let shown = magic.map { (32..<127).contains($0) ? String(UnicodeScalar($0)) : "\\x" + String($0, radix: 16) }
            throw cursor.fail(0, "not a GGUF file: magic is \"\(shown.joined())\", expected \"GGUF\"")
        }
        let version = Int(try cursor.read(UInt32.self, "version"))
        if version > 0xFFFF { throw cursor.fail(4, "version \(version): big-endian GGUF files are not supported") }
        guard version == 2 || version == 3 else {
            throw cursor.fail(4, "version \(version) is not supported (GGUF 2 and 3 are)")
        }
        let tensorCount = try cursor.count("tensor count", minimumItemBytes: 24)
        let keyCount = try cursor.count("metadata count", minimumItemBytes: 13)
        var metadata: [String: GGUFValue] = [:]
        var keys: [String] = []
        for _ in 0..<keyCount {
            let at = cursor.position
            let key = try cursor.string("metadata key")
            let type = try cursor.valueType("key \(key): value type")
            let value = try cursor.value(type, "key \(key)")
            if metadata[key] != nil { throw cursor.fail(at, "key \(key) appears twice") }
            metadata[key] = value
            keys.append(key)
        }
        var alignment = 32
        if let value = metadata["general.alignment"] {
            guard let a = value.int, a > 0, a & (a - 1) == 0 else {
                throw cursor.fail(nil, "general.alignment must be a positive power of two (got \(value))")
            }
            alignment = a
        }
        var infos: [GGUFTensorInfo] = []
        infos.reserveCapacity(tensorCount)
        for _ in 0..<tensorCount { infos.append(try tensorInfo(&cursor, alignment: alignment)) }
        let dataOffset = (cursor.position + alignment - 1) / alignment * alignment
        try checkData(infos, cursor, dataOffset: dataOffset)
        return (version, metadata, keys, infos, alignment, dataOffset)
    }

    private static func tensorInfo(_ cursor: inout GGUFCursor, alignment: Int) throws -> GGUFTensorInfo {
        let at = cursor.position
        let name = try cursor.string("tensor name")
        let rank = Int(try cursor.read(UInt32.self, "tensor \(name): number of dimensions"))
        guard (1...4).contains(rank) else { throw cursor.fail(at, "tensor \(name): \(rank) dimensions (1 to 4 allowed)") }
        var dims: [Int] = []
        for i in 0..<rank {
            let d = try cursor.read(UInt64.self, "tensor \(name): dimension \(i)")
            guard d > 0, d < 1 << 40 else { throw cursor.fail(at, "tensor \(name): dimension \(i) is \(d)") }
            dims.append(Int(d))
        }
        let (count, overflow) = dims.reduce((1, false)) { acc, d in
            let (product, over) = acc.0.multipliedReportingOverflow(by: d)
            return (product, acc.1 || over)
        }
        guard !overflow, count < 1 << 48 else {
            throw cursor.fail(at, "tensor \(name): dimensions \(dims) hold more values than any file can")
        }
        let code = try cursor.read(UInt32.self, "tensor \(name): type")
        guard let type = GGMLType(rawValue: code) else {
            throw cursor.fail(cursor.position - 4, "tensor \(name): unknown ggml type \(code)")
        }
        guard dims[0] % type.blockSize == 0 else {
            throw cursor.fail(at, "tensor \(name): \(type) needs rows of a multiple of \(type.blockSize) values (got \(dims[0]))")
        }
        let offset = try cursor.read(UInt64.self, "tensor \(name): data offset")
        guard offset % UInt64(alignment) == 0, offset < 1 << 48 else {
            throw cursor.fail(cursor.position - 8, "tensor \(name): data offset \(offset) is not a multiple of the alignment \(alignment)")
        }
        return GGUFTensorInfo(name: name, dims: dims, type: type, offset: Int(offset))
    }

    private static func checkData(_ infos: [GGUFTensorInfo], _ cursor: GGUFCursor, dataOffset: Int) throws {
        let size = cursor.bytes.count
        for info in infos {
            let start = dataOffset + info.offset, end = start + info.byteCount
            guard end <= size else {
                throw cursor.fail(start, "tensor \(info.name): \(info.byteCount) bytes of \(info.type) data at \(start)..<\(end) "
                    + "run past the end of the file (\(size) bytes; truncated?)")
            }
        }
        let sorted = infos.sorted { $0.offset < $1.offset }
        for (a, b) in zip(sorted, sorted.dropFirst()) where b.offset < a.offset + a.byteCount {
            throw cursor.fail(dataOffset + b.offset, "tensors \(a.name) and \(b.name) overlap in the data section")
        }
        var seen = Set<String>()
        for info in infos where !seen.insert(info.name).inserted {
            throw cursor.fail(nil, "tensor \(info.name) appears twice")
        }
    }
}

/// Reads little-endian GGUF fields from raw bytes, failing with the file, offset and field.
struct GGUFCursor {
    let bytes: UnsafeRawBufferPointer
    let path: String
    var position = 0

    func fail(_ offset: Int?, _ message: String) -> ModelError {
        .file(path, offset.map { "offset \($0): \(message)" } ?? message)
    }

    mutating func need(_ n: Int, _ field: @autoclosure () -> String) throws {
        guard n >= 0, n <= bytes.count - position else {
            throw fail(position, "\(field()): needs \(n) bytes but the file ends at \(bytes.count) (truncated?)")
        }
    }

    mutating func read<T: FixedWidthInteger>(_: T.Type, _ field: @autoclosure () -> String) throws -> T {
        try need(MemoryLayout<T>.size, field())
        defer { position += MemoryLayout<T>.size }
        return T(littleEndian: bytes.loadUnaligned(fromByteOffset: position, as: T.self))
    }

    mutating func bytes(_ n: Int, _ field: String) throws -> [UInt8] {
        try need(n, field)
        defer { position += n }
        return Array(bytes[position..<position + n])
    }

    /// A count whose items take at least `minimumItemBytes` each, so a corrupt count cannot ask for more
    /// items than the file could hold.
    mutating func count(_ field: String, minimumItemBytes: Int) throws -> Int {
        let at = position
        let n = try read(UInt64.self, field)
        guard n <= UInt64(bytes.count / minimumItemBytes) else {
            throw fail(at, "\(field) \(n) is more than a file of \(bytes.count) bytes can hold")
        }
        return Int(n)
    }

    mutating func string(_ field: @autoclosure () -> String) throws -> String {
        let at = position
        let n = try read(UInt64.self, "\(field()): length")
        guard n <= UInt64(bytes.count - position) else {
            throw fail(at, "\(field()): string of \(n) bytes runs past the end of the file (\(bytes.count) bytes)")
        }
        let text = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[position..<position + Int(n)]), as: UTF8.self)
        position += Int(n)
        return text
    }

    mutating func valueType(_ field: String) throws -> GGUFValueType {
        let at = position
        let code = try read(UInt32.self, field)
        guard let type = GGUFValueType(rawValue: code) else { throw fail(at, "\(field): unknown value type \(code)") }
        return type
    }

    /// Reads a value of `type`; `field` (built only for an error) names it.
    mutating func value(_ type: GGUFValueType, _ field: @autoclosure () -> String) throws -> GGUFValue {
        switch type {
        case .uint8: return .uint8(try read(UInt8.self, field()))
        case .int8: return .int8(try read(Int8.self, field()))
        case .uint16: return .uint16(try read(UInt16.self, field()))
        case .int16: return .int16(try read(Int16.self, field()))
        case .uint32: return .uint32(try read(UInt32.self, field()))
        case .int32: return .int32(try read(Int32.self, field()))
        case .uint64: return .uint64(try read(UInt64.self, field()))
        case .int64: return .int64(try read(Int64.self, field()))
        case .float32: return .float32(Float(bitPattern: try read(UInt32.self, field())))
        case .float64: return .float64(Double(bitPattern: try read(UInt64.self, field())))
        case .bool:
            let at = position
            let b = try read(UInt8.self, field())
            guard b <= 1 else { throw fail(at, "\(field()): bool byte is \(b), expected 0 or 1") }
            return .bool(b == 1)
        case .string: return .string(try string(field()))
        case .array:
            let elementType = try valueType("\(field()): array element type")
            let n = try count("\(field()): array length", minimumItemBytes: elementType == .array ? 12 : 1)
            var items: [GGUFValue] = []
            items.reserveCapacity(n)
            for i in 0..<n { items.append(try value(elementType, "\(field())[\(i)]")) }
            return .array(elementType, items)
        }
    }
}

extension GGUFFile {
    /// Integer metadata `key`, nil when absent; an error naming the key when it is not an integer.
    public func int(_ key: String) throws -> Int? {
        guard let value = metadata[key] else { return nil }
        guard let int = value.int else { throw ModelError.file(path, "metadata \(key): expected an integer, got \(value)") }
        return int
    }

    /// Numeric metadata `key`, nil when absent.
    public func double(_ key: String) throws -> Double? {
        guard let value = metadata[key] else { return nil }
        guard let number = value.double else { throw ModelError.file(path, "metadata \(key): expected a number, got \(value)") }
        return number
    }

    /// String metadata `key`, nil when absent.
    public func string(_ key: String) throws -> String? {
        guard let value = metadata[key] else { return nil }
        guard let string = value.string else { throw ModelError.file(path, "metadata \(key): expected a string") }
        return string
    }

    /// Bool metadata `key`, nil when absent.
    public func bool(_ key: String) throws -> Bool? {
        guard let value = metadata[key] else { return nil }
        guard let bool = value.bool else { throw ModelError.file(path, "metadata \(key): expected a bool") }
        return bool
    }

    /// Integer metadata `key` that must be present.
    public func requiredInt(_ key: String) throws -> Int {
        guard let int = try int(key) else { throw ModelError.file(path, "metadata \(key): missing") }
        return int
    }

    /// String-array metadata `key`, nil when absent.
    public func strings(_ key: String) throws -> [String]? {
        guard let value = metadata[key] else { return nil }
        guard case let .array(type, items) = value, type == .string else {
            throw ModelError.file(path, "metadata \(key): expected an array of strings")
        }
        return items.map { $0.string ?? "" }
    }

    /// Integer-array metadata `key`, nil when absent.
    public func ints(_ key: String) throws -> [Int]? {
        guard let value = metadata[key] else { return nil }
        guard let items = value.array, let ints = Optional(items.compactMap(\.int)), ints.count == items.count else {
            throw ModelError.file(path, "metadata \(key): expected an array of integers")
        }
        return ints
    }
}
