// Runs untrusted program text: bubblewrap (no network, no host files, own pid namespace, read-only /usr,
// size-capped tmpfs scratch), as uid 65534 when we are root (bubblewrap started by root keeps real root
// otherwise), under rlimits and a per-run cgroup, killed whole afterwards. Missing isolation is logged loudly.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Resource limits of one sandboxed run.
public struct SandboxLimits: Sendable, Hashable {
    /// CPU seconds per process (RLIMIT_CPU).
    public var cpuSeconds = 5
    /// Wall-clock seconds before the whole tree is killed.
    public var wallSeconds = 10.0
    /// Memory summed over all the program's processes (cgroup), or per process (RLIMIT_AS) without cgroups.
    public var memoryBytes = 256 << 20
    /// Processes and threads (cgroup pids.max, or RLIMIT_NPROC without cgroups).
    public var processes = 64
    /// Largest file the program may write (RLIMIT_FSIZE); also the size of its tmpfs scratch.
    public var fileSizeBytes = 16 << 20
    /// Open descriptors (RLIMIT_NOFILE).
    public var openFiles = 64
    /// Captured stdout; more kills the program.
    public var stdoutBytes = 1 << 20

    /// Default limits.
    public init() {}
}

/// How strongly programs are isolated on this machine.
public enum SandboxIsolation: String, Sendable {
    /// bubblewrap namespaces, an unprivileged uid, rlimits and (where writable) cgroups.
    case bubblewrap
    /// rlimits and a scratch directory only: the program sees the host. Only with `allowUnsandboxed`.
    case none
}

/// The result of one sandboxed run.
public struct SandboxOutcome: Sendable {
    /// Exit code, or nil when killed by a signal.
    public var exitCode: Int32?
    /// Terminating signal, if any.
    public var signal: Int32?
    /// Captured stdout.
    public var stdout: Data
    /// Captured stderr (capped).
    public var stderr: Data
    /// Data the program wrote on extra descriptors.
    public var extra: [Int32: Data]
    /// Killed at the wall-clock limit.
    public var timedOut: Bool
    /// Killed for too much output.
    public var outputLimitHit: Bool
    /// The cgroup memory limit was reached.
    public var memoryLimitHit: Bool
}

/// A configured sandbox; `run` may be called from many threads at once.
public final class CodeSandbox: Sendable {
    /// The limits of every run.
    public let limits: SandboxLimits
    /// The isolation in force.
    public let isolation: SandboxIsolation
    /// Whether per-run cgroups are in use (else memory and process limits are per process).
    public let usesCgroups: Bool
    private let bwrap: String
    private let cgroups: SandboxCgroupPool
    private static let scratchCounter = Counter()
    private static let unprivilegedId = 65534

    /// Checks that the sandbox starts here; throws `infrastructure` if it cannot and `allowUnsandboxed` is false.
    public init(
        limits: SandboxLimits = SandboxLimits(), bwrapPath: String = "/usr/bin/bwrap",
        allowUnsandboxed: Bool = false
    ) throws {
        self.limits = limits
        self.bwrap = bwrapPath
        Self.removeStaleScratch()
        self.usesCgroups = SandboxCgroup.available
        cgroups = SandboxCgroupPool(memoryBytes: limits.memoryBytes, processes: limits.processes)
        if let problem = Self.probe(bwrapPath: bwrapPath, limits: limits) {
            guard allowUnsandboxed else {
                throw RewardError.infrastructure(
                    "code sandbox cannot start: \(problem) (install bubblewrap: scripts/setup.sh)")
            }
            isolation = .none
            RewardLog.warn(
                "WARNING: code_tests runs programs WITHOUT isolation (\(problem)): they can see this machine")
        } else {
            isolation = .bubblewrap
        }
        if !usesCgroups {
            RewardLog.warn(
                "WARNING: code_tests has no writable cgroup v1 memory/pids controllers: limits are per process")
        }
    }

