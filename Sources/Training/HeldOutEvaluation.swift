// Held-out evaluation, shared by `grpo eval` and the trainer's `eval_steps`: n samples per prompt, scored
// by the task's correctness reward and the think/answer format rule, summarised as pass@1 (mean over the
// samples), unbiased pass@k (Chen et al. 2021), maj@k (majority vote over the extracted answers of the
// first k samples), format rate and mean completion length.
import Foundation
import Generation
import Rewards
import Tasks

/// What one evaluation measured; fractions in 0...1.
public struct EvalSummary: Sendable, Equatable {
    /// Prompts evaluated.
    public var prompts: Int
    /// Samples per prompt.
    public var samplesPerPrompt: Int
    /// Unbiased pass@k for each asked k (k = 1 is the mean correctness).
    public var passAt: [Int: Double]
    /// Majority-vote accuracy over the first k samples, for each asked k.
    public var majAt: [Int: Double]
    /// Share of completions in the think/answer format.
    public var formatRate: Double
    /// Mean completion length in tokens.
    public var meanCompletionTokens: Double
    /// Share of completions cut by the token limit.
    public var clippedRatio: Double

    /// The summary under TRL-style metric names with `prefix` (`eval/`).
    public func metrics(prefix: String) -> [String: Double] {
        var m = ["\(prefix)format_rate": formatRate, "\(prefix)completions/mean_length": meanCompletionTokens,
                 "\(prefix)completions/clipped_ratio": clippedRatio]
        for (k, v) in passAt { m["\(prefix)pass@\(k)"] = v }
        for (k, v) in majAt where k > 1 { m["\(prefix)maj@\(k)"] = v }
        return m
    }
}

/// Unbiased pass@k from n samples of which c are correct: 1 - C(n-c, k) / C(n, k).
public func passAtK(n: Int, correct c: Int, k: Int) -> Double {
    precondition(k >= 1 && k <= n && (0...n).contains(c))
    if n - c < k { return 1 }
    if c == 0 { return 0 }
    var missAll = 1.0
    for i in (n - c + 1)...n { missAll *= 1 - Double(k) / Double(i) }
    return 1 - missAll
}

/// Scores completions of held-out examples and summarises them.
public struct HeldOutEvaluation: Sendable {
    /// The reward whose score 1 means correct; its `extracted` info is the vote of maj@k.
    public let correctness: any ItemRewardFunction
    /// The k of pass@k and maj@k.
    public let ks: [Int]
    let format: ThinkFormatReward

    /// An evaluation; every k must be at least 1.
    public init(correctness: any ItemRewardFunction, ks: [Int]) throws {
        guard !ks.isEmpty, ks.allSatisfy({ $0 >= 1 }) else { throw ConfigError("k: every k must be at least 1 (got \(ks))") }
        self.correctness = correctness
        self.ks = ks
        format = try ThinkFormatReward()
    }

    /// The correctness reward of a task: the Countdown checker for countdown, else the math answer checker.
    public static func correctness(task: String) -> any ItemRewardFunction {
        task == "countdown" ? CountdownReward() : MathAnswerReward()
    }

    /// The same sampling seeds for every model, so two checkpoints meet the same draws.
    public static func requests(_ prompts: [[Int32]], n: Int, params: SamplingParams, seed: UInt64) -> [GenerationRequest] {
        prompts.enumerated().map { i, ids in
            GenerationRequest(promptIds: ids, n: n, params: params, seed: GenerationRequest.seed(seed, i))
        }
    }

    /// Summarises `completions` (every sample of every example, in any order); each k must not exceed n.
    public func summarize(_ examples: [Example], completions: [Completion]) throws -> EvalSummary {
        let byPrompt = Dictionary(grouping: completions, by: \.promptIndex)
        let n = byPrompt.values.map(\.count).min() ?? 0
        guard n > 0, byPrompt.count == examples.count else { throw ConfigError("evaluation: no completions to score") }
        if let k = ks.first(where: { $0 > n }) {
            throw ConfigError("k: \(k) is more than the \(n) samples per prompt (raise --n)")
        }
        var pass = [Int: Double](), maj = [Int: Double](), formatted = 0, tokens = 0, clipped = 0
        for (i, example) in examples.enumerated() {
            let samples = byPrompt[i]!.sorted { $0.sampleIndex < $1.sampleIndex }
            let results = samples.map {
                correctness.scoreItem(RewardItem(prompt: example.prompt, completion: $0.text, fields: example.fields))
            }
            let right = results.map { $0.score == 1 }
            for k in ks { pass[k, default: 0] += passAtK(n: samples.count, correct: right.filter { $0 }.count, k: k) }
            for k in ks { maj[k, default: 0] += Self.majorityRight(Array(zip(results, right).prefix(k))) ? 1 : 0 }
            formatted += samples.filter {
                format.scoreItem(RewardItem(prompt: example.prompt, completion: $0.text)).score == 1
            }.count
            tokens += samples.reduce(0) { $0 + $1.completionIds.count }
            clipped += samples.filter { $0.finishReason == .length }.count
        }
        let p = Double(examples.count), all = Double(completions.count)
        return EvalSummary(prompts: examples.count, samplesPerPrompt: n, passAt: pass.mapValues { $0 / p },
                           majAt: maj.mapValues { $0 / p }, formatRate: Double(formatted) / all,
                           meanCompletionTokens: Double(tokens) / all, clippedRatio: Double(clipped) / all)
    }

    /// Whether the most frequent extracted answer is a correct one; ties go to the answer seen first.
    static func majorityRight(_ votes: [(RewardResult, Bool)]) -> Bool {
        var counts: [String: (count: Int, first: Int, right: Bool)] = [:]
        for (i, (result, right)) in votes.enumerated() {
            guard let answer = result.info["extracted"]?.stringValue else { continue }
            let c = counts[answer] ?? (0, i, right)
            counts[answer] = (c.count + 1, c.first, c.right || right)
        }
        let winner = counts.values.max { ($0.count, -$0.first) < ($1.count, -$1.first) }
        return winner?.right ?? false
    }
}
