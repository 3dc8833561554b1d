// What a sandbox run could leave behind: processes of the sandbox uid, scratch directories and cgroups.
// Sandbox tests take it before and after and require the two to be equal.
import Foundation

struct MachineState: Equatable, CustomStringConvertible {
    var sandboxProcesses: [String]
    var scratchDirectories: [String]
    var cgroups: [String]

    static func capture() -> MachineState {
        let manager = FileManager.default
        var processes: [String] = []
        for pid in (try? manager.contentsOfDirectory(atPath: "/proc")) ?? [] where Int(pid) != nil {
            guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { continue }
            let uidLine = status.split(separator: "\n").first { $0.hasPrefix("Uid:") } ?? ""
            if uidLine.split(separator: "\t").dropFirst().contains("65534") {
                let name = status.split(separator: "\n").first.map(String.init) ?? ""
                processes.append("\(pid) \(name)")
            }
        }
        let scratch = ((try? manager.contentsOfDirectory(atPath: NSTemporaryDirectory())) ?? [])
            .filter { $0.hasPrefix("grpo-sandbox-") }
        var cgroups: [String] = []
        for controller in ["memory", "pids"] {
            let root = "/sys/fs/cgroup/\(controller)"
            if let walker = manager.enumerator(atPath: root) {
                while let path = walker.nextObject() as? String {
                    if (path as NSString).lastPathComponent.hasPrefix("grpo-sandbox-") {
                        cgroups.append(controller + "/" + path)
                    }
                    if path.split(separator: "/").count > 3 { walker.skipDescendants() }
                }
            }
        }
        return MachineState(
            sandboxProcesses: processes.sorted(), scratchDirectories: scratch.sorted(), cgroups: cgroups.sorted())
    }

    var description: String { "processes \(sandboxProcesses), scratch \(scratchDirectories), cgroups \(cgroups)" }
}
