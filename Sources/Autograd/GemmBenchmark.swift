// sgemm speed at given shapes, measured the way the engine calls it: plain calls on all BLAS threads,
// or single-threaded calls side by side on our threads (as attention runs them).
import COpenBLAS
import Dispatch

/// Measures sgemm throughput for benchmark reports.
public enum GemmBenchmark {
    /// GFLOP/s of C = op(A)·op(B) at one shape, best of `repeats` after a warm-up.
    public static func gflops(transA: Bool = false, transB: Bool = false, m: Int, n: Int, k: Int,
                              repeats: Int = 5) -> Double {
        let seconds = time(BLAS.Call(transA: transA, transB: transB, m: m, n: n, k: k, concurrent: false),
                           times: 1, repeats: repeats)
        return 2 * Double(m) * Double(n) * Double(k) / seconds / 1e9
    }

    /// GFLOP/s of a recorded mix of calls replayed in isolation (each shape as often as it ran).
    public static func gflops(replaying calls: [BLAS.Call: Int], repeats: Int = 3) -> Double {
        var seconds = 0.0, flops = 0.0
        for (call, count) in calls {
            seconds += time(call, times: count, repeats: repeats)
            flops += 2 * Double(call.m) * Double(call.n) * Double(call.k) * Double(count)
        }
        return flops / seconds / 1e9
    }

    /// Best wall time over `repeats` of running `call` `times` times.
    static func time(_ call: BLAS.Call, times: Int, repeats: Int) -> Double {
        let workers = call.concurrent ? Runtime.threads : 1
        let a = Tensor.full([workers, call.m * call.k], 0.5), b = Tensor.full([workers, call.k * call.n], 0.25)
        let c = Tensor.zeros([workers, call.m * call.n])
        let lda = call.transA ? call.m : call.k, ldb = call.transB ? call.k : call.n
        let (pa, pb, pc) = (UnsafeSendable(a.data), UnsafeSendable(b.data), UnsafeSendable(c.data))
        func run(_ worker: Int) {
            BLAS.sgemm(transA: call.transA, transB: call.transB, m: call.m, n: call.n, k: call.k, alpha: 1,
                       a: pa.value + worker * call.m * call.k, lda: lda, b: pb.value + worker * call.k * call.n,
                       ldb: ldb, beta: 0, c: pc.value + worker * call.m * call.n, ldc: call.n)
        }
        var best = Double.infinity
        for rep in 0...repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            if call.concurrent {
                // The same number of calls, spread over the workers as attention spreads its heads.
                AttentionKernel.tasks(times) { run($0 % workers) }
            } else {
                for _ in 0..<times { run(0) }
            }
            let elapsed = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if rep > 0 { best = min(best, elapsed) }
        }
        return best
    }
}
