// Walks the zstd frames of a log file in order, decompressing each, and says where the readable part ends.
// The writer uses it to find a torn tail before appending; the reader to return every complete frame.
// A frame is complete when `ZSTD_findFrameCompressedSize` finds its end and it decompresses with a good
// checksum; the walk stops at the first frame that is not, and the rest of the file is the tail.
import CZstd
import Foundation

/// Where the readable frames of a log end, and what follows them.
public struct RolloutLogTail: Equatable, Sendable {
    /// Byte offset of the first unreadable byte (the file size when every byte reads).
    public let offset: Int
    /// Unreadable bytes from `offset` to the end of the file.
    public let bytes: Int
    /// What zstd said about those bytes; nil when the file ends on a frame boundary.
    public let reason: String?
    /// True when the unreadable bytes are a single frame cut short (a kill mid-write), not foreign data.
    public let isTornFrame: Bool

    /// "N bytes unreadable from byte X (reason)", or nil for a clean end.
    public var summary: String? {
        guard let reason, bytes > 0 else { return nil }
        let kind = isTornFrame ? "last frame cut short, e.g. by a kill mid-write" : "not a zstd frame"
        return "\(bytes) bytes unreadable from byte \(offset) (\(kind): \(reason))"
    }
}

/// zstd_errors.h (not included by zstd.h): the frame needs more bytes than there are. Codes are stable.
private let zstdErrorSrcSizeWrong = 72

/// Decompresses a log's frames one by one, reusing one decompression context and one output buffer.
final class FrameWalker {
    private let dctx: OpaquePointer
    private var output: [UInt8] = []

    init() {
        // Allocation of a small struct; failure means the process is out of memory anyway.
        dctx = ZSTD_createDCtx()!
    }

    deinit { ZSTD_freeDCtx(dctx) }

    /// Calls `body(offset, compressedSize, json)` for each complete frame of `file`, then returns its tail.
    func walk(
        _ file: UnsafeRawBufferPointer,
        _ body: (_ offset: Int, _ compressedSize: Int, _ json: UnsafeBufferPointer<UInt8>) throws -> Void
    ) rethrows -> RolloutLogTail {
        var offset = 0
        while offset < file.count {
            let rest = UnsafeRawBufferPointer(rebasing: file[offset...])
            let size = ZSTD_findFrameCompressedSize(rest.baseAddress, rest.count)
            if ZSTD_isError(size) != 0 {
                let torn = size == -zstdErrorSrcSizeWrong  // size_t results are -code
                return tail(at: offset, of: file, reason: String(cString: ZSTD_getErrorName(size)), torn: torn)
            }
            let frame = UnsafeRawBufferPointer(rebasing: rest[..<size])
            switch decompress(frame) {
            case let .failure(reason):
                // A full-length frame with bad content at the very end is what a crash before the data
                // reached the disk leaves; anywhere else it is damage.
                return tail(at: offset, of: file, reason: reason, torn: offset + size == file.count)
            case let .success(produced):
                try output.withUnsafeBufferPointer { json in
                    try body(offset, size, UnsafeBufferPointer(rebasing: json[..<produced]))
                }
            }
            offset += size
        }
        return RolloutLogTail(offset: offset, bytes: 0, reason: nil, isTornFrame: false)
    }

    private func tail(at offset: Int, of file: UnsafeRawBufferPointer, reason: String, torn: Bool)
        -> RolloutLogTail
    {
        RolloutLogTail(offset: offset, bytes: file.count - offset, reason: reason, isTornFrame: torn)
    }

    private enum Decoded { case success(Int), failure(String) }

    /// Decompresses one frame into `output`; the number of bytes produced, or zstd's complaint.
    private func decompress(_ frame: UnsafeRawBufferPointer) -> Decoded {
        ZSTD_DCtx_reset(dctx, ZSTD_reset_session_only)
        let declared = ZSTD_getFrameContentSize(frame.baseAddress, frame.count)
        // UInt64.max and .max - 1 are ZSTD_CONTENTSIZE_UNKNOWN and _ERROR; then the buffer grows as needed.
        if declared < UInt64.max - 1, declared < 1 << 34, output.count < Int(declared) + 1 {
            output = [UInt8](repeating: 0, count: Int(declared) + 1)
        }
        var input = ZSTD_inBuffer(src: frame.baseAddress, size: frame.count, pos: 0)
        var produced = 0
        while true {
            if produced == output.count { output += repeatElement(0, count: max(output.count, 1 << 16)) }
            let (result, wrote) = output.withUnsafeMutableBytes { buffer -> (Int, Int) in
                var out = ZSTD_outBuffer(dst: buffer.baseAddress! + produced, size: buffer.count - produced, pos: 0)
                let result = ZSTD_decompressStream(dctx, &out, &input)
                return (result, out.pos)
            }
            produced += wrote
            if ZSTD_isError(result) != 0 { return .failure(String(cString: ZSTD_getErrorName(result))) }
            if result == 0 { return .success(produced) }
            if input.pos == input.size && produced < output.count { return .failure("frame ends early") }
        }
    }
}

/// The bytes of a file, memory-mapped.
func mapFile(_ path: String) throws -> Data {
    do {
        return try Data(contentsOf: URL(fileURLWithPath: path), options: .alwaysMapped)
    } catch {
        throw RolloutLogError.file(path, "cannot read: \(error.localizedDescription)")
    }
}
