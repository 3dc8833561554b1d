// The parallel loops under load: jobs of every worker count back to back (workers left out of one job
// must not run the next one twice), nested loops, and each index visited exactly once.
import Autograd
import Testing

@Suite(.serialized) struct ParallelTests {
    @Test func everyIndexRunsExactlyOnce() {
        Runtime.configure(threads: 4)
        defer { Runtime.configure(threads: nil) }
        let visits = UnsafeMutableBufferPointer<Int32>.allocate(capacity: 4096)
        defer { visits.deallocate() }
        let box = UnsafeSendable(visits)
        for round in 0..<3000 {
            // 1 to 64 chunks, so jobs use 1, 2, 3 or 4 workers in a shifting pattern.
            let count = 1 + (round * 37) % 4096, grain = max(1, count / (1 + round % 64))
            visits.update(repeating: 0)
            Parallel.forEachChunk(count, grain: grain) { range in
                for i in range { box.value[i] += 1 }
            }
            #expect(visits[0..<count].allSatisfy { $0 == 1 }, "round \(round): count \(count), grain \(grain)")
            #expect(visits[count...].allSatisfy { $0 == 0 })
        }
    }

    @Test func nestedLoopsRunInline() {
        Runtime.configure(threads: 2)
        defer { Runtime.configure(threads: nil) }
        let sums = UnsafeMutableBufferPointer<Int>.allocate(capacity: 8)
        defer { sums.deallocate() }
        sums.update(repeating: 0)
        let box = UnsafeSendable(sums)
        Parallel.forEachTask(8) { task in
            Parallel.forEachChunk(1000, grain: 10) { range in
                for i in range { box.value[task] += i }
            }
        }
        #expect(Array(sums) == Array(repeating: 499_500, count: 8))
    }
}
