// The one door to cblas_sgemm: checks every dimension before BLAS sees it (a wrong leading dimension
// would crash or read garbage inside BLAS) and counts the time spent there for `grpo bench`. OpenBLAS
// runs single-threaded; large products are cut into one block of rows (or columns) per thread of ours,
// which measured 7–10% faster on the tiny train step than OpenBLAS's own threads (whose hand-offs spend
// ~10% of the step in sched_yield), and leaves no process-wide thread setting to toggle.
import COpenBLAS
import Foundation
import Synchronization

/// Row-major single-precision GEMM through OpenBLAS, with time accounting.
public enum BLAS {
    private static let nanos = Atomic<UInt64>(0)
    private static let flops = Atomic<UInt64>(0)
    /// Whether sgemm calls are timed (on during benchmarks).
    nonisolated(unsafe) public static var profiling = false
    /// Threads running sgemm side by side (set around parallel regions), so their time counts as wall time.
    nonisolated(unsafe) static var concurrentCallers: UInt64 = 1

    /// Wall-clock seconds spent in sgemm since the last reset (only while `profiling`).
    public static var seconds: Double { Double(nanos.load(ordering: .relaxed)) / 1e9 }
    /// Floating-point operations issued to sgemm since the last reset (only while `profiling`).
    public static var flopCount: Double { Double(flops.load(ordering: .relaxed)) }

    /// One sgemm call's shape, as recorded while `recording` is on.
    public struct Call: Hashable, Sendable {
        public let transA: Bool, transB: Bool, m: Int, n: Int, k: Int
        /// Whether it ran single-threaded beside other calls (attention heads).
        public let concurrent: Bool
    }
    nonisolated(unsafe) private static var recorded: [Call: Int] = [:]
    private static let recordLock = Mutex(())
    /// Whether sgemm calls record their shapes (benchmarks replay them in isolation).
    nonisolated(unsafe) public static var recording = false

    /// Shapes recorded since the last reset, with how often each ran.
    public static var recordedCalls: [Call: Int] { recordLock.withLock { _ in recorded } }

    @inline(__always)
    private static func call(_ transA: Bool, _ transB: Bool, _ m: Int, _ n: Int, _ k: Int, _ alpha: Float,
                             _ a: UnsafePointer<Float>, _ lda: Int, _ b: UnsafePointer<Float>, _ ldb: Int, _ beta: Float,
                             _ c: UnsafeMutablePointer<Float>, _ ldc: Int) {
        cblas_sgemm(CblasRowMajor, transA ? CblasTrans : CblasNoTrans, transB ? CblasTrans : CblasNoTrans,
                    Int32(m), Int32(n), Int32(k), alpha, a, Int32(lda), b, Int32(ldb), beta, c, Int32(ldc))
    }

    /// Zeroes the time and flop counters and forgets recorded shapes.
    public static func resetCounters() {
        nanos.store(0, ordering: .relaxed)
        flops.store(0, ordering: .relaxed)
        recordLock.withLock { _ in recorded = [:] }
    }

    /// C (M×N) = alpha · op(A) · op(B) + beta · C, row-major; op(X) is X or Xᵀ.
    @inline(__always)
    static func sgemm(transA: Bool, transB: Bool, m: Int, n: Int, k: Int, alpha: Float,
                      a: UnsafePointer<Float>, lda: Int, b: UnsafePointer<Float>, ldb: Int,
                      beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int) {
        precondition(m >= 0 && n >= 0 && k >= 0 && lda >= max(1, transA ? m : k)
                     && ldb >= max(1, transB ? k : n) && ldc >= max(1, n),
                     "sgemm: bad dimensions m=\(m) n=\(n) k=\(k) lda=\(lda) ldb=\(ldb) ldc=\(ldc)")
        if m == 0 || n == 0 { return }
        if k == 0 {
            for i in 0..<m { for j in 0..<n { c[i * ldc + j] = beta == 0 ? 0 : c[i * ldc + j] * beta } }
            return
        }
        if recording {
            let call = Call(transA: transA, transB: transB, m: m, n: n, k: k, concurrent: concurrentCallers > 1)
            recordLock.withLock { _ in recorded[call, default: 0] += 1 }
        }
        let start = profiling ? DispatchTime.now().uptimeNanoseconds : 0
        let threads = concurrentCallers == 1 ? Runtime.threads : 1
        if threads > 1 && m * n * k >= 1 << 20 && max(m, n) >= 32 * threads {
            let (pa, pb, pc) = (UnsafeSendable(a), UnsafeSendable(b), UnsafeSendable(c))
            let byRows = m >= n
            let per = ((byRows ? m : n) + threads - 1) / threads
            Parallel.forEachTask(threads) { i in
                let lo = i * per, count = min(byRows ? m : n, lo + per) - lo
                guard count > 0 else { return }
                if byRows {
                    call(transA, transB, count, n, k, alpha, pa.value + (transA ? lo : lo * lda), lda, pb.value, ldb,
                         beta, pc.value + lo * ldc, ldc)
                } else {
                    call(transA, transB, m, count, k, alpha, pa.value, lda, pb.value + (transB ? lo * ldb : lo), ldb,
                         beta, pc.value + lo, ldc)
                }
            }
        } else {
            call(transA, transB, m, n, k, alpha, a, lda, b, ldb, beta, c, ldc)
        }
        if profiling {
            nanos.add((DispatchTime.now().uptimeNanoseconds - start) / concurrentCallers, ordering: .relaxed)
            flops.add(UInt64(2 * m * n * k), ordering: .relaxed)
        }
    }
}
