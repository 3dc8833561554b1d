// Appends rollout records to `runs/NAME/rollouts.zst`: one checksummed zstd frame of JSON lines per
// training step, written and fsync'ed before `append` returns, so a kill loses at most the frame being
// written. Opening an existing log first cuts a torn last frame (zstd cannot read past one, so records
// appended after it would be lost), and can drop the frames after a checkpoint's step so that a resumed
// run's log matches its checkpoint.
import CZstd
import Foundation

/// Append-only writer of a rollout log, one zstd frame per training step.
public final class RolloutLogWriter {
    /// The log file.
    public let path: String
    /// Bytes cut from the end of the file when it was opened (a torn frame, or steps after `keepingStepsThrough`).
    public let discardedBytes: Int
    /// The last step in the log, nil while it is empty.
    public private(set) var lastStep: Int?
    /// JSON bytes this writer has compressed (what plain JSONL would have taken).
    public private(set) var jsonBytesWritten = 0
    /// Compressed bytes this writer has appended.
    public private(set) var compressedBytesWritten = 0
    /// Seconds spent in `append`, and the part of them waiting for the disk (fsync).
    public private(set) var appendSeconds = 0.0, syncSeconds = 0.0

    private var fd: Int32
    private var fileSize: Int
    private let cctx: OpaquePointer
    // Reused across steps: the frame's JSON lines and its compressed form.
    private var json: [UInt8] = []
    private var compressed: [UInt8] = []

