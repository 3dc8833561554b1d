// The GRPO loop end to end on a toy task a random model can learn in a few dozen steps (reward: the
// share of digits in the completion), and exact resume: N steps straight equal k steps, a restart from
// the checkpoint, and N − k more — weights, metrics and rollout logs alike.
import Autograd
import Foundation
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

private func toyConfig(steps: Int, saveSteps: Int = 0, evalSteps: Int = 0) -> GRPOConfig {
    var c = GRPOConfig()
    c.name = "toy"
    c.model = "tiny"
    c.tokenizer = "char"
    c.template = "plain"
    c.arithmeticDigits = 1
    c.rewardFuncs = ["digit_share"]
    c.numGenerations = 8
    c.promptsPerStep = 4
    c.maxCompletionLength = 12
    c.maxSteps = steps
    c.learningRate = 2e-3
    c.saveSteps = saveSteps
    c.evalSteps = evalSteps
    c.evalSize = 4
    c.seed = 7
    c.threads = 2
    return c
}

private func tempRun(_ label: String) -> URL {
    FileManager.default.temporaryDirectory.appendingPathComponent("grpo-\(label)-\(UUID().uuidString)")
}

@Suite(.serialized) struct GRPOTrainerTests {
    @Test func meanRewardRisesOnAToyTask() async throws {
        let run = tempRun("toy")
        defer { try? FileManager.default.removeItem(at: run) }
        var config = toyConfig(steps: 40)
        config.evalSteps = 15
        config.evalSize = 8
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

    @Test func resumeIsBitIdentical() async throws {
        let straight = tempRun("straight"), split = tempRun("split")
        defer { for u in [straight, split] { try? FileManager.default.removeItem(at: u) } }
        let rewards: [String: any RewardFunction] = ["digit_share": DigitShare()]
        try await GRPOTrainer(config: toyConfig(steps: 6, saveSteps: 3, evalSteps: 3), runDirectory: straight,
                              customRewards: rewards).train()
        // Stop after 3 steps (a checkpoint at 3), then resume to 6 in a new trainer; evaluations at 0, 3, 6.
        var partial = toyConfig(steps: 6, saveSteps: 3, evalSteps: 3)
        partial.maxSteps = 3
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
        config.rewardFuncs = ["half_flat"]
        config.numGenerations = 4
        config.maxCompletionLength = 8
        config.seed = 3
        config.dynamicSampling = true
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("grpo-dyn-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: run) }
        var reports: [StepReport] = []
        try await GRPOTrainer(config: config, runDirectory: run, customRewards: ["half_flat": HalfFlat()])
            .train(progress: { reports.append($0) })
        #expect(reports.contains { ($0.metrics["dynamic_sampling/rounds"] ?? 0) > 1 }, "some step should need a second round")
        for r in reports where (r.metrics["dynamic_sampling/rounds"] ?? 0) < Double(config.dynamicSamplingMaxRounds) {
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
            config.promptsPerStep = 5
            config.overlapRewards = overlap
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
