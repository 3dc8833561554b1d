// Metrics as TensorBoard event files (`tensorboard --logdir runs` shows them): TFRecord framing (length,
// masked CRC-32C of the length, the serialized Event, masked CRC-32C of the data) around Event protos
// holding scalar summaries, encoded by hand — a few protobuf fields need no protobuf library.
import Foundation

/// Appends scalar metrics to a TensorBoard event file.
final class TensorBoardWriter {
    private let handle: FileHandle

    /// Creates `events.out.tfevents.<time>.<host>` in `directory`.
    init(directory: URL) throws {
        let name = "events.out.tfevents.\(Int(Date().timeIntervalSince1970)).\(ProcessInfo.processInfo.hostName)"
        let url = directory.appendingPathComponent(name)
        _ = FileManager.default.createFile(atPath: url.path, contents: nil)
        handle = try FileHandle(forWritingTo: url)
        var version = Protobuf()
        version.double(1, Date().timeIntervalSince1970)
        version.bytes(3, Array("brain.Event:2".utf8))
        try write(version.data)
    }

    /// One event per step holding every metric as a scalar.
    func append(step: Int, metrics: [String: Double]) throws {
        var summary = Protobuf()
        for (tag, value) in metrics.sorted(by: { $0.key < $1.key }) where value.isFinite {
            var v = Protobuf()
            v.bytes(1, Array(tag.utf8))
            v.float(2, Float(value))
            summary.bytes(1, v.data)
        }
        var event = Protobuf()
        event.double(1, Date().timeIntervalSince1970)
        event.varint(2, UInt64(step))
        event.bytes(5, summary.data)
        try write(event.data)
    }

    private func write(_ data: [UInt8]) throws {
        var record: [UInt8] = []
        let length = withUnsafeBytes(of: UInt64(data.count).littleEndian, Array.init)
        record += length
        record += withUnsafeBytes(of: CRC32C.masked(length).littleEndian, Array.init)
        record += data
        record += withUnsafeBytes(of: CRC32C.masked(data).littleEndian, Array.init)
        try handle.write(contentsOf: record)
        try handle.synchronize()
    }
}

/// The few protobuf wire encodings an Event needs.
struct Protobuf {
    private(set) var data: [UInt8] = []

    mutating func key(_ field: Int, _ wire: Int) { append(varint: UInt64(field << 3 | wire)) }

    mutating func append(varint v: UInt64) {
        var v = v
        while v >= 0x80 { data.append(UInt8(v & 0x7F) | 0x80); v >>= 7 }
        data.append(UInt8(v))
    }

    mutating func varint(_ field: Int, _ v: UInt64) { key(field, 0); append(varint: v) }
    mutating func double(_ field: Int, _ v: Double) { key(field, 1); data += withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init) }
    mutating func float(_ field: Int, _ v: Float) { key(field, 5); data += withUnsafeBytes(of: v.bitPattern.littleEndian, Array.init) }
    mutating func bytes(_ field: Int, _ b: [UInt8]) { key(field, 2); append(varint: UInt64(b.count)); data += b }
}

/// CRC-32C (Castagnoli), as TFRecord uses it, with TensorFlow's masking.
enum CRC32C {
    static let table: [UInt32] = (0..<256).map { i in
        var c = UInt32(i)
        for _ in 0..<8 { c = c & 1 != 0 ? 0x82F6_3B78 ^ (c >> 1) : c >> 1 }
        return c
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var c: UInt32 = 0xFFFF_FFFF
        for b in bytes { c = table[Int((c ^ UInt32(b)) & 0xFF)] ^ (c >> 8) }
        return c ^ 0xFFFF_FFFF
    }

    static func masked(_ bytes: [UInt8]) -> UInt32 {
        let c = checksum(bytes)
        return ((c >> 15) | (c << 17)) &+ 0xA282_EAD8
    }
}
