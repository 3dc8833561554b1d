// Our own parallel loops. Work is cut into chunks whose boundaries depend only on the problem size,
// never on the thread count or timing, so every result is bit-identical run to run.

/// Parallel loops over index ranges, sharing `Runtime.threads` with OpenBLAS.
public enum Parallel {
    /// Calls `body(range)` for consecutive chunks of `0..<count`, each at least `grain` long, in parallel
    /// when there is enough work. Chunks never overlap; their boundaries depend only on `count` and `grain`.
    @inline(__always)
    public static func forEachChunk(_ count: Int, grain: Int, _ body: (Range<Int>) -> Void) {
        if count <= 0 { return }
        let threads = Runtime.threads
        let chunks = min(max(1, count / max(grain, 1)), 64)
        if threads == 1 || chunks == 1 {
            body(0..<count)
            return
        }
        let per = (count + chunks - 1) / chunks
        let workers = min(threads, chunks)
        let ran = WorkerPool.shared.run(workers) { worker in
            var chunk = worker
            while chunk < chunks {
                let lo = chunk * per, hi = min(count, lo + per)
                if lo < hi { body(lo..<hi) }
                chunk += workers
            }
        }
        // Nested inside another parallel loop: the same chunks, one after another.
        if !ran { for chunk in 0..<chunks where chunk * per < count { body(chunk * per..<min(count, chunk * per + per)) } }
    }

    /// The fixed chunk ranges `forEachChunk` would use, for reductions that keep one partial per chunk.
    public static func chunks(_ count: Int, grain: Int) -> [Range<Int>] {
        if count <= 0 { return [] }
        let n = min(max(1, count / max(grain, 1)), 64)
        let per = (count + n - 1) / n
        return stride(from: 0, to: count, by: per).map { $0..<min(count, $0 + per) }
    }

    /// Runs `body(i)` for i in 0..<n, in parallel; for a handful of large independent tasks.
    public static func forEachTask(_ n: Int, _ body: (Int) -> Void) {
        if n <= 0 { return }
        if Runtime.threads == 1 || n == 1 {
            for i in 0..<n { body(i) }
            return
        }
        let workers = min(Runtime.threads, n)
        let ran = WorkerPool.shared.run(workers) { worker in
            for task in stride(from: worker, to: n, by: workers) { body(task) }
        }
        if !ran { for i in 0..<n { body(i) } }
    }
}

/// Carries a non-Sendable value into a concurrent loop whose iterations touch disjoint memory.
public struct UnsafeSendable<T>: @unchecked Sendable {
    /// The wrapped value.
    public let value: T
    /// Wraps `value`.
    public init(_ value: T) { self.value = value }
}
