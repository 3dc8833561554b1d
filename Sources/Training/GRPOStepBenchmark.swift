// The GRPO-step workload of ../shared/bench: 8 prompts × 8 completions of up to 64 new tokens with a
// cheap reward, on a built-in shape with the character tokenizer; seconds per step and their split.
import Foundation
import Rewards

/// Seconds per GRPO step, median over the timed steps.
public struct GRPOStepReport: Codable, Sendable {
    public var name: String
    public var secondsPerStep: Double
    public var generationSeconds: Double
    public var rewardSeconds: Double
    public var trainingSeconds: Double
    /// Training split: extra log-prob passes, forward with the loss, backward, optimiser.
    public var logprobSeconds: Double, forwardSeconds: Double, backwardSeconds: Double, optimizerSeconds: Double
    public var loggingSeconds: Double
}

/// A reward that costs nothing: the completion's length in characters over 100.
struct LengthReward: ItemRewardFunction {
    let name = "length"
    func scoreItem(_ item: RewardItem) -> RewardResult { RewardResult(Double(item.completion.count) / 100) }
}

/// Runs the GRPO step benchmark.
public enum GRPOStepBenchmark {
    /// Times `steps` steps after one warm-up on model shape `name` in a temporary run directory. `name` is a
    /// built-in shape (random weights, character tokenizer) or a model directory (its weights and tokenizer).
    public static func run(name: String, steps: Int = 3, threads: Int? = nil) async throws -> GRPOStepReport {
        var config = GRPOConfig()
        let directory = name.contains("/")
        config.run.name = "bench-\(directory ? URL(fileURLWithPath: name).lastPathComponent : name)"
        config.data.model = name
        config.data.tokenizer = directory ? nil : "char"
        config.data.template = "plain"
        config.rewards.funcs = ["length"]
        config.sampling.numGenerations = 8
        config.sampling.promptsPerStep = 8
        config.sampling.maxCompletionLength = 64
        config.optimizer.maxSteps = steps + 1
        config.logging.saveSteps = 0
        config.run.threads = threads
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("grpo-bench-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: run) }
        let trainer = try GRPOTrainer(config: config, runDirectory: run, customRewards: ["length": LengthReward()])
        var rows: [[String: Double]] = []
        try await trainer.train(progress: { rows.append($0.metrics) })
        let timed = rows.dropFirst()
        func median(_ key: String) -> Double {
            let v = timed.map { $0[key] ?? 0 }.sorted()
            return v[v.count / 2]
        }
        return GRPOStepReport(name: directory ? URL(fileURLWithPath: name).lastPathComponent : name, secondsPerStep: median("step_time"), generationSeconds: median("step_time/generation"),
                              rewardSeconds: median("step_time/rewards"), trainingSeconds: median("step_time/training"),
                              logprobSeconds: median("step_time/training/logprobs"),
                              forwardSeconds: median("step_time/training/forward"),
                              backwardSeconds: median("step_time/training/backward"),
                              optimizerSeconds: median("step_time/training/optimizer"), loggingSeconds: median("step_time/logging"))
    }
}
