// What the update of a step does with the recipe's update knobs, on the toy run of GRPOTrainerTests:
// gradient accumulation gives the update of one big batch, mask_truncated_completions takes truncated
// completions out of the loss, num_iterations > 1 keeps the old log-probs fixed across its passes, and
// save_total_limit keeps only the newest checkpoints; LoRA trains the adapters alone, final/ holds them
// merged, and a LoRA run resumes bit for bit.
import Foundation
import Models
import RolloutLog
import Rewards
import Testing
import Training

@Suite(.serialized) struct GRPOUpdateTests {
    /// The weights before and after one trainer's run, and its metrics rows.
    func run(_ config: GRPOConfig, label: String) async throws -> (before: [[Float]], after: [[Float]], rows: [[String: Double]]) {
        let dir = tempRun(label)
        defer { try? FileManager.default.removeItem(at: dir) }
        let trainer = try GRPOTrainer(config: config, runDirectory: dir, customRewards: ["digit_share": DigitShare()])
        let before = trainer.policy.parameterList.map { $0.toArray() }
        try await trainer.train()
        let rows = try MetricsLogReader.read(path: dir.appendingPathComponent("metrics.jsonl").path)
        return (before, trainer.policy.parameterList.map { $0.toArray() }, rows)
    }

    /// The largest change of any weight between two snapshots.
    func largestChange(_ a: [[Float]], _ b: [[Float]]) -> Float {
        zip(a, b).map { x, y in zip(x, y).map { abs($0 - $1) }.max() ?? 0 }.max() ?? 0
    }

    // bnpo is left out on purpose: it normalises by each micro-batch's own tokens, as TRL's does (with the
    // stop strings below its update differs by 0.008 where the others agree to 1e-4 of the update).
    @Test(arguments: ["dapo", "grpo", "dr_grpo"]) func gradientAccumulationGivesTheUpdateOfOneBigBatch(loss: String) async throws {
        var config = toyConfig(steps: 1)
        config.loss.type = LossType(rawValue: loss)!
        // Stop strings end completions at random lengths, so micro-batches hold different token counts.
        config.sampling.stop = ["a", "e", "i", "o", "u", "1", "2"]
        // With Adam's epsilon far above |g|, the first update is lr · g: the weights move by the gradient
        // itself, so a micro-batched gradient that differed from the big batch's would show.
        config.optimizer.learningRate = 1
        config.optimizer.adamEpsilon = 1
        config.optimizer.maxGradNorm = 0
        let whole = try await run(config, label: "accum-1")
        config.optimizer.gradientAccumulationSteps = 4
        let split = try await run(config, label: "accum-4")
        #expect(whole.before == split.before)
        let moved = largestChange(whole.before, whole.after)
        #expect(moved > 1e-4, "the update moved nothing")
        // whole.after − split.after is the difference of the two updates (both start from the same weights).
        let deltas = largestChange(whole.after, split.after)
        #expect(deltas <= 1e-4 * moved, "\(loss): micro-batched update differs by \(deltas) of \(moved)")
        let a = whole.rows.first { $0["step"] == 1 }!, b = split.rows.first { $0["step"] == 1 }!
        #expect(abs(a["grad_norm"]! - b["grad_norm"]!) <= 1e-4 * a["grad_norm"]!, "grad_norm \(a["grad_norm"]!) vs \(b["grad_norm"]!)")
        #expect(abs(a["loss"]! - b["loss"]!) <= 1e-5 + 1e-4 * abs(a["loss"]!), "loss \(a["loss"]!) vs \(b["loss"]!)")
    }

    @Test func maskedTruncatedCompletionsGiveNoGradient() async throws {
        // Three tokens are too few for the random model to stop: every completion is truncated.
        var config = toyConfig(steps: 1)
        config.sampling.maxCompletionLength = 3
        let unmasked = try await run(config, label: "unmasked")
        #expect(unmasked.rows.first { $0["step"] == 1 }!["completions/clipped_ratio"] == 1)
        #expect(largestChange(unmasked.before, unmasked.after) > 0, "without the mask the update moves the weights")
        config.loss.maskTruncatedCompletions = true
        let masked = try await run(config, label: "masked")
        #expect(masked.before == masked.after, "truncated completions reached the loss")
        #expect(masked.rows.first { $0["step"] == 1 }!["grad_norm"] == 0)
    }

