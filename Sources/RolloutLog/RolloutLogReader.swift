// Reads a rollout log back: every complete frame, in file order, also from a file killed mid-write or
// with foreign bytes appended, and how many trailing bytes could not be read. A bad record inside a frame
// whose checksum is good is not damage but a writer bug, so it is an error naming the frame and line.
import Foundation

/// One step's frame as read back.
public struct RolloutLogFrame: Sendable {
    /// Byte offset of the frame in the file.
    public let offset: Int
    /// Compressed size of the frame.
    public let compressedSize: Int
    /// Step of the frame's records; nil for a frame without records.
    public let step: Int?
    /// The frame's records in the order they were written.
    public let records: [RolloutRecord]
    /// The frame's JSON lines verbatim, including fields this version does not know.
    public let json: [UInt8]
}

/// Everything read from a rollout log.
public struct RolloutLogContents: Sendable {
    /// Records of the frames read, in file order.
    public var records: [RolloutRecord]
    /// Frames read.
    public var frames: Int
    /// Uncompressed JSON bytes of the frames read (the size of the same records as plain JSONL).
    public var jsonBytes: Int
    /// Compressed bytes of the frames read.
    public var compressedBytes: Int
    /// Where the readable part of the file ends.
    public var tail: RolloutLogTail
}

/// Reader of a rollout log file.
public struct RolloutLogReader: Sendable {
    /// The log file.
    public let path: String

    /// A reader of the log at `path`.
    public init(path: String) { self.path = path }

    /// Calls `body` with each complete frame (of a step in `steps`, when given) and returns where reading stopped.
    @discardableResult
    public func forEachFrame(steps: ClosedRange<Int>? = nil, _ body: (RolloutLogFrame) throws -> Void) throws
        -> RolloutLogTail
    {
        let data = try mapFile(path)
        let decoder = RolloutRecord.makeDecoder()
        return try data.withUnsafeBytes { bytes in
            try FrameWalker().walk(bytes) { offset, size, json in
                let step = try firstStep(of: json, path: path, offset: offset)
                if let steps, !(step.map(steps.contains) ?? false) { return }
                let records = try decodeLines(json, offset: offset, decoder: decoder)
                try body(
                    RolloutLogFrame(offset: offset, compressedSize: size, step: step, records: records,
                                    json: Array(json)))
            }
        }
    }

    /// All records (of steps in `steps`, when given), with sizes and the unreadable tail.
    public func read(steps: ClosedRange<Int>? = nil) throws -> RolloutLogContents {
        var contents = RolloutLogContents(
            records: [], frames: 0, jsonBytes: 0, compressedBytes: 0,
            tail: RolloutLogTail(offset: 0, bytes: 0, reason: nil, isTornFrame: false))
        contents.tail = try forEachFrame(steps: steps) { frame in
            contents.records += frame.records
            contents.frames += 1
            contents.jsonBytes += frame.json.count
            contents.compressedBytes += frame.compressedSize
        }
        return contents
    }

    private func decodeLines(_ json: UnsafeBufferPointer<UInt8>, offset: Int, decoder: JSONDecoder) throws
        -> [RolloutRecord]
    {
        var records: [RolloutRecord] = []
        var start = 0
        var line = 1
        while start < json.count {
            let end = json[start...].firstIndex(of: UInt8(ascii: "\n")) ?? json.count
            if end > start {
                do {
                    let bytes = Data(UnsafeBufferPointer(rebasing: json[start..<end]))
                    records.append(try decoder.decode(RolloutRecord.self, from: bytes))
                } catch {
                    throw RolloutLogError.file(
                        path, "frame at byte \(offset), line \(line): not a rollout record (\(describe(error)))")
                }
            }
            start = end + 1
            line += 1
        }
        return records
    }
}

/// A decoding error as "key.path: problem".
func describe(_ error: Error) -> String {
    guard let error = error as? DecodingError else { return "\(error)" }
    func path(_ context: DecodingError.Context) -> String {
        context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
    }
    switch error {
    case let .keyNotFound(key, _): return "\(key.stringValue): missing"
    case let .typeMismatch(type, context): return "\(path(context)): expected \(type)"
    case let .valueNotFound(type, context): return "\(path(context)): expected \(type), found null"
    case let .dataCorrupted(context):
        return context.codingPath.isEmpty ? "not valid JSON" : "\(path(context)): \(context.debugDescription)"
    @unknown default: return "\(error)"
    }
}
