// `grpo distill`: rejection sampling from a teacher into traces.jsonl, then (with `sft:`) the student's
// fine-tuning on them, with live progress lines.
import ArgumentParser
import Cluster
import Foundation
import Training

struct Distill: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Sample a teacher, keep the traces the rewards accept, and optionally fine-tune a student on them.",
        discussion: """
            The teacher samples num_generations traces per training prompt; a trace is kept when every reward that \
            applies reaches min_reward, duplicates are dropped, at most max_per_prompt are kept per prompt. Writes \
            runs/NAME (or --out): traces.jsonl (prompt, completion, teacher, reward, rewards), rollouts.zst (every \
            sample), distill.json; with `sft: RECIPE` the student's SFT run in student/. Recipe keys: docs/distill.md.
            """)
    @Argument(help: "The distillation recipe (YAML).") var recipe: String
    @Option(name: .customLong("set"), help: "Override a recipe key: key=value (dotted keys for sections).")
    var overrides: [String] = []
    @Flag(help: "Replace the earlier run in the run directory.") var force = false
    @Option(help: "Run directory (default: runs/NAME).") var out: String?
    @Option(help: "Threads (default: the recipe's, else GRPO_THREADS, else every core).") var threads: Int?

    func run() async throws {
        try ProcessGroup.requireSingle("grpo distill")
        var config = try DistillConfig.load(path: recipe, overrides: overrides)
        if let threads { config.grpo.run.threads = threads }
        let dir = URL(fileURLWithPath: out ?? "runs/\(config.grpo.run.name)")
        let start = Date()
        let summary = try await Distiller.run(config, runDirectory: dir, force: force) { done, total, kept in
            let elapsed = Date().timeIntervalSince(start)
            let line = String(format: "\rdistill %d/%d prompts  %d traces kept  ETA %@   ", done, total, kept,
                              Train.duration(elapsed / Double(done) * Double(total - done)) as NSString)
            FileHandle.standardError.write(Data(line.utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        let traces = dir.appendingPathComponent("traces.jsonl").path
        print("distill: \(summary.samples) samples from \(summary.prompts) prompts, \(summary.accepted) accepted by the rewards, "
            + "\(summary.duplicates) duplicates, \(summary.capped) past max_per_prompt, \(summary.kept) kept for \(summary.promptsKept) prompts")
        print("traces:      \(traces)")
        guard let sft = config.sft else { return }
        var student = try SFTConfig.load(path: sft, overrides: ["dataset.path=\(traces)"])
        if let threads { student.threads = threads }
        let studentDir = dir.appendingPathComponent("student")
        let trainer = try SFTTrainer(config: student, runDirectory: studentDir)
        try trainer.run { report in
            guard report.step > 0 else { return }
            let line = String(format: "\rstudent sft step %d/%d  loss %.4f   ", report.step, report.totalSteps,
                              report.metrics["loss"] ?? 0)
            FileHandle.standardError.write(Data(line.utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        print("student:     \(studentDir.appendingPathComponent("final").path)")
    }
}
