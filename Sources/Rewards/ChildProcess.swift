// Runs one command as a child in its own process group with posix_spawn, feeding stdin from a file and
// reading stdout, stderr and extra pipes through poll() with a wall-clock deadline and output caps.
// Foundation's Process cannot set a process group, close inherited descriptors or cap output.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

// glibc has both, but Swift's Glibc module does not export these _GNU_SOURCE declarations.
@_silgen_name("pipe2") private func pipe2(_ fds: UnsafeMutablePointer<Int32>, _ flags: Int32) -> Int32
@_silgen_name("posix_spawn_file_actions_addclosefrom_np")
private func spawnActionsCloseFrom(
    _ actions: UnsafeMutablePointer<posix_spawn_file_actions_t>,
    _ from: Int32
) -> Int32

/// What a finished child left behind.
struct ChildOutcome {
    /// Exit code, or nil when killed by a signal.
    var exitCode: Int32?
    /// The signal that ended it, if any.
    var signal: Int32?
    /// Captured standard output (capped).
    var stdout: Data
    /// Captured standard error (capped; drained past the cap so the child never blocks on it).
    var stderr: Data
    /// Everything read from each extra pipe, by the child-side descriptor number.
    var extra: [Int32: Data]
    /// Killed at the wall-clock deadline.
    var timedOut: Bool
    /// Killed because stdout passed its cap.
    var outputLimitHit: Bool
}

/// A child process with piped output, run to completion.
struct ChildProcess {
    var arguments: [String]
    var environment: [String: String]
    /// File to read as standard input (nil: /dev/null).
    var stdinPath: String?
    /// Data written to a pipe that the child reads on the given descriptor, then closed (a nonce, say).
    var inputPipes: [Int32: Data] = [:]
    /// Descriptors on which the child writes to us.
    var outputPipes: [Int32] = []
    var timeout: Double
    var stdoutLimit = 1 << 20
    var stderrLimit = 64 << 10
    /// Called when the child is killed and after it ends, to kill what escaped its group (a cgroup's members).
    var onKill: (@Sendable () -> Void)?

    /// A child that dies before reading its input must not take us down with SIGPIPE.
    private static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    func run() throws -> ChildOutcome {
        _ = Self.ignoreBrokenPipes
        var pipes: [(child: Int32, read: Int32, write: Int32)] = []
        defer {
            for p in pipes {
                close(p.read)
                close(p.write)
            }
        }
        func makePipe(_ childFd: Int32) throws {
            var fds: [Int32] = [0, 0]
            guard pipe2(&fds, O_CLOEXEC) == 0 else { throw RewardError.infrastructure("pipe failed: errno \(errno)") }
            pipes.append((childFd, fds[0], fds[1]))
        }
        try makePipe(1)
        try makePipe(2)
        for fd in inputPipes.keys.sorted() { try makePipe(fd) }
        for fd in outputPipes { try makePipe(fd) }
        let pid = try spawn(pipes)
        // Our copies of the child's ends must close, or we never see end-of-file.
        for (index, p) in pipes.enumerated() {
            if inputPipes[p.child] != nil {
                close(p.read)
                pipes[index].read = -1
            } else {
                close(p.write)
                pipes[index].write = -1
            }
        }
        // Input goes out as the child reads it (poll below), so a large one never blocks us on a full pipe.
        var pending: [Int32: Data] = [:]
        for p in pipes where inputPipes[p.child] != nil {
            _ = fcntl(p.write, F_SETFL, fcntl(p.write, F_GETFL) | O_NONBLOCK)
            pending[p.write] = inputPipes[p.child]
        }
        var outcome = ChildOutcome(
            exitCode: nil, signal: nil, stdout: Data(), stderr: Data(), extra: [:],
            timedOut: false, outputLimitHit: false)
        collect(pid: pid, pipes: &pipes, pending: &pending, into: &outcome)
        return outcome
    }