    /// Runs `command` with `files` in a read-only directory that `{code}` in the command names, and a private
    /// writable working directory. Throws `infrastructure` when the sandbox itself fails to start.
    public func run(
        files: [String: Data], command: [String], stdin: Data? = nil, inputPipes: [Int32: Data] = [:],
        outputPipes: [Int32] = []
    ) throws -> SandboxOutcome {
        let scratch = try makeScratch(files: files, stdin: stdin)
        defer { removeScratch(scratch, names: Array(files.keys) + (stdin == nil ? [] : [".stdin"])) }
        _ = OrphanReaper.enable
        let cgroup = usesCgroups ? cgroups.checkout() : nil
        defer { if let cgroup { cgroups.checkin(cgroup) } }
        let statusFd: Int32 = (([2] + inputPipes.keys + outputPipes).max() ?? 2) + 1
        var child = ChildProcess(
            arguments: launcher(cgroup: cgroup) + sandboxArguments(scratch: scratch, statusFd: statusFd)
                + command.map {
                    $0.replacingOccurrences(of: "{code}", with: isolation == .bubblewrap ? "/code" : scratch)
                },
            environment: ["PATH": "/usr/bin:/bin", "LANG": "C.UTF-8", "HOME": "/sandbox"],
            stdinPath: stdin == nil ? nil : scratch + "/.stdin", inputPipes: inputPipes,
            outputPipes: outputPipes + (isolation == .bubblewrap ? [statusFd] : []), timeout: limits.wallSeconds)
        child.stdoutLimit = limits.stdoutBytes
        child.onKill = { cgroup?.killAll() }
        var outcome = try child.run()
        if isolation == .bubblewrap {
            let status = String(decoding: outcome.extra.removeValue(forKey: statusFd) ?? Data(), as: UTF8.self)
            if let sandboxInit = OrphanReaper.childPid(inStatus: status) { OrphanReaper.reap(sandboxInit) }
            guard status.contains("child-pid") || outcome.timedOut else {
                let reason = String(decoding: outcome.stderr, as: UTF8.self).trimmingCharacters(
                    in: .whitespacesAndNewlines)
                throw RewardError.infrastructure(
                    "code sandbox failed to start: \(reason.isEmpty ? "no status from bwrap" : reason)")
            }
        }
        return SandboxOutcome(
            exitCode: outcome.exitCode, signal: outcome.signal, stdout: outcome.stdout,
            stderr: outcome.stderr, extra: outcome.extra, timedOut: outcome.timedOut,
            outputLimitHit: outcome.outputLimitHit, memoryLimitHit: cgroup?.memoryLimitHit ?? false)
    }

    /// Deletes the cgroups kept for reuse between runs: after it, runs have left nothing behind.
    public func drain() { cgroups.drain() }

    /// Deletes scratch directories left by a process of ours that died mid-run (named after its pid, now gone).
    private static func removeStaleScratch() {
        let base = NSTemporaryDirectory()
        for name in (try? FileManager.default.contentsOfDirectory(atPath: base)) ?? []
        where name.hasPrefix("grpo-sandbox-") {
            guard let owner = name.split(separator: "-").dropFirst(2).first.flatMap({ pid_t($0) }),
                kill(owner, 0) != 0 && errno == ESRCH
            else { continue }
            try? FileManager.default.removeItem(atPath: base + "/" + name)
        }
    }

