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
    /// OOM kills counted before the current run (the kernel's counter cannot be reset).
    private var oomKillsBefore = 0

    private init(memoryPath: String, pidsPath: String) {
        self.memoryPath = memoryPath
        self.pidsPath = pidsPath
    }

    /// Whether this machine lets us make per-run cgroups.
    static let available: Bool = {
        removeStale()
        guard let probe = create(memoryBytes: 64 << 20, processes: 8) else { return false }
        probe.remove()
        return true
    }()

    /// Makes a fresh cgroup pair with the given limits, or nil if cgroups cannot be used here.
    static func create(memoryBytes: Int, processes: Int) -> SandboxCgroup? {
        guard let memoryBase = ownHierarchyPath("memory"), let pidsBase = ownHierarchyPath("pids") else { return nil }
        let name = "grpo-sandbox-\(getpid())-\(counter.next())"
        let memoryPath = memoryBase + "/" + name
        let pidsPath = pidsBase + "/" + name
        guard mkdir(memoryPath, 0o755) == 0 else { return nil }
        guard mkdir(pidsPath, 0o755) == 0 else {
            rmdir(memoryPath)
            return nil
        }
        let cgroup = SandboxCgroup(memoryPath: memoryPath, pidsPath: pidsPath)
        guard cgroup.write("memory.limit_in_bytes", "\(memoryBytes)", in: memoryPath),
            cgroup.write("pids.max", "\(processes)", in: pidsPath)
        else {
            cgroup.remove()
            return nil
        }
        // Without swap accounting this file is absent; with it, swap must not extend the limit.
        _ = cgroup.write("memory.memsw.limit_in_bytes", "\(memoryBytes)", in: memoryPath)
        return cgroup
    }

    /// Deletes groups left by a process of ours that died mid-batch (named after its pid, now gone).
    private static func removeStale() {
        guard let memoryBase = ownHierarchyPath("memory"), let pidsBase = ownHierarchyPath("pids") else { return }
        let names = (try? FileManager.default.contentsOfDirectory(atPath: memoryBase)) ?? []
        for name in names where name.hasPrefix("grpo-sandbox-") {
            guard let owner = name.split(separator: "-").dropFirst(2).first.flatMap({ pid_t($0) }),
                kill(owner, 0) != 0 && errno == ESRCH
            else { continue }
            SandboxCgroup(memoryPath: memoryBase + "/" + name, pidsPath: pidsBase + "/" + name).remove()
        }
    }

    /// The mount point of a v1 controller joined with this process's own group in it.
    private static func ownHierarchyPath(_ controller: String) -> String? {
        let mount = "/sys/fs/cgroup/\(controller)"
        let table = read("/proc/self/cgroup")
        guard !table.isEmpty,
            access(mount + "/cgroup.procs", W_OK) == 0 || access(mount, W_OK) == 0
        else { return nil }
        for line in table.split(separator: "\n") {
            let parts = line.split(separator: ":", maxSplits: 2)
            if parts.count == 3, parts[1].split(separator: ",").contains(Substring(controller)) {
                let own = mount + (parts[2] == "/" ? "" : String(parts[2]))
                return access(own, W_OK) == 0 ? own : nil
            }
        }
        return nil
    }

    /// Whether the memory limit was reached during this run (the OOM killer struck or a charge failed).
    var memoryLimitHit: Bool {
        let failures =
            Int(Self.read(memoryPath + "/memory.failcnt").trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
        return oomKills > oomKillsBefore || failures > 0
    }

    private var oomKills: Int {
        Self.read(memoryPath + "/memory.oom_control").split(separator: "\n")
            .first { $0.hasPrefix("oom_kill ") }.flatMap { Int($0.dropFirst(9)) } ?? 0
    }

    /// Readies a used group for the next run: its counters start from zero.
    func reset() {
        _ = write("memory.failcnt", "0", in: memoryPath)
        oomKillsBefore = oomKills
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

    /// SIGKILLs every process still in the group until none is alive (bounded tries). Zombies stay
    /// listed until their parent reaps them, but they hold nothing and cannot be killed.
    @discardableResult
    func killAll() -> Bool {
        for _ in 0..<2000 {
            let members = Self.read(pidsPath + "/cgroup.procs").split(separator: "\n").compactMap { pid_t($0) }
                .filter { !Self.isZombie($0) }
            if members.isEmpty { return true }
            for pid in members { kill(pid, SIGKILL) }
            usleep(200)
        }
        return false
    }

    private static func isZombie(_ pid: pid_t) -> Bool {
        let stat = read("/proc/\(pid)/stat")
        guard let close = stat.lastIndex(of: ")") else { return true }  // already gone
        return stat[stat.index(after: close)...].dropFirst().first == "Z"
    }

    /// Kills what is left and deletes both groups.
    func remove() {
        killAll()
        for path in [memoryPath, pidsPath] {
            // A group with dying members refuses rmdir for a moment.
            for _ in 0..<5000 where rmdir(path) != 0 && errno == EBUSY { usleep(200) }
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

/// Per-run cgroups recycled across a batch: creating and deleting a memory cgroup costs tens of
/// milliseconds of kernel time, more than a trivial program's run. `drain` deletes them all.
final class SandboxCgroupPool: @unchecked Sendable {
    private let lock = NSLock()
    private var idle: [SandboxCgroup] = []
    private let memoryBytes: Int
    private let processes: Int

    init(memoryBytes: Int, processes: Int) {
        self.memoryBytes = memoryBytes
        self.processes = processes
    }

    /// An empty group with fresh counters, or nil if cgroups cannot be made.
    func checkout() -> SandboxCgroup? {
        lock.lock()
        let reused = idle.popLast()
        lock.unlock()
        guard let group = reused ?? SandboxCgroup.create(memoryBytes: memoryBytes, processes: processes) else {
            return nil
        }
        group.reset()
        return group
    }

    /// Takes a group back after its run; one whose processes will not die is deleted instead.
    func checkin(_ group: SandboxCgroup) {
        guard group.killAll() else {
            group.remove()
            return
        }
        lock.lock()
        idle.append(group)
        lock.unlock()
    }

    /// Deletes every idle group (in parallel: the kernel's wait dominates).
    func drain() {
        lock.lock()
        let groups = idle
        idle = []
        lock.unlock()
        DispatchQueue.concurrentPerform(iterations: groups.count) { groups[$0].remove() }
    }
}
