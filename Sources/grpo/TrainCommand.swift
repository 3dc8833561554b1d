// `grpo train`: run a GRPO recipe with a live progress line.
import ArgumentParser
import Cluster
import Foundation
import RolloutLog
import Training

struct Train: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Train a policy with GRPO from a YAML recipe.",
        discussion: """
            Without a recipe, runs the built-in R1-Zero experiment (\(Self.defaultRecipe)): pure GRPO from the \
            committed base model on held-out-checked two-digit sums, about 4 minutes on 2 cores. Recipe keys: \
            docs/recipes.md. The run ends with report.html, rollouts.zst and final/ in the run directory. \
            Under `mpirun -np N` it trains data-parallel: each rank samples its share of every step, gradients \
            are summed, rank 0 writes the run (docs/mpi.md).
            """)
    /// The built-in experiment, relative to the repository.
    static let defaultRecipe = "experiments/r1-zero-arithmetic/recipe.yaml"
    @Argument(help: "The recipe (YAML); default: the built-in R1-Zero experiment.") var recipe: String?
    @OptionGroup var options: RunOptions

    func run() async throws {
        let processes = try ProcessGroup.world()
        guard processes.isDistributed else { return try await train(processes: processes) }
        // One failing rank ends the whole job, naming itself, before any partial file is written.
        do { try await train(processes: processes) } catch { processes.abort("\(error)") }
    }

    func train(processes: ProcessGroup) async throws {
        let config = try GRPOConfig.load(path: try recipe ?? Self.builtinRecipe(), overrides: options.allOverrides)
        let dir = URL(fileURLWithPath: options.out ?? "runs/\(config.run.name)")
        let trainer = try GRPOTrainer(config: config, runDirectory: dir, resume: options.resume, force: options.force,
                                      allowRecipeChange: options.allowRecipeChange, processes: processes)
        let quiet = processes.rank != 0
        var start = Date()
        var firstStep: Int?
        try await trainer.train(coldStartProgress: { step, loss in
            if quiet { return }
            let line = String(format: "\rcold start %d/%d  loss %.4f   ", step, config.coldStart.steps, loss)
            FileHandle.standardError.write(Data(line.utf8))
            if step == config.coldStart.steps {
                FileHandle.standardError.write(Data("\n".utf8))
                start = Date()
            }
        }) { report in
            if quiet { return }
            if let line = Self.evalLine(report) { FileHandle.standardError.write(Data(line.utf8)) }
            if report.step == 0 { return }
            if firstStep == nil { firstStep = report.step - 1 }
            let done = report.step - (firstStep ?? 0)
            let elapsed = Date().timeIntervalSince(start)
            let eta = elapsed / Double(max(done, 1)) * Double(report.totalSteps - report.step)
            let m = report.metrics
            let line = String(format: "\rstep %d/%d  reward %.3f  len %.1f  %.0f tok/s  loss %.4f  ETA %@   ",
                              report.step, report.totalSteps, m["reward"] ?? 0, m["completions/mean_length"] ?? 0,
                              report.tokensPerSecond, m["loss"] ?? 0, Self.duration(eta) as NSString)
            FileHandle.standardError.write(Data(line.utf8))
            for alarm in report.alarms { FileHandle.standardError.write(Data("\nALARM step \(report.step): \(alarm)\n".utf8)) }
        }
        if quiet { return }
        FileHandle.standardError.write(Data("\n".utf8))
        let metrics = dir.appendingPathComponent("metrics.jsonl").path
        for line in MetricsTrend.lines(try MetricsLogReader.read(path: metrics)) { print(line) }
        let report = dir.appendingPathComponent("report.html")
        try Data(try HTMLReport.render(files: try RunFiles(run: dir.path)).utf8).write(to: report, options: .atomic)
        print("trained \(config.optimizer.maxSteps) steps")
        print("report:      \(report.path)")
        print("rollout log: \(dir.appendingPathComponent("rollouts.zst").path)  (grpo logs show \(dir.path))")
        print("final model: \(dir.appendingPathComponent("final").path)  (grpo eval --model \(dir.appendingPathComponent("final").path))")
    }

    /// The built-in recipe, found from the working directory or from the repository the binary was built in.
    static func builtinRecipe() throws -> String {
        if FileManager.default.fileExists(atPath: defaultRecipe) { return defaultRecipe }
        var directory = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
        while directory.path != "/" {
            let candidate = directory.appendingPathComponent(defaultRecipe).path
            if FileManager.default.fileExists(atPath: candidate) { return candidate }
            directory.deleteLastPathComponent()
        }
        throw ValidationError("no recipe given and the built-in \(defaultRecipe) is not here; run from the repository root")
    }

    /// The evaluation's figures on a line of their own, when the report holds them.
    static func evalLine(_ report: StepReport) -> String? {
        guard let reward = report.metrics["eval/reward"] else { return nil }
        let parts = report.metrics.keys.filter { $0.hasPrefix("eval/rewards/") }.sorted().map { key in
            String(format: "%@ %.3f", String(key.dropFirst("eval/rewards/".count).dropLast("/mean".count)) as NSString,
                   report.metrics[key]!)
        }
        let when = report.step == 0 ? "before step 1" : "after step \(report.step)"
        return String(format: "\neval %@: reward %.3f (%@)  len %.1f\n", when as NSString, reward,
                      parts.joined(separator: ", ") as NSString, report.metrics["eval/completions/mean_length"] ?? 0)
    }

    static func duration(_ s: Double) -> String {
        s >= 3600 ? String(format: "%dh%02dm", Int(s) / 3600, Int(s) % 3600 / 60) : String(format: "%dm%02ds", Int(s) / 60, Int(s) % 60)
    }
}