    /// A fresh host directory holding the program's files (mode 0644, owned by us, mounted read-only).
    /// Plain POSIX calls: FileManager took ~5 ms here, a sixth of a trivial program's whole run.
    private func makeScratch(files: [String: Data], stdin: Data?) throws -> String {
        let path = NSTemporaryDirectory() + "/grpo-sandbox-\(getpid())-\(Self.scratchCounter.next())"
        guard mkdir(path, 0o755) == 0 else { throw RewardError.infrastructure("cannot create \(path): errno \(errno)") }
        var all = files
        if let stdin { all[".stdin"] = stdin }
        for (name, data) in all {
            guard !name.contains("/"), name == ".stdin" || !name.hasPrefix(".") else {
                removeScratch(path, names: Array(all.keys))
                throw RewardError.badInput("code_tests: file name \(name) must be a plain name")
            }
            let fd = open(path + "/" + name, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            let written = fd < 0 ? -1 : data.withUnsafeBytes { write(fd, $0.baseAddress, data.count) }
            if fd >= 0 { close(fd) }
            guard written == data.count else {
                removeScratch(path, names: Array(all.keys))
                throw RewardError.infrastructure("cannot write \(path)/\(name)")
            }
        }
        return path
    }

    private func removeScratch(_ path: String, names: [String]) {
        for name in names { unlink(path + "/" + name) }
        rmdir(path)
    }

    /// Joins the cgroup (as root, before anything runs), sets rlimits, then drops to uid 65534.
    private func launcher(cgroup: SandboxCgroup?) -> [String] {
        var argv: [String] = []
        if let cgroup {
            argv += [
                "/bin/sh", "-c",
                "echo $$ > '\(cgroup.memoryPath)/cgroup.procs' && echo $$ > '\(cgroup.pidsPath)/cgroup.procs' && exec \"$@\"",
                "sh",
            ]
        }
        argv += [
            "/usr/bin/prlimit", "--cpu=\(limits.cpuSeconds)", "--fsize=\(limits.fileSizeBytes)",
            "--nofile=\(limits.openFiles)", "--core=0",
        ]
        if cgroup == nil {
            // Per-process stand-ins for the cgroup limits: weaker (a fork can multiply memory) but never absent.
            argv += ["--as=\(limits.memoryBytes * 4)", "--nproc=\(limits.processes * 4)"]
        }
        if getuid() == 0 {
            argv += [
                "/usr/bin/setpriv", "--reuid=\(Self.unprivilegedId)", "--regid=\(Self.unprivilegedId)",
                "--clear-groups", "--inh-caps=-all", "--bounding-set=-all", "--",
            ]
        }
        return argv
    }

    private func sandboxArguments(scratch: String, statusFd: Int32) -> [String] {
        guard isolation == .bubblewrap else { return ["/usr/bin/env", "-C", scratch] }
        return [bwrap] + Self.bwrapArguments(fileSize: limits.fileSizeBytes) + [
            "--ro-bind", scratch, "/code", "--remount-ro", "/", "--json-status-fd", "\(statusFd)", "--",
        ]
    }

    private static func bwrapArguments(fileSize: Int) -> [String] {
        var args = [
            "--unshare-all", "--die-with-parent", "--new-session", "--hostname", "sandbox",
            "--ro-bind", "/usr", "/usr", "--proc", "/proc", "--dev", "/dev",
            "--size", "\(fileSize)", "--tmpfs", "/tmp", "--size", "\(fileSize)", "--tmpfs", "/sandbox",
            "--chdir", "/sandbox", "--clearenv", "--setenv", "PATH", "/usr/bin:/bin",
            "--setenv", "HOME", "/sandbox", "--setenv", "LANG", "C.UTF-8",
        ]
        // Debian's /bin, /lib ... are links into /usr; older layouts are bound read-only.
        for dir in ["bin", "lib", "lib64", "sbin"] {
            if let target = try? FileManager.default.destinationOfSymbolicLink(atPath: "/" + dir) {
                args += ["--symlink", target, "/" + dir]
            } else if FileManager.default.fileExists(atPath: "/" + dir) {
                args += ["--ro-bind", "/" + dir, "/" + dir]
            }
        }
        return args
    }

    /// Why the sandbox cannot run a trivial program here, or nil if it can.
    private static func probe(bwrapPath: String, limits: SandboxLimits) -> String? {
        guard FileManager.default.isExecutableFile(atPath: bwrapPath) else { return "\(bwrapPath) not found" }
        var argv =
            [bwrapPath] + bwrapArguments(fileSize: limits.fileSizeBytes) + [
                "--json-status-fd", "3", "--", "/usr/bin/true",
            ]
        if getuid() == 0 {
            argv =
                [
                    "/usr/bin/setpriv", "--reuid=\(unprivilegedId)", "--regid=\(unprivilegedId)", "--clear-groups",
                    "--inh-caps=-all", "--bounding-set=-all", "--",
                ] + argv
        }
        let child = ChildProcess(
            arguments: argv, environment: ["PATH": "/usr/bin:/bin"], stdinPath: nil,
            outputPipes: [3], timeout: 10)
        _ = OrphanReaper.enable
        guard let outcome = try? child.run() else { return "cannot spawn \(argv[0])" }
        if let sandboxInit = OrphanReaper.childPid(
            inStatus: String(decoding: outcome.extra[3] ?? Data(), as: UTF8.self))
        {
            OrphanReaper.reap(sandboxInit)
        }
        guard outcome.exitCode == 0 else {
            return "bwrap failed: "
                + String(decoding: outcome.stderr, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return nil
    }
}
