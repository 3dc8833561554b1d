// The rules every training command follows for its run directory: a directory that holds an earlier run
// is refused unless `--force` replaces it (deleting only what a run writes) or `--resume` continues it, and
// a resume refuses a recipe other than the one the run resolved.
import Foundation

enum RunDirectory {
    /// What a run writes at the top of its directory.
    static let runFiles: Set = ["checkpoints", "final", "reference", "metrics.jsonl", "rollouts.zst", "alarms.log",
                                "cold_start.json", "config.resolved.yaml", "report.html", "traces.jsonl", "distill.json",
                                "student", "cold-start"]

    /// The files of an earlier run in `directory`, sorted; empty for a new or unrelated directory.
    static func earlierRun(in directory: URL) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        return names.filter { runFiles.contains($0) || $0.hasPrefix("events.out.tfevents") }.sorted()
    }

    /// Where `rank` of a job writes: the run directory on rank 0, a fresh scratch directory elsewhere (the
    /// caller deletes it at the end), so only rank 0's files make the run.
    static func output(_ directory: URL, rank: Int) -> URL {
        rank == 0 ? directory : FileManager.default.temporaryDirectory.appendingPathComponent("grpo-rank\(rank)-\(UUID().uuidString)")
    }

    /// Checks that a fresh run may use `directory`; returns the earlier run's files that `force` replaces.
    static func claim(_ directory: URL, resume: Bool, force: Bool) throws -> [String] {
        if resume && force { throw ConfigError("--resume continues the run in the directory, --force replaces it: pick one") }
        let earlier = resume ? [] : earlierRun(in: directory)
        if !earlier.isEmpty && !force {
            throw ConfigError("\(directory.path) already holds a run (\(earlier.joined(separator: ", "))): "
                + "--resume continues it, --force replaces it, --out picks another directory")
        }
        return earlier
    }

    /// Deletes an earlier run's files: an old checkpoint must never be resumed into the new run, and
    /// TensorBoard must not mix the old run's curves with the new one's.
    static func clear(_ directory: URL, _ earlier: [String]) throws {
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        for stale in earlier { try FileManager.default.removeItem(at: directory.appendingPathComponent(stale)) }
    }

    /// Refuses to resume the run in `directory` with settings other than the ones it ran with.
    static func checkUnchanged(_ resolved: String, in directory: URL) throws {
        let file = directory.appendingPathComponent("config.resolved.yaml")
        guard let old = try? String(contentsOf: file, encoding: .utf8) else { return }
        let changes = RecipeChange(from: old, to: resolved).changes
        if changes.isEmpty { return }
        throw ConfigError("\(file.path): --resume would change the run's recipe (\(changes.joined(separator: "; "))): "
            + "resume with the recipe it ran with, or pass --allow-recipe-change to continue under the new one")
    }
}
