// Writes that never leave a half-written file behind: write to a temporary name in the same folder,
// fsync it, rename over the target, fsync the folder.
import Foundation

/// Crash-safe file and directory writes.
public enum AtomicFile {
    /// Replaces `url` with `data` atomically and durably.
    public static func write(_ data: Data, to url: URL) throws {
        let dir = url.deletingLastPathComponent()
        let tmp = dir.appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        guard FileManager.default.createFile(atPath: tmp.path, contents: nil) else {
            throw ModelError.file(tmp.path, "cannot create (is the folder writable?)")
        }
        let handle = try FileHandle(forWritingTo: tmp)
        do {
            try handle.write(contentsOf: data)
            try handle.synchronize()
            try handle.close()
        } catch {
            try? handle.close()
            try? FileManager.default.removeItem(at: tmp)
            throw ModelError.file(url.path, "write failed: \(error.localizedDescription)")
        }
        guard rename(tmp.path, url.path) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(at: tmp)
            throw ModelError.file(url.path, "rename failed: \(reason)")
        }
        syncDirectory(dir)
    }

    /// Flushes a directory's entries (after a rename into it).
    public static func syncDirectory(_ dir: URL) {
        let fd = open(dir.path, O_RDONLY)
        if fd >= 0 { fsync(fd); close(fd) }
    }
}
