// Process-wide compute settings: how many threads OpenBLAS and our own parallel loops use, and which
// OpenBLAS kernels are loaded. Thread count is part of reproducibility: same seed and same count give
// bit-identical results. Tensor computations are not re-entrant across threads: run one at a time per
// process (attention marks its parallel region process-wide so sgemm does not split inside it).
import CBLASBootstrap
import COpenBLAS
import Foundation

/// Compute runtime: thread count shared by OpenBLAS and `Parallel`, and BLAS diagnostics.
public enum Runtime {
    nonisolated(unsafe) private static var configuredThreads = 0

    /// Threads used by BLAS and by our kernels (set by `--threads` / `GRPO_THREADS`, default: all cores).
    public static var threads: Int {
        if configuredThreads == 0 { configure(threads: nil) }
        return configuredThreads
    }

    /// Sets the thread count for OpenBLAS and our loops; `nil` reads `GRPO_THREADS`, else uses every core.
    public static func configure(threads requested: Int?) {
        var n = requested ?? 0
        if n <= 0, let env = ProcessInfo.processInfo.environment["GRPO_THREADS"], let v = Int(env) { n = v }
        if n <= 0 { n = ProcessInfo.processInfo.activeProcessorCount }
        configuredThreads = max(1, n)
        // OpenBLAS stays single-threaded: BLAS.sgemm splits large products over our threads itself.
        openblas_set_num_threads(1)
        grpo_keep_freed_memory()
    }

    /// The OpenBLAS kernel family in use, e.g. "Haswell" or "SkylakeX".
    public static var blasCoreName: String {
        guard let name = openblas_get_corename() else { return "unknown" }
        return String(cString: name)
    }

    /// The kernel of the decoding products (batch rows × weights): "avx512 4x4" or "avx2 2x4".
    public static var decodeKernel: String { SkinnyGemm.kernelName }

    /// Where the core type came from: "openblas" (its own detection), "environment", or "grpo" (we set it).
    public static var blasCoreSource: String {
        switch grpo_blas_coretype_source() {
        case 1: return "environment"
        case 2: return "grpo"
        default: return "openblas"
        }
    }

    /// The OpenBLAS build description (version, threading model).
    public static var blasConfig: String {
        guard let config = openblas_get_config() else { return "unknown" }
        return String(cString: config)
    }
}
