// `runs/NAME/metrics.jsonl`: one JSON object of numbers per step, under TRL's metric names. Each line is
// written whole and synced, so a kill leaves at most a torn last line: the reader skips it and the writer
// cuts it before appending. Non-finite values are written bare (NaN, Infinity, -Infinity), as Python's
// json module writes and reads them, because a NaN loss is worth seeing in the log.
import Foundation

/// Append-only writer of a metrics log, one JSON line per step.
public final class MetricsLogWriter {
    /// The log file.
    public let path: String
    /// Bytes cut from the end when opened (a torn line, or lines of steps after `keepingStepsThrough`).
    public let discardedBytes: Int
    private var fd: Int32

    /// Opens `path` for appending, creating it if needed. A torn last line is cut; with
    /// `keepingStepsThrough: n`, so are the lines from the first one of a step after `n`.
    public init(path: String, keepingStepsThrough maxStep: Int? = nil) throws {
        self.path = path
        let existed = FileManager.default.fileExists(atPath: path)
        let bytes = existed ? Array(try mapFile(path)) : []
        let keep = try Self.keptPrefix(bytes, path: path, through: maxStep)
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RolloutLogError.file(path, "cannot open for writing: \(errnoText())") }
        if keep < bytes.count {
            guard ftruncate(fd, off_t(keep)) == 0 else {
                let reason = errnoText()
                closeDescriptor(fd)
                throw RolloutLogError.file(path, "cannot cut the log back to byte \(keep): \(reason)")
            }
        }
        if !existed { syncDirectory(of: path) }
        discardedBytes = bytes.count - keep
    }

    deinit { close() }

    /// Appends one line: "step" first, then the other keys sorted; integral values without a fraction.
    public func append(_ metrics: [String: Double]) throws {
        guard fd >= 0 else { throw RolloutLogError.usage("\(path): append after close") }
        var line: [UInt8] = []
        let keys = metrics.keys.sorted { ($0 != "step" ? 1 : 0, $0) < ($1 != "step" ? 1 : 0, $1) }
        line.append(UInt8(ascii: "{"))
        for (i, key) in keys.enumerated() {
            if i > 0 { line.append(contentsOf: ", ".utf8) }
            JSONBytes.string(key, to: &line)
            line.append(contentsOf: ": ".utf8)
            line.append(contentsOf: Self.format(metrics[key]!).utf8)
        }
        line.append(contentsOf: "}\n".utf8)
        let wrote = line.withUnsafeBytes { write(fd, $0.baseAddress!, $0.count) }
        guard wrote == line.count, fsync(fd) == 0 else {
            throw RolloutLogError.file(path, "write failed: \(errnoText())")
        }
    }

    /// Closes the file; further appends are errors.
    public func close() {
        if fd >= 0 { closeDescriptor(fd) }
        fd = -1
    }

    static func format(_ value: Double) -> String {
        if value.isNaN { return "NaN" }
        if value.isInfinite { return value < 0 ? "-Infinity" : "Infinity" }
        if value == value.rounded(), abs(value) < 1e15 { return String(Int(value)) }
        return value.description
    }

    /// Bytes to keep: every complete line, up to the first one whose step is after `maxStep`.
    private static func keptPrefix(_ bytes: [UInt8], path: String, through maxStep: Int?) throws -> Int {
        let complete = (bytes.lastIndex(of: UInt8(ascii: "\n")) ?? -1) + 1
        guard let maxStep else { return complete }
        var start = 0
        var lineNumber = 1
        while start < complete {
            let end = bytes[start..<complete].firstIndex(of: UInt8(ascii: "\n"))!
            if let row = try MetricsLogReader.parse(bytes[start..<end], path: path, line: lineNumber),
                let step = row["step"], step > Double(maxStep)
            {
                return start
            }
            start = end + 1
            lineNumber += 1
        }
        return complete
    }
}

/// Reader of a metrics log.
public enum MetricsLogReader {
    /// The numeric values of every complete line, sorted by "step" (stably); a torn last line is skipped,
    /// any other malformed line is an error naming `path:line`. Non-numeric values are left out.
    public static func read(path: String) throws -> [[String: Double]] {
        let bytes = Array(try mapFile(path))
        var rows: [[String: Double]] = []
        var start = 0
        var lineNumber = 1
        while start < bytes.count {
            // A line without its newline is one a kill cut short.
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            if let row = try parse(bytes[start..<end], path: path, line: lineNumber) { rows.append(row) }
            start = end + 1
            lineNumber += 1
        }
        return rows.enumerated().sorted { a, b in
            (a.element["step"] ?? .infinity, a.offset) < (b.element["step"] ?? .infinity, b.offset)
        }.map(\.element)
    }

    /// One line's numbers; nil for a blank line.
    static func parse(_ line: ArraySlice<UInt8>, path: String, line number: Int) throws -> [String: Double]? {
        if line.allSatisfy({ $0 == UInt8(ascii: " ") || $0 == UInt8(ascii: "\r") }) { return nil }
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = true  // for bare NaN and Infinity
        do {
            return try decoder.decode([String: MetricValue].self, from: Data(line)).compactMapValues(\.number)
        } catch {
            throw RolloutLogError.file("\(path):\(number)", "not a JSON object (\(describe(error)))")
        }
    }
}

/// A metrics value: numbers are kept, anything else (strings, booleans, null, nesting) is read and dropped.
private struct MetricValue: Decodable {
    let number: Double?

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        number = try? container.decode(Double.self)
    }
}
