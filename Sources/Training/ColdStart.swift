// The supervised cold start of DeepSeek-R1 inside `grpo train`: `cold_start_steps` steps of `grpo sft` on
// worked solutions of training questions (each example's `trace` field), run by the SFT trainer on the
// policy itself in `RUN/cold-start/` (its train.jsonl, metrics and final/), so RL starts from a policy that
// already answers in <think></think><answer></answer> and gets reward often enough to learn from.
import Foundation
import Tasks

extension GRPOTrainer {
    /// Where the cold start keeps its data, metrics and model.
    static let coldStartDirectory = "cold-start"

    /// Runs `cold_start_steps` SFT steps on the policy (only on a fresh run); returns the last loss.
    @discardableResult
    func coldStart(progress: (Int, Double) -> Void) throws -> Double? {
        guard config.coldStart.steps > 0, state.step == 0 else { return nil }
        let directory = runDirectory.appendingPathComponent(Self.coldStartDirectory)
        let lines: [String]
        do { lines = try ColdStartTraces.lines(source, count: config.coldStart.steps * config.coldStart.batchSize) } catch {
            throw ConfigError("cold_start_steps: \(error)")
        }
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        let data = directory.appendingPathComponent("train.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)
        var sft = SFTConfig()
        sft.name = "\(config.run.name)-cold-start"
        sft.seed = config.run.seed &+ 0xC01D
        sft.threads = config.run.threads
        sft.model = config.data.model
        sft.tokenizer = config.data.tokenizer
        sft.datasetPath = data.path
        sft.maxSteps = config.coldStart.steps
        sft.batchSize = config.coldStart.batchSize
        sft.learningRate = config.coldStart.learningRate
        sft.lrSchedulerType = "linear"
        sft.maxGradNorm = config.optimizer.maxGradNorm
        let trainer = try SFTTrainer(config: sft, runDirectory: directory, model: policy, force: true, processes: processes)
        var last: Double?
        try trainer.run { report in
            guard let loss = report.metrics["loss"] else { return }
            last = loss
            progress(report.step, loss)
        }
        return last
    }
}
