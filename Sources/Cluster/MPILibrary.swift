// Open MPI, loaded at run time: the binary builds and runs without it, and under `mpirun` it opens
// libmpi.so.40 (Debian's `openmpi-bin`), or the file GRPO_MPI_LIBRARY names (a cluster's own Open MPI).
// Open MPI's handles (MPI_COMM_WORLD, MPI_BYTE, …) are the addresses of its exported objects, so dlsym
// finds them as it finds the functions. RTLD_GLOBAL because Open MPI's own plugins resolve symbols of libmpi.
#if canImport(Glibc)
import Glibc
#endif

/// The MPI entry points the trainer uses, resolved from the loaded library.
final class MPILibrary: @unchecked Sendable {
    typealias Handle = UnsafeMutableRawPointer
    typealias InitThread = @convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, Int32, UnsafeMutablePointer<Int32>) -> Int32
    typealias CommQuery = @convention(c) (Handle, UnsafeMutablePointer<Int32>) -> Int32
    typealias Gather = @convention(c) (UnsafeRawPointer?, Int32, Handle, UnsafeMutableRawPointer?, Int32, Handle, Int32, Handle) -> Int32
    typealias Allgather = @convention(c) (UnsafeRawPointer?, Int32, Handle, UnsafeMutableRawPointer?, Int32, Handle, Handle) -> Int32
    typealias Allgatherv = @convention(c) (UnsafeRawPointer?, Int32, Handle, UnsafeMutableRawPointer?, UnsafePointer<Int32>,
                                           UnsafePointer<Int32>, Handle, Handle) -> Int32
    typealias Bcast = @convention(c) (UnsafeMutableRawPointer?, Int32, Handle, Int32, Handle) -> Int32
    typealias Barrier = @convention(c) (Handle) -> Int32
    typealias Abort = @convention(c) (Handle, Int32) -> Int32
    typealias Finalize = @convention(c) () -> Int32

    let world: Handle, byte: Handle, float: Handle, int32: Handle
    let initThread: InitThread, commRank: CommQuery, commSize: CommQuery
    let gather: Gather, allgather: Allgather, allgatherv: Allgatherv, bcast: Bcast, barrier: Barrier
    let abort: Abort, finalize: Finalize

    /// Opens `path` (else Debian's libmpi.so.40 from the loader's path); throws naming what is missing.
    init(path: String?) throws {
        let names = path.map { [$0] } ?? ["libmpi.so.40", "libmpi.so"]
        guard let lib = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_GLOBAL) }).first else {
            let reason = dlerror().map { String(cString: $0) } ?? "not found"
            throw ClusterError("launched by mpirun, but Open MPI's \(names[0]) cannot be loaded (\(reason)); "
                + "apt-get install -y openmpi-bin, or set GRPO_MPI_LIBRARY to the libmpi.so of your Open MPI")
        }
        func symbol(_ name: String) throws -> UnsafeMutableRawPointer {
            guard let p = dlsym(lib, name) else { throw ClusterError("libmpi has no \(name): not Open MPI 4?") }
            return p
        }
        func function<F>(_ name: String, _: F.Type) throws -> F { unsafeBitCast(try symbol(name), to: F.self) }
        world = try symbol("ompi_mpi_comm_world")
        byte = try symbol("ompi_mpi_byte")
        float = try symbol("ompi_mpi_float")
        int32 = try symbol("ompi_mpi_int")
        initThread = try function("MPI_Init_thread", InitThread.self)
        commRank = try function("MPI_Comm_rank", CommQuery.self)
        commSize = try function("MPI_Comm_size", CommQuery.self)
        gather = try function("MPI_Gather", Gather.self)
        allgather = try function("MPI_Allgather", Allgather.self)
        allgatherv = try function("MPI_Allgatherv", Allgatherv.self)
        bcast = try function("MPI_Bcast", Bcast.self)
        barrier = try function("MPI_Barrier", Barrier.self)
        abort = try function("MPI_Abort", Abort.self)
        finalize = try function("MPI_Finalize", Finalize.self)
    }
}

/// A failure to start or use the process group.
public struct ClusterError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}