    /// Opens `path` for appending, creating it if needed. A torn last frame is cut; with
    /// `keepingStepsThrough: n`, so are all frames of steps after `n` (resuming from a checkpoint at step n).
    public init(path: String, keepingStepsThrough maxStep: Int? = nil, level: Int32 = 3) throws {
        self.path = path
        let existed = FileManager.default.fileExists(atPath: path)
        fd = open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw RolloutLogError.file(path, "cannot open for writing: \(errnoText())") }
        // Two runs appending to one log would interleave frames of unrelated steps; the lock goes with the fd.
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            closeDescriptor(fd)
            throw RolloutLogError.file(path, "another writer has this log open; stop it or use another run directory")
        }
        var keep = 0
        var size = 0
        do {
            if existed {
                let scan = try Self.scan(path, through: maxStep)
                (keep, size, lastStep) = (scan.keep, scan.size, scan.lastStep)
            }
            if keep < size, ftruncate(fd, off_t(keep)) != 0 || fsync(fd) != 0 {
                throw RolloutLogError.file(path, "cannot cut the log back to byte \(keep): \(errnoText())")
            }
        } catch {
            closeDescriptor(fd)
            throw error
        }
        if !existed { syncDirectory(of: path) }
        fileSize = keep
        discardedBytes = size - keep
        cctx = ZSTD_createCCtx()!
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_compressionLevel, level)
        ZSTD_CCtx_setParameter(cctx, ZSTD_c_checksumFlag, 1)
    }

    deinit {
        close()
        ZSTD_freeCCtx(cctx)
    }

    /// Writes one step's records as one frame and syncs it to disk. All records must share a step, later
    /// than every step already in the log. An empty array writes nothing.
    public func append(step records: [RolloutRecord]) throws {
        guard let step = records.first?.step else { return }
        guard fd >= 0 else { throw RolloutLogError.usage("\(path): append after close") }
        if let other = records.first(where: { $0.step != step }) {
            throw RolloutLogError.usage("\(path): one frame holds one step (got steps \(step) and \(other.step))")
        }
        if let lastStep, step <= lastStep {
            throw RolloutLogError.file(
                path,
                "step \(step) is not after the last logged step \(lastStep); a resumed run opens the log "
                    + "with keepingStepsThrough: its checkpoint's step")
        }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { appendSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        json.removeAll(keepingCapacity: true)
        for record in records {
            record.appendJSON(to: &json)
            json.append(UInt8(ascii: "\n"))
        }
        let size = try compressFrame()
        try writeAndSync(size)
        lastStep = step
        jsonBytesWritten += json.count
        compressedBytesWritten += size
    }

    /// Closes the file; further appends are errors.
    public func close() {
        if fd >= 0 { closeDescriptor(fd) }
        fd = -1
    }

    private func compressFrame() throws -> Int {
        let bound = ZSTD_compressBound(json.count)
        if compressed.count < bound { compressed = [UInt8](repeating: 0, count: bound) }
        let size = json.withUnsafeBytes { src in
            compressed.withUnsafeMutableBytes { dst in
                ZSTD_compress2(cctx, dst.baseAddress, dst.count, src.baseAddress, src.count)
            }
        }
        if ZSTD_isError(size) != 0 {
            throw RolloutLogError.file(path, "zstd compression failed: \(String(cString: ZSTD_getErrorName(size)))")
        }
        return size
    }

    private func writeAndSync(_ size: Int) throws {
        var done = 0
        while done < size {
            let wrote = compressed.withUnsafeBytes { write(fd, $0.baseAddress! + done, size - done) }
            if wrote < 0 && errno == EINTR { continue }
            guard wrote > 0 else { return try undoPartialWrite("write failed at byte \(fileSize + done)") }
            done += wrote
        }
        let start = DispatchTime.now().uptimeNanoseconds
        defer { syncSeconds += Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9 }
        guard fsync(fd) == 0 else { return try undoPartialWrite("fsync failed") }
        fileSize += size
    }

    /// Cuts a half-written frame off before reporting, so the log stays readable and appendable.
    private func undoPartialWrite(_ what: String) throws {
        let reason = errnoText()
        _ = ftruncate(fd, off_t(fileSize))
        throw RolloutLogError.file(path, "\(what): \(reason)")
    }

    private struct Scan { var keep: Int, size: Int, lastStep: Int? }

    /// Where to cut an existing log: after its last complete frame, or its last frame of a step ≤ `maxStep`.
    private static func scan(_ path: String, through maxStep: Int?) throws -> Scan {
        let data = try mapFile(path)
        var scan = Scan(keep: 0, size: data.count, lastStep: nil)
        var beyond = false
        let tail = try data.withUnsafeBytes { bytes in
            try FrameWalker().walk(bytes) { offset, size, json in
                if beyond { return }
                let step = try firstStep(of: json, path: path, offset: offset)
                if let step, let maxStep, step > maxStep {
                    beyond = true
                    return
                }
                scan.keep = offset + size
                scan.lastStep = step ?? scan.lastStep
            }
        }
        // Foreign bytes after the frames we keep may hide records: refuse rather than cut them.
        if let summary = tail.summary, !tail.isTornFrame, !beyond {
            throw RolloutLogError.file(
                path, "\(summary); move the file aside (grpo logs export reads what it can) and start a new log")
        }
        return scan
    }
}

/// The step of a frame's first record; nil for a frame without records.
func firstStep(of json: UnsafeBufferPointer<UInt8>, path: String, offset: Int) throws -> Int? {
    struct StepOnly: Decodable { let step: Int }
    let end = json.firstIndex(of: UInt8(ascii: "\n")) ?? json.count
    if end == 0 { return nil }
    do {
        return try JSONDecoder().decode(StepOnly.self, from: Data(UnsafeBufferPointer(rebasing: json[..<end]))).step
    } catch {
        throw RolloutLogError.file(path, "frame at byte \(offset), line 1: not a rollout record (\(describe(error)))")
    }
}

func errnoText() -> String { String(cString: strerror(errno)) }

/// `close(2)`, reachable from types that have their own `close()`.
func closeDescriptor(_ fd: Int32) { close(fd) }

/// Makes a new file's directory entry durable.
func syncDirectory(of path: String) {
    let fd = open(URL(fileURLWithPath: path).deletingLastPathComponent().path, O_RDONLY)
    if fd >= 0 {
        fsync(fd)
        close(fd)
    }
}
