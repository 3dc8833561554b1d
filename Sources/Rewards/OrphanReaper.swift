// bubblewrap's inner processes outlive the outer one by a moment and are reparented to init, which on
// some machines (containers) reaps late or never. As a child subreaper we receive them instead and reap
// them ourselves, but only zombies named `bwrap`, so other children's exit statuses are never stolen.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

@_silgen_name("prctl") private func prctl(_ option: Int32, _ a2: UInt, _ a3: UInt, _ a4: UInt, _ a5: UInt) -> Int32

enum OrphanReaper {
    /// Makes this process the reaper of its orphaned descendants (once).
    static let enable: Bool = prctl(36 /* PR_SET_CHILD_SUBREAPER */, 1, 0, 0, 0) == 0

    /// Reaps bubblewrap zombies reparented to us, until `isSettled` holds and one more pass finds none.
    static func reap(isSettled: () -> Bool) {
        guard enable else { return }
        let me = getpid()
        for _ in 0..<500 {
            let orphans = zombieChildren(of: me)
            for pid in orphans {
                var status: Int32 = 0
                _ = waitpid(pid, &status, WNOHANG)
            }
            if orphans.isEmpty && isSettled() && liveChildren(of: me).isEmpty { return }
            usleep(1000)
        }
    }

    /// Our children named bwrap, by state: "Z" zombies or anything else.
    private static func bwrapChildren(of parent: pid_t) -> [(pid: pid_t, state: Character)] {
        var found: [(pid_t, Character)] = []
        guard let dir = opendir("/proc") else { return [] }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
            guard let pid = pid_t(name) else { continue }
            // /proc/PID/stat: "pid (comm) state ppid ..."; comm may hold spaces, so split after the last ')'.
            let stat = SandboxCgroup.read("/proc/\(pid)/stat")
            guard let close = stat.lastIndex(of: ")"), stat.contains("(bwrap)") else { continue }
            let fields = stat[stat.index(after: close)...].split(separator: " ")
            if fields.count > 1, pid_t(fields[1]) == parent, let state = fields[0].first { found.append((pid, state)) }
        }
        return found
    }

    private static func zombieChildren(of parent: pid_t) -> [pid_t] {
        bwrapChildren(of: parent).filter { $0.state == "Z" }.map(\.pid)
    }

    private static func liveChildren(of parent: pid_t) -> [pid_t] {
        bwrapChildren(of: parent).filter { $0.state != "Z" }.map(\.pid)
    }
}
