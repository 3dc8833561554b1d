// Owned, 64-byte-aligned Float32 buffer behind every tensor. A class so views can share it; raw
// pointers because arrays in hot loops cost exclusivity checks and copies (see ../shared/NATIVE.md).
import Foundation

/// Raw Float32 memory shared by a tensor and its views.
public final class Storage: @unchecked Sendable {
    /// First element.
    public let base: UnsafeMutablePointer<Float>
    /// Number of floats allocated.
    public let capacity: Int

    /// Allocates `capacity` floats, uninitialised unless `zeroed`.
    public init(capacity: Int, zeroed: Bool = false) {
        self.capacity = capacity
        var raw: UnsafeMutableRawPointer?
        let bytes = max(capacity, 1) * MemoryLayout<Float>.stride
        guard posix_memalign(&raw, 64, bytes) == 0, let raw else {
            fatalError("out of memory allocating \(bytes) bytes for a tensor")
        }
        base = raw.bindMemory(to: Float.self, capacity: max(capacity, 1))
        if zeroed { memset(raw, 0, bytes) }
    }

    deinit { free(base) }
}
