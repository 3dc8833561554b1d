// Format, tag, length and repetition rules, the registry and weighted composition.
import Foundation
import Rewards
import Testing

@Suite struct FormatRewardTests {
    static func item(_ completion: String, _ fields: [String: JSONValue] = [:]) -> RewardItem {
        RewardItem(prompt: "p", completion: completion, fields: fields)
    }

    @Test func thinkFormatAcceptsOnlyTheR1Shape() throws {
        let rule = try ThinkFormatReward()
        #expect(rule.scoreItem(Self.item("<think>\n2+2=4\n</think>\n<answer>\n4\n</answer>")).score == 1)
        #expect(rule.scoreItem(Self.item("<think>a</think><answer>4</answer>")).score == 1)
        #expect(rule.scoreItem(Self.item("<answer>4</answer>")).score == 0)
        #expect(rule.scoreItem(Self.item("<think>a</think><answer>4</answer> trailing")).score == 0)
        #expect(rule.scoreItem(Self.item("<think>a<think>b</think><answer>4</answer>")).score == 0)
        #expect(rule.scoreItem(Self.item("<think>a</think><answer>4</answer><answer>5</answer>")).score == 0)
        let strict = try ThinkFormatReward(options: ["require_newlines": true])
        #expect(strict.scoreItem(Self.item("<think>a</think><answer>4</answer>")).score == 0)
        #expect(strict.scoreItem(Self.item("<think>\na\n</think>\n<answer>\n4\n</answer>")).score == 1)
        let custom = try ThinkFormatReward(options: ["think_tag": "reasoning", "answer_tag": "final"])
        #expect(custom.scoreItem(Self.item("<reasoning>x</reasoning><final>1</final>")).score == 1)
        // The R1-Zero template opens <think> in the prompt; the completion continues it.
        let prefilled = RewardItem(prompt: "User: 2+2?\nAssistant: <think>", completion: "2+2=4</think> <answer>4</answer>")
        #expect(rule.scoreItem(prefilled).score == 1)
        #expect(rule.scoreItem(RewardItem(prompt: "Assistant: <think>", completion: "<think>a</think><answer>4</answer>")).score == 0)
    }

    @Test func tagCountGivesAQuarterPerTagSeenOnce() {
        let rule = TagCountReward()
        #expect(rule.scoreItem(Self.item("<think>\nx\n</think>\n<answer>\n4\n</answer>")).score == 1)
        #expect(rule.scoreItem(Self.item("<think>\nx\n</think>\n")).score == 0.5)
        #expect(rule.scoreItem(Self.item("<think>\n<think>\nx")).score == 0)
    }

    @Test func cosineLengthFollowsOpenR1() throws {
        let rule = try CosineLengthReward(options: ["max_len": 100])
        let right = Self.item("\\boxed{4}", ["answer": "4", "completion_tokens": 0])
        let rightLong = Self.item("\\boxed{4}", ["answer": "4", "completion_tokens": 100])
        let wrong = Self.item("\\boxed{5}", ["answer": "4", "completion_tokens": 0])
        let wrongLong = Self.item("\\boxed{5}", ["answer": "4", "completion_tokens": 100])
        #expect(rule.scoreItem(right).score == 1)
        #expect(abs(rule.scoreItem(rightLong).score! - 0.5) < 1e-12)
        #expect(rule.scoreItem(wrong).score == -1)
        #expect(abs(rule.scoreItem(wrongLong).score! - -0.5) < 1e-12)
        #expect(rule.scoreItem(Self.item("x", ["correct": true, "completion_tokens": 50])).score! < 1)
        #expect(rule.scoreItem(Self.item("no gold")).score == nil)
    }

    @Test func softOverlongPenaltyIsDAPOs() throws {
        let rule = try SoftOverlongReward(options: ["max_length": 100, "cache_length": 20])
        func score(_ tokens: Int) -> Double? {
            rule.scoreItem(Self.item("x", ["completion_tokens": .number(Double(tokens))])).score
        }
        #expect(score(80) == 0)
        #expect(score(90) == -0.5)
        #expect(score(100) == -1)
        #expect(score(150) == -1)
        #expect(throws: RewardError.self) { try SoftOverlongReward(options: ["max_length": 10, "cache_length": 20]) }
    }

    @Test func repetitionPenaltyGrowsWithRepeatedNgrams() throws {
        let rule = try RepetitionPenaltyReward(options: ["ngram_size": 2, "max_penalty": -1])
        #expect(rule.scoreItem(Self.item("a b c d e")).score == 0)
        #expect(rule.scoreItem(Self.item("a b a b a b")).score! < -0.5)
        #expect(rule.scoreItem(Self.item("a")).score == 0)
        #expect(
            throws: RewardError.badInput(
                "repetition_penalty: option ngram_size must be a whole number of at least 1 (got 0)")
        ) {
            try RepetitionPenaltyReward(options: ["ngram_size": 0])
        }
    }

    @Test func weightedSumKeepsEveryComponentAndSkipsNotApplicable() async throws {
        let reward = try RewardRegistry.weighted([
            ("math_answer", 2, [:]), ("think_format", 0.5, [:]), ("tag_count", 1, [:]),
        ])
        let results = try await reward.score([
            Self.item("<think>\nx\n</think>\n<answer>\n4\n</answer>", ["answer": "4"]),
            Self.item("<think>\nx\n</think>\n<answer>\n4\n</answer>"),
        ])
        #expect(results[0].score == 2 + 0.5 + 1)
        #expect(results[1].score == 0.5 + 1, "math_answer does not apply without a gold answer")
        let parts = results[1].info["components"]?.objectValue
        #expect(parts?["math_answer"]?["reward"] == .null)
        #expect(parts?["tag_count"]?["reward"] == 1)
    }

    @Test func timeoutBoundsASlowReward() async throws {
        struct Slow: RewardFunction {
            var name: String { "slow" }
            func score(_ batch: [RewardItem]) async throws -> [RewardResult] {
                try await Task.sleep(nanoseconds: 10_000_000_000)
                return batch.map { _ in RewardResult(1) }
            }
        }
        await #expect(throws: RewardError.timeout(reward: "slow", seconds: 0.2)) {
            try await Slow().score([Self.item("x")], timeout: 0.2)
        }
        #expect(try await MathAnswerReward().score([Self.item("\\boxed{1}", ["answer": 1])], timeout: 5)[0].score == 1)
    }

    @Test func registryKnowsEveryBuiltinAndRejectsBadOptions() throws {
        #expect(
            RewardRegistry.names == [
                "code_tests", "cosine_length", "countdown", "math_answer", "repetition_penalty",
                "soft_overlong", "tag_count", "think_format",
            ])
        #expect(throws: RewardError.badInput("soft_overlong: option max_length must be a number (got \"long\")")) {
            try RewardRegistry.make("soft_overlong", options: ["max_length": "long"])
        }
    }
}
