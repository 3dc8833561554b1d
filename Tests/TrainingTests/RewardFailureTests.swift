// Rewards that fail inside a GRPO run cost their completions a score, never the run: a non-finite score,
// a plugin that crashes and a reward that outlives reward_timeout each score 0, reach the rollout log's
// reward_info, the metrics (rewards/NAME/errors) and the alarms, and the step still updates. A loss that
// or gradient that stays NaN stops the run after three steps, and no checkpoint holds a non-finite weight.
import Foundation
import Models
import RolloutLog
import Rewards
import Testing
import Training

/// A score of NaN for completions whose length is a multiple of 3, else a length-based score with info.
struct FlakyScore: ItemRewardFunction {
    let name = "flaky"
    func scoreItem(_ item: RewardItem) -> RewardResult {
        let n = item.completion.count
        return n % 3 == 0 ? RewardResult(.nan) : RewardResult(Double(n % 5) / 4, info: ["chars": .number(Double(n))])
    }
}

@Suite(.serialized) struct RewardFailureTests {
    func plugin(_ name: String, _ body: String) throws -> String {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("\(UUID().uuidString)-\(name)")
        try body.write(to: url, atomically: true, encoding: .utf8)
        return url.path
    }

    @Test func aNonFiniteScoreCostsOneCompletionItsScore() async throws {
        let run = tempRun("flaky")
        defer { try? FileManager.default.removeItem(at: run) }
        var config = toyConfig(steps: 2)
        config.rewards.funcs = ["flaky"]
        let trainer = try GRPOTrainer(config: config, runDirectory: run, customRewards: ["flaky": FlakyScore()])
        let before = trainer.policy.parameterList.map { $0.toArray() }
        try await trainer.train()
        #expect(trainer.policy.parameterList.map { $0.toArray() } != before, "the steps updated nothing")
        let records = try RolloutLogReader(path: run.appendingPathComponent("rollouts.zst").path).read().records
        var failedAtStep1 = 0
        for r in records {
            let info = r.rewardInfo?["flaky"] ?? ""
            if r.completion.count % 3 == 0 {
                #expect(r.rewards["flaky"] == 0 && info.contains("non-finite score nan"), "\(info)")
                if r.step == 1 { failedAtStep1 += 1 }
            } else {
                #expect(info.contains("\"chars\""), "\(info)")
            }
        }
        #expect(failedAtStep1 > 0, "the fixture should fail on some completions")
        let rows = try MetricsLogReader.read(path: run.appendingPathComponent("metrics.jsonl").path)
        let step1 = rows.first { $0["step"] == 1 }!
        #expect(step1["rewards/flaky/errors"] == Double(failedAtStep1) && step1["loss"]!.isFinite)
        let alarms = try String(contentsOf: run.appendingPathComponent("alarms.log"), encoding: .utf8)
        #expect(alarms.contains("step 1: reward flaky failed on \(failedAtStep1) of 32 completions (scored 0): non-finite score"), "\(alarms)")
    }

    @Test func aCrashingPluginAndATimedOutOneCostScoresNotTheRun() async throws {
        // Crashes on completions holding a digit; answers with info otherwise.
        let crashing = try plugin("crash.py", """
            import json, sys
            for line in sys.stdin:
                c = json.loads(line)["completion"]
                if any(ch.isdigit() for ch in c):
                    sys.exit(3)
                print(json.dumps({"reward": 0.5, "info": {"seen": len(c)}}), flush=True)
            """)
        let sleepy = try plugin("sleepy.py", "import sys, time\nfor line in sys.stdin:\n    time.sleep(30)\n")
        let run = tempRun("plugins")
        defer { try? FileManager.default.removeItem(at: run) }
        var config = toyConfig(steps: 1)
        config.rewards.funcs = ["digit_share", crashing, sleepy]
        config.rewards.timeout = 2
        let started = Date()
        try await GRPOTrainer(config: config, runDirectory: run, customRewards: ["digit_share": DigitShare()]).train()
        #expect(Date().timeIntervalSince(started) < 25, "the sleeping plugin held the run")
        let records = try RolloutLogReader(path: run.appendingPathComponent("rollouts.zst").path).read().records
        let crashName = (crashing as NSString).lastPathComponent, sleepyName = (sleepy as NSString).lastPathComponent
        var crashed = 0
        for r in records {
            let info = r.rewardInfo?[crashName] ?? ""
            if r.completion.contains(where: \.isNumber) {
                crashed += 1
                #expect(r.rewards[crashName] == 0 && info.contains("error"), "\(info)")
            } else {
                #expect(r.rewards[crashName] == 0.5 && info.contains("\"seen\""), "\(info)")
            }
            #expect(r.rewards[sleepyName] == 0 && (r.rewardInfo?[sleepyName] ?? "").contains("timed out"))
        }
        let step = try MetricsLogReader.read(path: run.appendingPathComponent("metrics.jsonl").path).first { $0["step"] == 1 }!
        #expect(step["rewards/\(crashName)/errors"] == Double(crashed) && step["rewards/\(sleepyName)/errors"] == 32)
        let alarms = try String(contentsOf: run.appendingPathComponent("alarms.log"), encoding: .utf8)
        #expect(alarms.contains(sleepyName) && (crashed == 0 || alarms.contains("reward \(crashName) failed on \(crashed) of 32")), "\(alarms)")
    }

    @Test func aLossThatStaysNaNStopsTheRunAfterThreeSteps() async throws {
        let run = tempRun("nan")
        defer { try? FileManager.default.removeItem(at: run) }
        // A learning rate this large overflows the weights on the first update; every later loss is NaN.
        var config = toyConfig(steps: 10, saveSteps: 1)
        config.optimizer.learningRate = 1e30
        config.optimizer.maxGradNorm = 0
        let trainer = try GRPOTrainer(config: config, runDirectory: run, customRewards: ["digit_share": DigitShare()])
        await #expect(throws: ConfigError.self) { try await trainer.train() }
        let rows = try MetricsLogReader.read(path: run.appendingPathComponent("metrics.jsonl").path)
        let bad = rows.filter { !($0["loss"] ?? 0).isFinite || !($0["grad_norm"] ?? 0).isFinite }.count
        #expect(bad == 3 && rows.count < 10, "\(rows.count) steps, \(bad) with a NaN loss or gradient")
        // The checkpoints hold finite weights only: a skipped update never reaches them.
        let last = try ModelDirectory.loadWeights(run.appendingPathComponent("checkpoints/step-\(rows.count)")).tensors
        #expect(last.values.allSatisfy { $0.toArray().allSatisfy(\.isFinite) })
        let alarms = try String(contentsOf: run.appendingPathComponent("alarms.log"), encoding: .utf8)
        #expect(alarms.contains("loss was NaN or infinite: the update was skipped"))
    }
}
