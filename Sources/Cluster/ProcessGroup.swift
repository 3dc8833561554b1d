// The processes of one data-parallel job: one process unless started by `mpirun`, then every rank of
// MPI_COMM_WORLD. Collectives are written so that results do not depend on timing: sums are gathered to
// rank 0, added in rank order there and broadcast, so every rank gets the same bits on every run.
import Foundation

/// This process's place in the job and the collectives the trainer needs.
public final class ProcessGroup: @unchecked Sendable {
    /// 0 for the process that writes the run's files.
    public let rank: Int
    /// Processes in the job (1 without mpirun).
    public let size: Int
    private let mpi: MPILibrary?

    /// A job of one process.
    public static let single = ProcessGroup(rank: 0, size: 1, mpi: nil)

    private init(rank: Int, size: Int, mpi: MPILibrary?) {
        self.rank = rank
        self.size = size
        self.mpi = mpi
    }

    /// The job this process belongs to: MPI_COMM_WORLD when `mpirun` started it (Open MPI's
    /// OMPI_COMM_WORLD_SIZE), else a job of one. MPI is initialised once; it is finalised at exit.
    /// GRPO_MPI_LIBRARY names the libmpi to load where it is not on the loader's path.
    public static func world(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> ProcessGroup {
        lock.lock()
        defer { lock.unlock() }
        if let shared { return shared }
        guard let n = environment["OMPI_COMM_WORLD_SIZE"].flatMap(Int.init), n > 1 else { return .single }
        let mpi = try MPILibrary(path: environment["GRPO_MPI_LIBRARY"])
        var provided: Int32 = 0, rank: Int32 = 0, size: Int32 = 0
        // SERIALIZED (2): calls come one at a time, but from whichever thread the async code runs on.
        _ = mpi.initThread(nil, nil, 2, &provided)
        _ = mpi.commRank(mpi.world, &rank)
        _ = mpi.commSize(mpi.world, &size)
        let group = ProcessGroup(rank: Int(rank), size: Int(size), mpi: mpi)
        shared = group
        atexit { ProcessGroup.shared?.finish() }
        return group
    }

    /// Throws when `mpirun` started this process: for commands that run in one process only, whose ranks
    /// would otherwise all write the same files.
    public static func requireSingle(_ command: String,
                                     environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        guard let n = environment["OMPI_COMM_WORLD_SIZE"].flatMap(Int.init), n > 1 else { return }
        throw ClusterError("\(command) runs in one process; start it without mpirun (\(n) ranks were launched)")
    }

    nonisolated(unsafe) private static var shared: ProcessGroup?
    private static let lock = NSLock()
    private var finished = false

    /// Whether this is a job of more than one process.
    public var isDistributed: Bool { size > 1 }

    /// The slice of `0..<count` this rank handles: contiguous, in rank order, sizes differing by at most one.
    public func share(of count: Int) -> Range<Int> { count * rank / size..<count * (rank + 1) / size }

    /// Every rank's `bytes`, in rank order (each rank may send a different length).
    public func allGather(_ bytes: [UInt8]) -> [[UInt8]] {
        guard let mpi else { return [bytes] }
        var length = Int32(bytes.count)
        var lengths = [Int32](repeating: 0, count: size)
        _ = mpi.allgather(&length, 1, mpi.int32, &lengths, 1, mpi.int32, mpi.world)
        var offsets = [Int32](repeating: 0, count: size)
        for r in 1..<size { offsets[r] = offsets[r - 1] + lengths[r - 1] }
        var all = [UInt8](repeating: 0, count: Int(lengths.reduce(0, +)))
        bytes.withUnsafeBytes { send in
            _ = all.withUnsafeMutableBytes { receive in
                mpi.allgatherv(send.baseAddress, length, mpi.byte, receive.baseAddress, lengths, offsets, mpi.byte, mpi.world)
            }
        }
        return (0..<size).map { Array(all[Int(offsets[$0])..<Int(offsets[$0] + lengths[$0])]) }
    }

    /// Every rank's `items`, concatenated in rank order (binary property lists keep every Float and Double
    /// bit for bit, NaN and infinities included).
    public func allGather<T: Codable>(_ items: [T]) throws -> [T] {
        guard isDistributed else { return items }
        let encoder = PropertyListEncoder()
        encoder.outputFormat = .binary
        return try allGather(Array(try encoder.encode(items))).flatMap { try PropertyListDecoder().decode([T].self, from: Data($0)) }
    }

    /// Replaces `values` on every rank by the sum over ranks, added in rank order (the same bits everywhere).
    public func sum(_ values: UnsafeMutableBufferPointer<Float>) {
        guard let mpi, values.count > 0 else { return }
        let chunk = min(1 << 20, values.count)
        var gathered = [Float](repeating: 0, count: rank == 0 ? chunk * size : 0)
        for start in stride(from: 0, to: values.count, by: chunk) {
            let n = min(chunk, values.count - start)
            let part = UnsafeMutableBufferPointer(rebasing: values[start..<start + n])
            gathered.withUnsafeMutableBufferPointer { all in
                _ = mpi.gather(part.baseAddress, Int32(n), mpi.float, all.baseAddress, Int32(n), mpi.float, 0, mpi.world)
                if rank == 0 {
                    for i in 0..<n {
                        var total = all[i]
                        for r in 1..<size { total += all[r * n + i] }
                        part[i] = total
                    }
                }
            }
            _ = mpi.bcast(part.baseAddress, Int32(n), mpi.float, 0, mpi.world)
        }
    }

    /// The sum over ranks of each of `values`, added in rank order.
    public func sum(_ values: [Double]) throws -> [Double] {
        guard isDistributed else { return values }
        let all = try allGather(values)
        return values.indices.map { i in (0..<size).reduce(0.0) { $0 + all[$1 * values.count + i] } }
    }

    /// The largest of every rank's `value`.
    public func maximum(_ value: Double) throws -> Double {
        guard isDistributed else { return value }
        return try allGather([value]).max()!
    }

    /// Waits until every rank gets here.
    public func barrier() {
        guard let mpi else { return }
        _ = mpi.barrier(mpi.world)
    }

    /// Ends every rank of the job after `message` (which names this rank) went to standard error.
    public func abort(_ message: String) -> Never {
        FileHandle.standardError.write(Data("rank \(rank) of \(size): \(message)\n".utf8))
        if let mpi { _ = mpi.abort(mpi.world, 1) }
        exit(1)
    }

    private func finish() {
        guard let mpi, !finished else { return }
        finished = true
        _ = mpi.finalize()
    }
}
