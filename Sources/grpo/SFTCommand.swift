// `grpo sft`: supervised fine-tuning from a YAML recipe, with a live progress line and a report.
import ArgumentParser
import Cluster
import Foundation
import RolloutLog
import Training

struct SFT: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sft",
        abstract: "Fine-tune a model on JSONL examples (prompt/completion, chat messages or text), loss on the completion.",
        discussion: """
            Writes runs/NAME (or --out): metrics.jsonl (loss, eval_loss, grad_norm, learning_rate, epoch), \
            checkpoints when save_steps is set, report.html and final/, a complete model directory (LoRA merged) \
            that `grpo train` takes as init: and `grpo eval` and `grpo sample` take as it is. Recipe keys: docs/sft.md. \
            Under `mpirun -np N` each rank trains on its slice of every micro-batch, gradients are summed, rank 0 \
            writes the run (docs/mpi.md).
            """)
    @Argument(help: "The SFT recipe (YAML).") var recipe: String
    @OptionGroup var options: RunOptions

    func run() throws {
        let processes = try ProcessGroup.world()
        guard processes.isDistributed else { return try train(processes: processes) }
        // One failing rank ends the whole job, naming itself, before any partial file is written.
        do { try train(processes: processes) } catch { processes.abort("\(error)") }
    }

    func train(processes: ProcessGroup) throws {
        let config = try SFTConfig.load(path: recipe, overrides: options.allOverrides)
        let dir = URL(fileURLWithPath: options.out ?? "runs/\(config.name)")
        let trainer = try SFTTrainer(config: config, runDirectory: dir, resume: options.resume, force: options.force,
                                     allowRecipeChange: options.allowRecipeChange, processes: processes)
        let quiet = processes.rank != 0
        if !quiet {
            print("sft: \(trainer.train.count) training examples, \(trainer.heldOut.count) held out, "
                + "\(trainer.truncated) cut to max_length; \(trainer.totalSteps) steps")
        }
        let start = Date()
        var firstStep: Int?
        var lastEval: Double?
        try trainer.run { report in
            if quiet { return }
            if let e = report.metrics["eval_loss"] { lastEval = e }
            if report.step == 0 { return }
            if firstStep == nil { firstStep = report.step - 1 }
            let elapsed = Date().timeIntervalSince(start), done = report.step - firstStep!
            let eta = elapsed / Double(done) * Double(report.totalSteps - report.step)
            let m = report.metrics
            let held = lastEval.map { String(format: "  eval_loss %.4f", $0) } ?? ""
            let line = String(format: "\rsft step %d/%d  epoch %.2f  loss %.4f%@  %.0f tok/s  ETA %@   ", report.step,
                              report.totalSteps, m["epoch"] ?? 0, m["loss"] ?? 0, held as NSString,
                              m["tokens_per_second"] ?? 0, Train.duration(eta) as NSString)
            FileHandle.standardError.write(Data(line.utf8))
        }
        if quiet { return }
        FileHandle.standardError.write(Data("\n".utf8))
        let rows = try MetricsLogReader.read(path: dir.appendingPathComponent("metrics.jsonl").path)
        for line in MetricsTrend.lines(rows) { print(line) }
        let report = dir.appendingPathComponent("report.html")
        try Data(try HTMLReport.render(files: try RunFiles(run: dir.path)).utf8).write(to: report, options: .atomic)
        print("trained \(trainer.totalSteps) steps")
        print("report:      \(report.path)")
        print("final model: \(dir.appendingPathComponent("final").path)  (grpo train: init: \(dir.appendingPathComponent("final").path))")
    }
}
