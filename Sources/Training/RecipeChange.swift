// What a resumed run would change against the run it continues, read off the two `config.resolved.yaml`
// texts. A resume that silently trains on with another learning rate or reward is a different experiment
// under the old run's name, so `--resume` refuses one unless told otherwise.
import Foundation

/// The settings a resume changes, key by key, from the run's resolved config to the new one.
struct RecipeChange {
    /// Keys that change when and how a run reports and saves, not what it computes.
    static let harmless: Set = ["threads", "logging_steps", "save_steps", "save_total_limit", "eval_steps"]

    /// `key: old → new` for every key whose value differs (dotted for sections); empty when the runs agree.
    let changes: [String]

    init(from old: String, to new: String) {
        let a = Self.values(old), b = Self.values(new)
        // max_steps only sets the schedule's length: harmless with a constant rate and no warm-up.
        let fixedSchedule = b["lr_scheduler_type"] == "constant" && Double(b["warmup_ratio"] ?? "") == 0
        changes = Set(a.keys).union(b.keys).sorted().compactMap { key in
            guard a[key] != b[key], !Self.harmless.contains(key), !(key == "max_steps" && fixedSchedule) else { return nil }
            return "\(key): \(a[key] ?? "(absent)") → \(b[key] ?? "(absent)")"
        }
    }

    /// Each `key: value` line of a resolved config, keys under a section prefixed with its name.
    static func values(_ yaml: String) -> [String: String] {
        var section = "", out: [String: String] = [:]
        for line in yaml.split(separator: "\n") {
            let nested = line.hasPrefix("  ")
            let text = line.trimmingCharacters(in: .whitespaces)
            guard let colon = text.firstIndex(of: ":") else { continue }
            let key = String(text[..<colon])
            let value = text[text.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            if !nested && value.isEmpty { section = key; continue }
            out[nested ? "\(section).\(key)" : key] = value
        }
        return out
    }
}
