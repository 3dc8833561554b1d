// External plugins through the real process protocol: the shipped examples against their cases, a plugin
// kept alive across batches, and a misbehaving plugin's crash, bad lines and timeout (zero, logged, restarted).
import Foundation
import Rewards
import Testing

@Suite struct ExternalRewardTests {
    static let repository = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()
    static let flaky = Fixtures.directory.appendingPathComponent("flaky_plugin.py").path

    @Test(arguments: ["word_budget.py", "ends_with_period.sh"])
    func shippedExampleAgreesWithItsCases(_ plugin: String) async throws {
        let path = Self.repository.appendingPathComponent("rewards/examples/\(plugin)").path
        let casesPath = path.replacingOccurrences(of: ".py", with: ".cases.jsonl").replacingOccurrences(
            of: ".sh", with: ".cases.jsonl")
        let reward = try RewardRegistry.make(path)
        let checks = try await RewardCaseCheck.run(reward, cases: try RewardInputFile.read(casesPath), file: casesPath)
        #expect(checks.count == 5)
        let failing = checks.filter { !$0.passed }.map(\.line)
        #expect(failing.isEmpty, "lines that disagree: \(failing)")
    }

    @Test func pluginStaysAliveAcrossBatches() async throws {
        let reward = try ExternalReward(path: Self.flaky)
        let first = try await reward.score([RewardItem(completion: "abc")])
        let second = try await reward.score([RewardItem(completion: "abcd"), RewardItem(completion: "skip")])
        #expect(first[0].score == 3)
        #expect(second.map(\.score) == [4, nil])
        #expect(first[0].info["pid"] == second[0].info["pid"])
        #expect(await reward.starts == 1)
    }

    @Test func concurrentBatchesEachGetTheirOwnAnswers() async throws {
        let reward = try ExternalReward(path: Self.flaky, timeout: 10)
        let batches = (1...4).map { b in (0..<25).map { RewardItem(completion: String(repeating: "a", count: b * 100 + $0)) } }
        let results = try await withThrowingTaskGroup(of: (Int, [RewardResult]).self) { group in
            for (i, batch) in batches.enumerated() { group.addTask { (i, try await reward.score(batch)) } }
            var all = [[RewardResult]](repeating: [], count: batches.count)
            for try await (i, r) in group { all[i] = r }
            return all
        }
        for (batch, scored) in zip(batches, results) {
            #expect(scored.map(\.score) == batch.map { Double($0.completion.count) })
        }
        #expect(await reward.starts == 1)
    }

    @Test func crashBadLinesAndTimeoutCostOneItemAndRestartThePlugin() async throws {
        let reward = try ExternalReward(path: Self.flaky, timeout: 2)
        let batch = ["ab", "crash", "abc", "garbage", "abcd", "bad_reward", "abcde", "sleep", "x"].map {
            RewardItem(completion: $0)
        }
        let results = try await reward.score(batch)
        #expect(results.map(\.score) == [2, 0, 3, 0, 4, 0, 5, 0, 1])
        #expect(results[1].info["error"]?.stringValue?.contains("exit status 3") == true)
        #expect(results[1].info["error"]?.stringValue?.contains("crashing as asked") == true)
        #expect(results[3].info["error"]?.stringValue?.contains("not JSON") == true)
        #expect(results[5].info["error"]?.stringValue?.contains("\"reward\" must be a number") == true)
        #expect(results[7].info["error"]?.stringValue?.contains("no response within") == true)
        let pids = [0, 2, 4, 6, 8].compactMap { results[$0].info["pid"] }
        #expect(Set(pids).count == 5, "each failure restarts the plugin")
        #expect(await reward.starts == 5)
    }

    @Test func stoppingLeavesNoPluginProcess() async throws {
        let reward = try ExternalReward(path: Self.flaky)
        let pid = try #require(try await reward.score([RewardItem(completion: "abc")])[0].info["pid"]?.numberValue)
        #expect(kill(pid_t(pid), 0) == 0)
        await reward.stop()
        #expect(kill(pid_t(pid), 0) != 0, "the plugin process must be gone (killed and reaped)")
    }

    @Test func missingOrUnrunnablePluginIsAClearError() throws {
        #expect(throws: RewardError.badInput("reward plugin /nonexistent/plugin.py does not exist")) {
            try RewardRegistry.make("/nonexistent/plugin.py")
        }
        #expect(throws: RewardError.self) { try RewardRegistry.make("no_such_reward") }
    }

    @Test func badInputFileNamesFileAndLine() throws {
        let path = NSTemporaryDirectory() + "/grpo-reward-input-\(UUID().uuidString).jsonl"
        try "{\"completion\": \"ok\"}\n\n{\"prompt\": \"p\"}\n".write(toFile: path, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect(throws: RewardError.badInput("\(path):3: missing field \"completion\"")) {
            try RewardInputFile.read(path)
        }
        try "{\"completion\": \"ok\"}\n{not json\n".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: RewardError.badInput("\(path):2: not valid JSON ({not json)")) {
            try RewardInputFile.read(path)
        }
    }
}
