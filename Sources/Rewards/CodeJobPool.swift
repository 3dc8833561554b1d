// One sandbox run per job, spread over a fixed number of worker threads. Runs block on poll() and
// waitpid(), so they live on their own threads rather than Swift's cooperative pool (2 threads here).
import Foundation

/// One sandbox run: a stdin/stdout case, or a whole assert test file.
struct CodeJob: Sendable {
    enum Kind: Sendable {
        case stdio(String, String)
        /// Test code, and the entry point that `check(candidate)` tests call.
        case assert(String, entryPoint: String?)
    }

    var item: Int
    var program: Data
    var kind: Kind
}

/// What one job contributed.
struct CodeJobResult: Sendable {
    var passed = 0
    var total = 0
    var statuses: [String] = []
    var infrastructureError: String?
}

/// Runs jobs on `workers` threads and returns their results in order.
struct CodeJobPool {
    let sandbox: CodeSandbox
    let workers: Int
    let command: [String]
    let sourceFile: String

    func run(_ jobs: [CodeJob]) async -> [CodeJobResult] {
        guard !jobs.isEmpty else { return [] }
        let box = ResultBox(count: jobs.count)
        return await withCheckedContinuation { continuation in
            let group = DispatchGroup()
            for _ in 0..<min(workers, jobs.count) {
                group.enter()
                Thread {
                    while let index = box.claim() { box.store(index, self.execute(jobs[index])) }
                    group.leave()
                }.start()
            }
            group.notify(queue: .global()) {
                self.sandbox.drain()
                continuation.resume(returning: box.results)
            }
        }
    }

    private func execute(_ job: CodeJob) -> CodeJobResult {
        do {
            switch job.kind {
            case .stdio(let input, let expected):
                let outcome = try sandbox.run(
                    files: [sourceFile: job.program],
                    command: command.map { $0.replacingOccurrences(of: "{source}", with: "{code}/\(sourceFile)") },
                    stdin: Data(input.utf8))
                let status = Self.status(outcome, matched: outputMatches(outcome.stdout, expected: expected))
                return CodeJobResult(passed: status == "pass" ? 1 : 0, total: 1, statuses: [status])
            case .assert(let tests, let entryPoint):
                return try runAssert(job.program, tests, entryPoint: entryPoint)
            }
        } catch {
            return CodeJobResult(infrastructureError: "\(error)")
        }
    }

    static func status(_ outcome: SandboxOutcome, matched: Bool) -> String {
        if outcome.timedOut { return "timeout" }
        if outcome.outputLimitHit { return "output_limit" }
        if outcome.memoryLimitHit && outcome.exitCode != 0 { return "memory_limit" }
        if let signal = outcome.signal { return "killed_by_signal_\(signal)" }
        if outcome.exitCode != 0 { return "runtime_error_exit_\(outcome.exitCode ?? -1)" }
        return matched ? "pass" : "wrong_answer"
    }

    private func runAssert(_ program: Data, _ tests: String, entryPoint: String?) throws -> CodeJobResult {
        let nonce = (0..<4).map { _ in String(UInt64.random(in: .min ... .max), radix: 16) }.joined()
        let outcome = try sandbox.run(
            files: ["main.py": program, "harness.py": Data(AssertHarness.source.utf8)],
            command: ["/usr/bin/python3", "-I", "-S", "{code}/harness.py", "{code}/main.py"]
                + (entryPoint.map { [$0] } ?? []),
            inputPipes: [3: Data((nonce + "\n").utf8), 5: Data(tests.utf8)], outputPipes: [4])
        // Only lines carrying the nonce count: the program can write to descriptor 4 but cannot know it.
        var total: Int?
        var passed = Set<Int>()
        var finished = false
        var missing: String?
        for line in String(decoding: outcome.extra[4] ?? Data(), as: UTF8.self).split(separator: "\n") {
            let words = line.split(separator: " ")
            guard words.count >= 3, words[0] == nonce else { continue }
            switch (words[1], words.count) {
            case ("cases", 3): total = Int(words[2])
            case ("case", 4): if words[3] == "pass", let index = Int(words[2]) { passed.insert(index) }
            case ("end", 3): finished = true
            case ("missing", 3): missing = String(words[2])
            default: break
            }
        }
        guard let total else {
            let why = String(decoding: outcome.stderr.suffix(300), as: UTF8.self)
            return CodeJobResult(passed: 0, total: 1, statuses: ["harness_failed: " + why])
        }
        let ended = finished ? "finished" : Self.status(outcome, matched: false)
        let status = missing.map { "missing_entry_point: \($0)" } ?? ended
        return CodeJobResult(passed: passed.count, total: total, statuses: [status])
    }
}

/// Job results filled in by worker threads.
private final class ResultBox: @unchecked Sendable {
    private let lock = NSLock()
    private var next = 0
    private var stored: [CodeJobResult]

    init(count: Int) { stored = Array(repeating: CodeJobResult(), count: count) }

    func claim() -> Int? {
        lock.lock()
        defer { lock.unlock() }
        guard next < stored.count else { return nil }
        next += 1
        return next - 1
    }

    func store(_ index: Int, _ result: CodeJobResult) {
        lock.lock()
        stored[index] = result
        lock.unlock()
    }

    var results: [CodeJobResult] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
