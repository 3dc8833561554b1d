// bubblewrap's inner process (the sandbox's pid 1, reported as "child-pid") outlives the outer one by a
// moment and is reparented to init, which in containers may reap it late or never. As a child subreaper
// we receive it instead and reap exactly that pid, so no other child's exit status is ever taken.
import Foundation

#if canImport(Glibc)
    import Glibc
#endif

@_silgen_name("prctl") private func prctl(_ option: Int32, _ a2: UInt, _ a3: UInt, _ a4: UInt, _ a5: UInt) -> Int32

enum OrphanReaper {
    /// Makes this process the reaper of its orphaned descendants (once).
    static let enable: Bool = prctl(setChildSubreaper, 1, 0, 0, 0) == 0
    private static let setChildSubreaper: Int32 = 36  // PR_SET_CHILD_SUBREAPER from linux/prctl.h

    /// The "child-pid" in bubblewrap's JSON status, if any.
    static func childPid(inStatus status: String) -> pid_t? {
        guard let key = status.range(of: "\"child-pid\":") else { return nil }
        return pid_t(status[key.upperBound...].drop { $0 == " " }.prefix { $0.isNumber })
    }

    /// Waits (bounded) until `pid` is reaped by us, or gone, or plainly no longer bubblewrap's.
    static func reap(_ pid: pid_t) {
        guard enable else { return }
        for _ in 0..<20_000 {
            var status: Int32 = 0
            let result = waitpid(pid, &status, WNOHANG)
            if result == pid { return }
            if result < 0 && errno == ECHILD {
                // Not (yet) ours: still parented by the exiting outer bwrap, or already gone.
                if kill(pid, 0) != 0 && errno == ESRCH { return }
                if !SandboxCgroup.read("/proc/\(pid)/stat").contains("(bwrap)") { return }
            }
            usleep(100)
        }
    }
}
