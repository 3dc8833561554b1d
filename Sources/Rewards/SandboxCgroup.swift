// A cgroup v1 pair (memory + pids) for one sandbox run, so memory is summed over all of the program's
// processes and a fork bomb meets a hard process cap. Created under this process's own cgroup, so the
// run also stays inside whatever limits the caller already has; removed after the run.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// One run's cgroups; `nil` from `create` when the machine offers no writable v1 memory and pids controllers.
final class SandboxCgroup: @unchecked Sendable {
    let memoryPath: String
    let pidsPath: String
    private static let counter = Counter()

    private init(memoryPath: String, pidsPath: String) {
        self.memoryPath = memoryPath
        self.pidsPath = pidsPath
    }

    /// Whether this machine lets us make per-run cgroups.
    static let available: Bool = {
        guard let probe = create(memoryBytes: 64 << 20, processes: 8) else { return false }
        probe.remove()
        return true
    }()

    /// Makes a fresh cgroup pair with the given limits, or nil if cgroups cannot be used here.
    static func create(memoryBytes: Int, processes: Int) -> SandboxCgroup? {
        guard let memoryBase = ownHierarchyPath("memory"), let pidsBase = ownHierarchyPath("pids") else { return nil }
        let name = "grpo-sandbox-\(getpid())-\(counter.next())"
        let memoryPath = memoryBase + "/" + name, pidsPath = pidsBase + "/" + name
        guard mkdir(memoryPath, 0o755) == 0 else { return nil }
        guard mkdir(pidsPath, 0o755) == 0 else { rmdir(memoryPath); return nil }
        let cgroup = SandboxCgroup(memoryPath: memoryPath, pidsPath: pidsPath)
        guard cgroup.write("memory.limit_in_bytes", "\(memoryBytes)", in: memoryPath),
              cgroup.write("pids.max", "\(processes)", in: pidsPath) else {
            cgroup.remove()
            return nil
        }
        // Without swap accounting this file is absent; with it, swap must not extend the limit.
        _ = cgroup.write("memory.memsw.limit_in_bytes", "\(memoryBytes)", in: memoryPath)
        return cgroup
    }

    /// The mount point of a v1 controller joined with this process's own group in it.
    private static func ownHierarchyPath(_ controller: String) -> String? {
        let mount = "/sys/fs/cgroup/\(controller)"
        let table = read("/proc/self/cgroup")
        guard !table.isEmpty,
              access(mount + "/cgroup.procs", W_OK) == 0 || access(mount, W_OK) == 0 else { return nil }
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2)
            if parts.count == 3, parts[1].split(separator: ",").contains(Substring(controller)) {
                let own = mount + (parts[2] == "/" ? "" : String(parts[2]))
                return access(own, W_OK) == 0 ? own : nil
            }
        }
        return nil
    }

    /// Whether the memory limit was reached during the run (the OOM killer struck or a charge failed).
    var memoryLimitHit: Bool {
        let oom = Self.read(memoryPath + "/memory.oom_control").split(separator: "\n")
            .first { $0.hasPrefix("oom_kill ") }.flatMap { Int($0.dropFirst(9)) } ?? 0
        let failures = Int(Self.read(memoryPath + "/memory.failcnt").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return oom > 0 || failures > 0
    }

    /// A small kernel file read with plain read(2): Foundation trusts st_size, which sysfs does not keep.
    static func read(_ path: String) -> String {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return "" }
        defer { close(fd) }
        var bytes = [UInt8](repeating: 0, count: 65536)
        var length = 0
        while length < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress! + length, $0.count - length) }
            if n <= 0 { break }
            length += n
        }
        return String(decoding: bytes[0..<length], as: UTF8.self)
    }

    /// Whether no process is left in the group.
    var isEmpty: Bool { Self.read(pidsPath + "/cgroup.procs").isEmpty }

    /// SIGKILLs every process still in the group until it is empty (bounded tries).
    func killAll() {
        for _ in 0..<200 {
            let members = Self.read(pidsPath + "/cgroup.procs").split(separator: "\n").compactMap { pid_t($0) }
            if members.isEmpty { return }
            for pid in members { kill(pid, SIGKILL) }
            usleep(2000)
        }
    }

    /// Kills what is left and deletes both groups.
    func remove() {
        killAll()
        for path in [memoryPath, pidsPath] {
            // A group with dying members refuses rmdir for a moment.
            for _ in 0..<500 where rmdir(path) != 0 && errno == EBUSY { usleep(2000) }
        }
    }

    private func write(_ file: String, _ value: String, in directory: String) -> Bool {
        let fd = open(directory + "/" + file, O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        return value.withCString { Glibc.write(fd, $0, strlen($0)) } >= 0
    }
}

/// A thread-safe counter for unique names.
final class Counter: @unchecked Sendable {
    private let lock = NSLock()
    private var value = 0

    func next() -> Int {
        lock.lock()
        defer { lock.unlock() }
        value += 1
        return value
    }
}
