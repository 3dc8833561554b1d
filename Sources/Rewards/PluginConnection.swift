// A long-lived plugin process spoken to in JSON lines: one request line in, one response line out.
// It is started on first use, kept across batches, and restarted after a crash, a timeout or a bad line.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Why a plugin exchange failed; the message says what to fix.
struct PluginFailure: Error, CustomStringConvertible {
    var description: String
}

/// One plugin process and the exchange of lines with it.
actor PluginConnection {
    let command: [String]
    private var process: Process?
    private var input: FileHandle?
    private var lines: LineReader?
    private var stderrTail: LineReader?
    /// How many times the process was (re)started.
    private(set) var starts = 0
    /// One exchange at a time: the actor is re-entered while a call awaits its response, and a plugin
    /// answers requests in order, so a second caller waits here for its turn.
    private var exchanging = false
    private var turns: [CheckedContinuation<Void, Never>] = []

    init(command: [String]) {
        self.command = command
        // A plugin that dies mid-write must not take the trainer with it.
        signal(SIGPIPE, SIG_IGN)
    }

    /// Sends one request line and waits up to `timeout` seconds for the response line.
    func exchange(_ request: String, timeout: Double) async throws -> String {
        if exchanging {
            await withCheckedContinuation { turns.append($0) }
        } else {
            exchanging = true
        }
        defer {
            if turns.isEmpty { exchanging = false } else { turns.removeFirst().resume() }
        }
        if process?.isRunning != true { try start() }
        guard let input, let lines else { throw PluginFailure(description: "plugin not running") }
        do {
            try input.write(contentsOf: Data((request + "\n").utf8))
        } catch {
            throw failure("could not write the request (plugin exited?)")
        }
        switch await lines.next(timeout: timeout) {
        case .line(let line): return line
        case .timedOut: throw failure("no response within \(timeout) s")
        case .closed:
            // Output closed: the process is exiting; a moment's wait lets the error carry its exit status.
            for _ in 0..<100 where process?.isRunning == true { try? await Task.sleep(nanoseconds: 5_000_000) }
            throw failure("exited without a response")
        }
    }

    /// Stops the process; the next exchange starts a fresh one.
    func restart() { stop() }

    private func failure(_ what: String) -> PluginFailure {
        let status = process.map { $0.isRunning ? "" : " (exit status \($0.terminationStatus))" } ?? ""
        let tail = stderrTail?.recent.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
        stop()
        return PluginFailure(
            description: "plugin \(command.joined(separator: " ")): \(what)\(status)"
                + (tail.isEmpty ? "" : "; its stderr ends: \(tail.suffix(400))"))
    }

    private func start() throws {
        stop()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: command[0])
        process.arguments = Array(command.dropFirst())
        let stdin = Pipe()
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardInput = stdin
        process.standardOutput = stdout
        process.standardError = stderr
        do { try process.run() } catch {
            throw PluginFailure(
                description: "cannot start plugin \(command.joined(separator: " ")): \(error.localizedDescription)")
        }
        starts += 1
        self.process = process
        input = stdin.fileHandleForWriting
        lines = LineReader(stdout.fileHandleForReading)
        stderrTail = LineReader(stderr.fileHandleForReading, keepTail: true)
    }

    private func stop() {
        if let process, process.isRunning {
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? input?.close()
        process = nil
        input = nil
        lines = nil
        stderrTail = nil
    }

    deinit {
        if let process, process.isRunning { kill(process.processIdentifier, SIGKILL) }
    }
}

/// Reads lines from a pipe on its own thread and hands them to waiters, with a timeout.
final class LineReader: @unchecked Sendable {
    enum Next {
        case line(String)
        case timedOut, closed
    }

    private let lock = NSLock()
    private var queue: [String] = []
    private var closed = false
    private var waiter: (id: Int, continuation: CheckedContinuation<Next, Never>)?
    private var waits = 0
    private var tail = ""
    private let keepTail: Bool

    init(_ handle: FileHandle, keepTail: Bool = false) {
        self.keepTail = keepTail
        Thread { [self] in
            var pending = Data()
            while true {
                let chunk = handle.availableData
                if chunk.isEmpty { break }
                pending.append(chunk)
                while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                    deliver(String(decoding: pending[pending.startIndex..<newline], as: UTF8.self))
                    pending = Data(pending[(newline + 1)...])
                }
            }
            if !pending.isEmpty { deliver(String(decoding: pending, as: UTF8.self)) }
            finish()
        }.start()
    }

    /// The last few hundred characters seen (for stderr).
    var recent: String {
        lock.lock()
        defer { lock.unlock() }
        return tail
    }

    func next(timeout: Double) async -> Next {
        await withCheckedContinuation { continuation in
            lock.lock()
            if !queue.isEmpty {
                let line = queue.removeFirst()
                lock.unlock()
                continuation.resume(returning: .line(line))
                return
            }
            if closed {
                lock.unlock()
                continuation.resume(returning: .closed)
                return
            }
            waits += 1
            let id = waits
            waiter = (id, continuation)
            lock.unlock()
            DispatchQueue.global().asyncAfter(deadline: .now() + timeout) { [self] in resolve(id: id, with: .timedOut) }
        }
    }

    private func deliver(_ line: String) {
        lock.lock()
        if keepTail {
            tail = String((tail + line + "\n").suffix(600))
            lock.unlock()
            return
        }
        if let waiter {
            self.waiter = nil
            lock.unlock()
            waiter.continuation.resume(returning: .line(line))
            return
        }
        queue.append(line)
        lock.unlock()
    }

    private func finish() {
        lock.lock()
        closed = true
        let waiting = waiter
        waiter = nil
        lock.unlock()
        waiting?.continuation.resume(returning: .closed)
    }

    private func resolve(id: Int, with value: Next) {
        lock.lock()
        guard let waiter, waiter.id == id else {
            lock.unlock()
            return
        }
        self.waiter = nil
        lock.unlock()
        waiter.continuation.resume(returning: value)
    }
}
