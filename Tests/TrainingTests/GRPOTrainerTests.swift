// The GRPO loop end to end on a toy task a random model can learn in a few dozen steps (reward: the
// share of digits in the completion), and exact resume: N steps straight equal k steps, a restart from
// the checkpoint, and N − k more — weights, metrics and rollout logs alike.
import Autograd
import Foundation
import Generation
import Models
import Rewards
import RolloutLog
import Testing
import Training

/// Scores a completion by the fraction of its characters that are digits.
struct DigitShare: ItemRewardFunction {
    let name = "digit_share"
    func scoreItem(_ item: RewardItem) -> RewardResult {
        let chars = Array(item.completion)
        guard !chars.isEmpty else { return RewardResult(0) }
        return RewardResult(Double(chars.filter(\.isNumber).count) / Double(chars.count))
    }
}

/// A toy GRPO run on the tiny random model: digit share of one-digit prompts as the reward.
func toyConfig(steps: Int, saveSteps: Int = 0, evalSteps: Int = 0) -> GRPOConfig {
    var c = GRPOConfig()
    c.run.name = "toy"
    c.data.model = "tiny"
    c.data.tokenizer = "char"
    c.data.template = "plain"
    c.data.arithmeticDigits = 1
    c.rewards.funcs = ["digit_share"]
    c.sampling.numGenerations = 8
    c.sampling.promptsPerStep = 4
    c.sampling.maxCompletionLength = 12
    c.optimizer.maxSteps = steps
    c.optimizer.learningRate = 2e-3
    c.logging.saveSteps = saveSteps
    c.logging.evalSteps = evalSteps
    c.logging.evalSize = 4
    c.run.seed = 7
    c.run.threads = 2
    return c
}

/// A fresh run directory under the temporary folder.
func tempRun(_ label: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("grpo-\(label)-\(UUID().uuidString)")
}

/// Scores a completion by the token count the trainer gives rewards (nil when it gives none).
struct TokenCountEcho: ItemRewardFunction {
    let name = "token_echo"
    func scoreItem(_ item: RewardItem) -> RewardResult { RewardResult(item.fields["completion_tokens"]?.numberValue) }
}

@Suite(.serialized) struct GRPOTrainerTests {
    @Test func rewardsGetTheCompletionsTokenCount() async throws {
        let run = tempRun("tokens")
        defer { try? FileManager.default.removeItem(at: run) }
        var config = toyConfig(steps: 1)
        config.rewards.funcs = ["token_echo", "soft_overlong"]
        config.rewards.weights = [1, 0]
        config.rewards.options = ["soft_overlong": ["max_length": 6, "cache_length": 2]]
        try await GRPOTrainer(config: config, runDirectory: run, customRewards: ["token_echo": TokenCountEcho()]).train()
        let records = try RolloutLogReader(path: run.appendingPathComponent("rollouts.zst").path).read().records
        #expect(records.count == 32)
        for r in records {
            #expect(r.rewards["token_echo"] == Double(r.completionIds.count), "\(r.completion)")
            // DAPO's penalty counts tokens, as the trainer samples them, not words of the decoded text.
            let tokens = Double(r.completionIds.count)
            let expected = tokens <= 4 ? 0 : tokens <= 6 ? (4 - tokens) / 2 : -1
            #expect(r.rewards["soft_overlong"] == expected, "\(r.completionIds.count) tokens: \(r.completion)")
        }
    }

    @Test func meanRewardRisesOnAToyTask() async throws {
        let run = tempRun("toy")
        defer { try? FileManager.default.removeItem(at: run) }
        var config = toyConfig(steps: 40)
        config.logging.evalSteps = 15
        config.logging.evalSize = 8
        let trainer = try GRPOTrainer(config: config, runDirectory: run, customRewards: ["digit_share": DigitShare()])
        var rewards: [Double] = []
        try await trainer.train(progress: { if $0.step > 0 { rewards.append($0.metrics["reward"]!) } })
        let first = rewards.prefix(5).reduce(0, +) / 5, last = rewards.suffix(5).reduce(0, +) / 5
        #expect(last > first + 0.2, "mean reward \(first) → \(last)")
        // Greedy evaluation before step 1, at steps 15 and 30, and after the last step; it sees the gain too.
        let rows = try MetricsLogReader.read(path: run.appendingPathComponent("metrics.jsonl").path)
        let evals = rows.filter { $0["eval/reward"] != nil }
        #expect(evals.map { Int($0["step"]!) } == [0, 15, 30, 40])
        #expect(rows.count == 41)
        let before = evals.first!["eval/rewards/digit_share/mean"]!, after = evals.last!["eval/rewards/digit_share/mean"]!
        #expect(after > before + 0.2, "eval digit share \(before) → \(after)")
        let log = try RolloutLogReader(path: run.appendingPathComponent("rollouts.zst").path).read()
        #expect(log.frames == 40 && log.records.count == 40 * 32)
        #expect(FileManager.default.fileExists(atPath: run.appendingPathComponent("final/model.safetensors").path))
    }

