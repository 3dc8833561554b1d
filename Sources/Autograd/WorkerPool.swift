// The threads behind `Parallel`: one persistent worker per extra thread, which spins for a short while
// after each job before sleeping. Decoding issues a parallel product every few microseconds; waking a
// sleeping Dispatch worker for each cost more than the product saved (tiny batch-8 decoding ran slower
// on 2 threads than on 1), while a worker still spinning picks the next job up at once.
import Foundation
import Synchronization

/// Runs `body(worker)` for workers 0..<n at once (the caller is worker 0), one job at a time.
final class WorkerPool: @unchecked Sendable {
    static let shared = WorkerPool()

    /// Job counter × 256 + the job's worker count, published after the job is stored; workers remember
    /// the last value they saw. Both in one word: a worker left out of a job never reads job state the
    /// caller may already be rewriting for the next one.
    private let generation = Atomic<Int>(0)
    /// Workers still running the current job.
    private let remaining = Atomic<Int>(0)
    /// Held while a job runs: a nested or concurrent call runs its loop inline instead.
    private let busy = Atomic<Bool>(false)
    /// Workers between spinning and sleeping on `wake`.
    private let sleepers = Atomic<Int>(0)
    private let wake = NSCondition()
    private var job: ((Int) -> Void)?
    private var started = 0

    /// Busy-wait iterations before a waiting thread starts yielding its core (to a descheduled worker,
    /// or another process, when cores are oversubscribed), and yields before an idle worker sleeps:
    /// together about the serial work between two products of a decoding step.
    private static let spinLimit = 50_000, yieldLimit = 2_000

    /// Runs `body` on `n` workers; returns false (running nothing) when a job is already in progress
    /// or `n` exceeds the 255 workers a job can name.
    func run(_ n: Int, _ body: (Int) -> Void) -> Bool {
        guard n <= 255, busy.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else { return false }
        defer { busy.store(false, ordering: .releasing) }
        while started < n - 1 { startWorker(index: started + 1) }
        withoutActuallyEscaping(body) { body in
            job = body
            remaining.store(n - 1, ordering: .relaxed)
            let next = (generation.load(ordering: .relaxed) / 256 + 1) * 256 + n
            generation.store(next, ordering: .sequentiallyConsistent)
            if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
                wake.lock()
                wake.broadcast()
                wake.unlock()
            }
            body(0)
            var spins = 0
            while remaining.load(ordering: .acquiring) > 0 {
                spins += 1
                if spins > Self.spinLimit { sched_yield() }
            }
            job = nil
        }
        return true
    }

    /// Calls the job in a frame of its own, so this worker holds no reference to the caller's
    /// non-escaping closure once it reports the job done.
    @inline(never) private func runJob(_ index: Int) { job?(index) }

    private func startWorker(index: Int) {
        started += 1
        let seen = generation.load(ordering: .acquiring)
        let thread = Thread { [self] in work(index: index, seen: seen) }
        thread.stackSize = 8 << 20
        thread.start()
    }

    private func work(index: Int, seen start: Int) {
        var seen = start
        while true {
            var spins = 0
            var current = generation.load(ordering: .acquiring)
            while current == seen {
                spins += 1
                if spins > Self.spinLimit { sched_yield() }
                if spins >= Self.spinLimit + Self.yieldLimit {
                    sleepers.add(1, ordering: .sequentiallyConsistent)
                    wake.lock()
                    while generation.load(ordering: .sequentiallyConsistent) == seen { wake.wait() }
                    wake.unlock()
                    sleepers.subtract(1, ordering: .sequentiallyConsistent)
                    spins = 0
                }
                current = generation.load(ordering: .acquiring)
            }
            seen = current
            if index < current % 256 {
                runJob(index)
                remaining.subtract(1, ordering: .releasing)
            }
        }
    }
}