    private func spawn(_ pipes: [(child: Int32, read: Int32, write: Int32)]) throws -> pid_t {
        var actions = posix_spawn_file_actions_t()
        var attributes = posix_spawnattr_t()
        posix_spawn_file_actions_init(&actions)
        posix_spawnattr_init(&attributes)
        defer {
            posix_spawn_file_actions_destroy(&actions)
            posix_spawnattr_destroy(&attributes)
        }
        posix_spawn_file_actions_addopen(&actions, 0, stdinPath ?? "/dev/null", O_RDONLY, 0)
        for p in pipes {
            posix_spawn_file_actions_adddup2(&actions, inputPipes[p.child] != nil ? p.read : p.write, p.child)
        }
        let highest = pipes.map(\.child).max() ?? 2
        _ = spawnActionsCloseFrom(&actions, highest + 1)
        // Own process group (killed as one), default signal handling, nothing blocked.
        posix_spawnattr_setflags(
            &attributes, Int16(POSIX_SPAWN_SETPGROUP | POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        posix_spawnattr_setpgroup(&attributes, 0)
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)

        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer { for p in argv + envp { free(p) } }
        var pid: pid_t = 0
        let status = posix_spawn(&pid, arguments[0], &actions, &attributes, argv, envp)
        guard status == 0 else {
            throw RewardError.infrastructure("cannot start \(arguments[0]): \(String(cString: strerror(status)))")
        }
        return pid
    }

    private func collect(
        pid: pid_t, pipes: inout [(child: Int32, read: Int32, write: Int32)], pending: inout [Int32: Data],
        into outcome: inout ChildOutcome
    ) {
        let deadline = Date().addingTimeInterval(timeout)
        var open = pipes.filter { $0.read >= 0 }
        var buffer = [UInt8](repeating: 0, count: 65536)
        var killed = false
        // Writes what an input pipe takes now; once done (or broken) it is closed, which the child reads as its end.
        func feed(_ fd: Int32) {
            guard let data = pending[fd] else { return }
            let n = data.withUnsafeBytes { write(fd, $0.baseAddress, data.count) }
            if n < 0 && (errno == EAGAIN || errno == EINTR) { return }
            if n < 0 || n == data.count {
                pending[fd] = nil
                close(fd)
                if let index = pipes.firstIndex(where: { $0.write == fd }) { pipes[index].write = -1 }
            } else {
                pending[fd] = data.dropFirst(n)
            }
        }
        func kill() {
            if !killed {
                killpg(pid, SIGKILL)
                Glibc.kill(pid, SIGKILL)
                onKill?()
            }
            killed = true
        }
        while !open.isEmpty {
            let remaining = deadline.timeIntervalSinceNow
            if remaining <= 0 && !killed {
                outcome.timedOut = true
                kill()
            }
            let writers = pending.keys.sorted()
            var fds =
                open.map { pollfd(fd: $0.read, events: Int16(POLLIN), revents: 0) }
                + writers.map { pollfd(fd: $0, events: Int16(POLLOUT), revents: 0) }
            let ready = poll(&fds, nfds_t(fds.count), killed ? 1000 : Int32(max(1, min(remaining, 1) * 1000)))
            if ready < 0 && errno != EINTR { break }
            if ready == 0 && killed { break }  // a grandchild holds a pipe open after the kill: stop waiting
            for fd in fds[open.count...] where fd.revents != 0 { feed(fd.fd) }
            var closed: Set<Int32> = []
            for (i, fd) in fds[..<open.count].enumerated() where fd.revents != 0 {
                let n = read(fd.fd, &buffer, buffer.count)
                if n <= 0 {
                    closed.insert(fd.fd)
                    continue
                }
                let chunk = Data(buffer[0..<n])
                switch open[i].child {
                case 1:
                    if outcome.stdout.count + n > stdoutLimit {
                        outcome.stdout.append(chunk.prefix(stdoutLimit - outcome.stdout.count))
                        outcome.outputLimitHit = true
                        kill()
                    } else {
                        outcome.stdout.append(chunk)
                    }
                case 2:
                    // Drained past the cap so a chatty stderr never blocks the program, but not kept.
                    if outcome.stderr.count < stderrLimit {
                        outcome.stderr.append(chunk.prefix(stderrLimit - outcome.stderr.count))
                    }
                default:
                    if outcome.extra[open[i].child, default: Data()].count < stdoutLimit {
                        outcome.extra[open[i].child, default: Data()].append(chunk)
                    }
                }
            }
            open.removeAll { closed.contains($0.read) }
        }
        // Output closed: the child may still be running (it closed stdout); it gets the rest of its time.
        // Exit is detected without reaping (WNOWAIT), so the group id cannot be reused before killpg below.
        while !killed {
            var info = siginfo_t()
            let result = waitid(P_PID, id_t(pid), &info, WEXITED | WNOHANG | WNOWAIT)
            if result < 0 && errno != EINTR { break }
            if result == 0 && info._sifields._sigchld.si_pid == pid { break }
            if deadline.timeIntervalSinceNow <= 0 {
                outcome.timedOut = true
                kill()
                break
            }
            usleep(500)
        }
        // The group goes in every case: a child's background processes must not outlive the run.
        killpg(pid, SIGKILL)
        onKill?()
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        if status & 0x7f == 0 { outcome.exitCode = (status >> 8) & 0xff } else { outcome.signal = status & 0x7f }
    }
}