    /// A toy run with a cold start first, then GRPO with a KL term.
    private func coldStarted(steps: Int, maxGradNorm: Double = 1) -> GRPOConfig {
        var c = toyConfig(steps: steps, saveSteps: 1)
        c.coldStart.steps = 4
        c.coldStart.batchSize = 8
        c.coldStart.learningRate = 1e-2
        c.loss.beta = 0.5
        c.optimizer.maxGradNorm = maxGradNorm
        return c
    }

    @Test func theKLReferenceIsThePolicyAfterTheColdStart() async throws {
        let straight = tempRun("ref"), split = tempRun("ref-split")
        defer { for u in [straight, split] { try? FileManager.default.removeItem(at: u) } }
        let rewards: [String: any RewardFunction] = ["digit_share": DigitShare()]
        try await GRPOTrainer(config: coldStarted(steps: 2), runDirectory: straight, customRewards: rewards).train()
        // At the first step the policy has not moved since the cold start: it is its own reference, KL 0.
        // A reference taken before the cold start would differ from it by four steps at lr 1e-2.
        let rows = try MetricsLogReader.read(path: straight.appendingPathComponent("metrics.jsonl").path)
        let kl = rows.first { $0["step"] == 1 }!["kl"]!
        #expect(abs(kl) < 1e-6 && rows.first { $0["step"] == 2 }!["kl"]! > 1e-7, "kl \(kl)")
        // The cold start is an SFT run of its own inside the run: its data (steps × batch traces), metrics and model.
        let cold = straight.appendingPathComponent("cold-start")
        let traces = try String(contentsOf: cold.appendingPathComponent("train.jsonl"), encoding: .utf8).split(separator: "\n")
        let coldRows = try MetricsLogReader.read(path: cold.appendingPathComponent("metrics.jsonl").path)
        #expect(traces.count == 32 && traces.allSatisfy { $0.contains("\"completion\"") && $0.contains("<answer>") })
        #expect(coldRows.compactMap { $0["step"] } == [1, 2, 3, 4] && coldRows.last!["loss"]! < coldRows.first!["loss"]!)
        #expect(FileManager.default.fileExists(atPath: cold.appendingPathComponent("final/model.safetensors").path))
        // Resume reads the reference back instead of redoing the cold start: the same weights as straight.
        try await GRPOTrainer(config: coldStarted(steps: 1), runDirectory: split, customRewards: rewards).train()
        try await GRPOTrainer(config: coldStarted(steps: 2), runDirectory: split, resume: true, customRewards: rewards).train()
        let a = try ModelDirectory.loadWeights(straight.appendingPathComponent("final")).tensors
        let b = try ModelDirectory.loadWeights(split.appendingPathComponent("final")).tensors
        for name in a.keys { #expect(a[name]!.toArray() == b[name]!.toArray(), "\(name)") }
    }

    @Test func aColdStartOnATaskWithoutTracesIsAClearError() async throws {
        let run = tempRun("notrace")
        defer { try? FileManager.default.removeItem(at: run) }
        let data = run.appendingPathComponent("gsm.jsonl")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try #"{"question": "1+1?", "answer": "so #### 2"}"#.write(to: data, atomically: true, encoding: .utf8)
        var c = coldStarted(steps: 1)
        c.data.task = "gsm8k"
        c.data.path = data.path
        let trainer = try GRPOTrainer(config: c, runDirectory: run.appendingPathComponent("out"),
                                      customRewards: ["digit_share": DigitShare()])
        do {
            try await trainer.train()
            Issue.record("a cold start without traces trained")
        } catch {
            #expect("\(error)".hasPrefix("cold_start_steps: \(data.path): examples have no worked trace"), "\(error)")
        }
    }

    @Test func maxGradNormZeroDisablesClippingInTheColdStartToo() async throws {
        let off = tempRun("noclip"), huge = tempRun("hugeclip")
        defer { for u in [off, huge] { try? FileManager.default.removeItem(at: u) } }
        let rewards: [String: any RewardFunction] = ["digit_share": DigitShare()]
        try await GRPOTrainer(config: coldStarted(steps: 1, maxGradNorm: 0), runDirectory: off, customRewards: rewards).train()
        try await GRPOTrainer(config: coldStarted(steps: 1, maxGradNorm: 1e9), runDirectory: huge, customRewards: rewards).train()
        let a = try ModelDirectory.loadWeights(off.appendingPathComponent("final")).tensors
        let b = try ModelDirectory.loadWeights(huge.appendingPathComponent("final")).tensors
        for name in a.keys { #expect(a[name]!.toArray() == b[name]!.toArray(), "\(name)") }
    }

    @Test func loggingStepsWritesTheMeanOfEachWindow() async throws {
        let run = tempRun("logging")
        defer { try? FileManager.default.removeItem(at: run) }
        var config = toyConfig(steps: 8, saveSteps: 0, evalSteps: 5)
        config.logging.loggingSteps = 3
        var perStep: [Int: [String: Double]] = [:]
        try await GRPOTrainer(config: config, runDirectory: run, customRewards: ["digit_share": DigitShare()])
            .train(progress: { perStep[$0.step] = $0.metrics })
        let rows = try MetricsLogReader.read(path: run.appendingPathComponent("metrics.jsonl").path)
        // Windows end every 3 steps, at the evaluations (0, 5 and the last step) and at the end.
        #expect(rows.map { Int($0["step"]!) } == [0, 3, 5, 6, 8])
        let windows = [3: [1, 2, 3], 5: [4, 5], 6: [6], 8: [7, 8]]
        for row in rows where row["step"]! > 0 {
            let steps = windows[Int(row["step"]!)]!
            for key in ["reward", "loss", "completions/mean_length"] {
                let mean = steps.map { perStep[$0]![key]! }.reduce(0, +) / Double(steps.count)
                #expect(abs(row[key]! - mean) < 1e-9 * max(1, abs(mean)), "\(key) at step \(row["step"]!)")
            }
        }
        #expect(rows.first { $0["step"] == 5 }!["eval/reward"] == perStep[5]!["eval/reward"])
    }

    @Test func theRolloutLogsSeedRedrawsEachSample() async throws {
        let run = tempRun("seed"), fresh = tempRun("seed-fresh")
        defer { for u in [run, fresh] { try? FileManager.default.removeItem(at: u) } }
        let config = toyConfig(steps: 1)
        let rewards: [String: any RewardFunction] = ["digit_share": DigitShare()]
        // Step 1 was sampled by the untrained policy, which a trainer that has not trained still holds.
        let untrained = try GRPOTrainer(config: config, runDirectory: fresh, customRewards: rewards)
        try await GRPOTrainer(config: config, runDirectory: run, customRewards: rewards).train()
        let records = try RolloutLogReader(path: run.appendingPathComponent("rollouts.zst").path).read().records
        #expect(Set(records.map(\.seed)).count == records.count, "one seed per sample")
        untrained.policy.training = false
        let engine = GenerationEngine(model: untrained.policy)
        let params = SamplingParams(temperature: Float(config.sampling.temperature), topK: config.sampling.topK, topP: Float(config.sampling.topP),
                                    minP: Float(config.sampling.minP), repetitionPenalty: Float(config.sampling.repetitionPenalty),
                                    maxNewTokens: config.sampling.maxCompletionLength,
                                    stopTokenIds: untrained.policy.config.eosTokenIds.map(Int32.init))
        for r in records.prefix(10) {
            let again = try engine.generate([GenerationRequest(promptIds: r.promptIds, n: 1, params: params, seed: r.seed)])
            #expect(again[0].completionIds == r.completionIds, "sample \(r.sampleIndex) of prompt \(r.promptIndex)")
        }
    }

    @Test func resumeIsBitIdentical() async throws {
        let straight = tempRun("straight"), split = tempRun("split")
        defer { for u in [straight, split] { try? FileManager.default.removeItem(at: u) } }
        let rewards: [String: any RewardFunction] = ["digit_share": DigitShare()]
        try await GRPOTrainer(config: toyConfig(steps: 6, saveSteps: 3, evalSteps: 3), runDirectory: straight,
                              customRewards: rewards).train()
        // Stop after 3 steps (a checkpoint at 3), then resume to 6 in a new trainer; evaluations at 0, 3, 6.
        var partial = toyConfig(steps: 6, saveSteps: 3, evalSteps: 3)
        partial.optimizer.maxSteps = 3
        try await GRPOTrainer(config: partial, runDirectory: split, customRewards: rewards).train()
        try await GRPOTrainer(config: toyConfig(steps: 6, saveSteps: 3, evalSteps: 3), runDirectory: split, resume: true,
                              customRewards: rewards).train()
        let a = try ModelDirectory.loadWeights(straight.appendingPathComponent("final")).tensors
        let b = try ModelDirectory.loadWeights(split.appendingPathComponent("final")).tensors
        #expect(a.keys.sorted() == b.keys.sorted())
        for name in a.keys { #expect(a[name]!.toArray() == b[name]!.toArray(), "\(name)") }
        func metrics(_ run: URL) throws -> [String] {
            try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8)
                .split(separator: "\n").map { line in
                    // Timings differ run to run; everything else must match.
                    var obj = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
                    for key in obj.keys where key.hasPrefix("step_time") { obj[key] = nil }
                    return String(decoding: try JSONSerialization.data(withJSONObject: obj, options: [.sortedKeys]), as: UTF8.self)
                }
        }
        #expect(try metrics(straight) == metrics(split))
        let rows = try MetricsLogReader.read(path: split.appendingPathComponent("metrics.jsonl").path)
        #expect(rows.filter { $0["eval/reward"] != nil }.map { $0["step"]! } == [0, 3, 6])
        let ra = try RolloutLogReader(path: straight.appendingPathComponent("rollouts.zst").path).read()
        let rb = try RolloutLogReader(path: split.appendingPathComponent("rollouts.zst").path).read()
        #expect(ra.records == rb.records && ra.frames == 6)
    }
}

/// Digit share for questions about sums with a first operand of at least 5; 0 for all others, so
/// those groups carry no signal.
struct HalfFlat: ItemRewardFunction {
    let name = "half_flat"
    func scoreItem(_ item: RewardItem) -> RewardResult {
        guard let digit = item.prompt.first(where: \.isNumber), let value = digit.wholeNumberValue, value >= 5 else {
            return RewardResult(0)
        }
        return DigitShare().scoreItem(item)
    }
}

@Suite struct DynamicSamplingTests {
    @Test func flatGroupsAreReplacedBySampling() async throws {
        var config = toyConfig(steps: 4)
        config.rewards.funcs = ["half_flat"]
        config.sampling.numGenerations = 4
        config.sampling.maxCompletionLength = 8
        config.run.seed = 3
        config.sampling.dynamicSampling = true
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("grpo-dyn-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: run) }
        var reports: [StepReport] = []
        try await GRPOTrainer(config: config, runDirectory: run, customRewards: ["half_flat": HalfFlat()])
            .train(progress: { reports.append($0) })
        #expect(reports.contains { ($0.metrics["dynamic_sampling/rounds"] ?? 0) > 1 }, "some step should need a second round")
        for r in reports where (r.metrics["dynamic_sampling/rounds"] ?? 0) < Double(config.sampling.dynamicSamplingMaxRounds) {
            #expect(r.metrics["frac_reward_zero_std"] == 0, "step \(r.step) kept a flat group")
        }
    }
}

/// Counts calls from concurrent tasks.
final class CallCounter: @unchecked Sendable {
    private let lock = NSLock()
    private var count = 0
    func add() { lock.lock(); count += 1; lock.unlock() }
    var value: Int { lock.lock(); defer { lock.unlock() }; return count }
}

/// Digit share, declared as mostly waiting so `overlap_rewards: auto` scores half a step while sampling
/// the other; counts the batches it is asked to score.
struct WaitingDigitShare: RewardFunction {
    let name = "digit_share"
    let calls: CallCounter
    var mostlyWaits: Bool { true }
    func score(_ batch: [RewardItem]) async throws -> [RewardResult] {
        calls.add()
        return batch.map { DigitShare().scoreItem($0) }
    }
}

@Suite struct OverlappedScoringTests {
    /// Scoring while sampling changes when rewards are computed, never what they are.
    @Test func overlapGivesTheSameRun() async throws {
        var records: [[RolloutRecord]] = [], rewards: [[Double]] = []
        for overlap in [nil, false] as [Bool?] {
            var config = toyConfig(steps: 3)
            config.sampling.promptsPerStep = 5
            config.rewards.overlap = overlap
            let run = tempRun("overlap")
            defer { try? FileManager.default.removeItem(at: run) }
            var stepRewards: [Double] = []
            let calls = CallCounter()
            try await GRPOTrainer(config: config, runDirectory: run,
                                  customRewards: ["digit_share": WaitingDigitShare(calls: calls)])
                .train(progress: { stepRewards.append($0.metrics["reward"]!) })
            // Two halves a step when overlapping (2 + 3 prompts), one batch a step when not.
            #expect(calls.value == (overlap == nil ? 6 : 3))
            records.append(try RolloutLogReader(path: run.appendingPathComponent("rollouts.zst").path).read().records)
            rewards.append(stepRewards)
        }
        #expect(records[0].count == 3 * 5 * 8 && records[0] == records[1])
        #expect(rewards[0] == rewards[1])
    }
}