    @Test func laterIterationsAreClippedAgainstTheSamplingPolicy() async throws {
        // A large step moves the policy far in the first pass; the second pass measures its ratio against
        // the policy that sampled, so tokens leave the trust region and get clipped. One pass never clips.
        var config = toyConfig(steps: 1)
        config.optimizer.learningRate = 5e-2
        config.loss.epsilon = 0.01
        let once = try await run(config, label: "mu-1")
        config.optimizer.numIterations = 2
        let twice = try await run(config, label: "mu-2")
        let a = once.rows.first { $0["step"] == 1 }!, b = twice.rows.first { $0["step"] == 1 }!
        #expect(a["clip_ratio/region_mean"] == 0)
        #expect(b["clip_ratio/region_mean"]! > 0, "\(b)")
        #expect(largestChange(once.after, twice.after) > 0, "the second pass changed nothing")
    }

    func loraConfig(steps: Int) -> GRPOConfig {
        var config = toyConfig(steps: steps, saveSteps: 2)
        config.lora.rank = 4
        config.lora.dropout = 0.1
        config.optimizer.learningRate = 1e-2
        return config
    }

    @Test func loraTrainsTheAdaptersAndFinalHoldsThemMerged() async throws {
        let dir = tempRun("lora")
        defer { try? FileManager.default.removeItem(at: dir) }
        let trainer = try GRPOTrainer(config: loraConfig(steps: 3), runDirectory: dir, customRewards: ["digit_share": DigitShare()])
        let base = trainer.policy.parameters.mapValues { $0.toArray() }
        try await trainer.train()
        #expect(trainer.policy.parameters.mapValues { $0.toArray() } == base, "LoRA moved a base weight")
        let final = try ModelDirectory.loadWeights(dir.appendingPathComponent("final")).tensors
        let merged = try trainer.policy.mergedCopy().parameters
        var adapted = 0
        for (name, tensor) in final {
            #expect(tensor.toArray() == merged[name]!.toArray(), "\(name) is not the merged weight")
            if tensor.toArray() != base[name]! { adapted += 1 }
        }
        // q, k, v and o of both layers of the tiny model changed; nothing else did.
        #expect(adapted == 4 * trainer.policy.config.numHiddenLayers, "\(adapted) tensors changed")
        #expect(FileManager.default.fileExists(atPath: dir.appendingPathComponent("final/adapter/adapter_model.safetensors").path))
    }

    @Test func aLoRARunResumesBitForBit() async throws {
        let straight = tempRun("lora-straight"), split = tempRun("lora-split")
        defer { for u in [straight, split] { try? FileManager.default.removeItem(at: u) } }
        let rewards: [String: any RewardFunction] = ["digit_share": DigitShare()]
        try await GRPOTrainer(config: loraConfig(steps: 4), runDirectory: straight, customRewards: rewards).train()
        try await GRPOTrainer(config: loraConfig(steps: 2), runDirectory: split, customRewards: rewards).train()
        try await GRPOTrainer(config: loraConfig(steps: 4), runDirectory: split, resume: true, customRewards: rewards).train()
        let a = try ModelDirectory.loadWeights(straight.appendingPathComponent("final")).tensors
        let b = try ModelDirectory.loadWeights(split.appendingPathComponent("final")).tensors
        for name in a.keys { #expect(a[name]!.toArray() == b[name]!.toArray(), "\(name)") }
    }

    @Test func saveTotalLimitKeepsTheNewestCheckpoints() async throws {
        let dir = tempRun("limit")
        defer { try? FileManager.default.removeItem(at: dir) }
        var config = toyConfig(steps: 5, saveSteps: 1)
        config.logging.saveTotalLimit = 2
        try await GRPOTrainer(config: config, runDirectory: dir, customRewards: ["digit_share": DigitShare()]).train()
        let kept = try FileManager.default.contentsOfDirectory(atPath: dir.appendingPathComponent("checkpoints").path).sorted()
        #expect(kept == ["step-4", "step-5"])
    }
}
