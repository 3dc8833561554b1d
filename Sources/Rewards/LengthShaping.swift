// Length and repetition shaping: cosine length scaling (Yeo et al. 2025, "Demystifying Long Chain-of-Thought",
// as in open-r1), DAPO's soft overlong penalty (Yu et al. 2025), and open-r1's n-gram repetition penalty.
// Lengths are `completion_tokens` when the trainer passes it, else whitespace-separated words.
import Foundation

/// The completion's length: the `completion_tokens` field if present, else its number of words.
func completionLength(_ item: RewardItem) -> Double {
    if let tokens = item.fields["completion_tokens"]?.numberValue { return tokens }
    return Double(item.completion.split(whereSeparator: \.isWhitespace).count)
}

/// Correct answers earn more when short, wrong ones are punished less when long (they kept thinking).
public struct CosineLengthReward: ItemRewardFunction {
    public var name: String { "cosine_length" }
    /// A wrong answer scores `minValueWrong` when short, rising to `maxValueWrong` at `maxLength`.
    public var minValueWrong = -1.0, maxValueWrong = -0.5
    /// A correct answer scores `maxValueCorrect` when short, falling to `minValueCorrect` at `maxLength`.
    public var minValueCorrect = 0.5, maxValueCorrect = 1.0
    /// Length at which the cosine reaches its end.
    public var maxLength = 1000.0
    /// Decides correctness when the item has no boolean `correct` field.
    public var checker = MathAnswerReward()

    /// Makes the rule with open-r1's defaults.
    public init() {}

    /// Reads options `min_value_wrong`, `max_value_wrong`, `min_value_correct`, `max_value_correct`, `max_len`.
    public init(options: [String: JSONValue]) throws {
        let o = RewardOptions("cosine_length", options)
        minValueWrong = try o.number("min_value_wrong", -1)
        maxValueWrong = try o.number("max_value_wrong", -0.5)
        minValueCorrect = try o.number("min_value_correct", 0.5)
        maxValueCorrect = try o.number("max_value_correct", 1)
        maxLength = try o.number("max_len", 1000)
        guard maxLength > 0 else { throw RewardError.badInput("cosine_length: option max_len must be positive") }
        try o.rejectUnknown()
    }

    public func scoreItem(_ item: RewardItem) -> RewardResult {
        let correct: Bool
        if let flag = item.fields["correct"]?.boolValue {
            correct = flag
        } else if let score = checker.scoreItem(item).score {
            correct = score > 0
        } else {
            return RewardResult(nil, info: ["reason": "no correctness: give `correct` or `answer`"])
        }
        let length = completionLength(item)
        let cosine = cos(min(length / maxLength, 1) * Double.pi)
        // open-r1 swaps the wrong range so that longer wrong answers get the milder penalty.
        let (low, high) = correct ? (minValueCorrect, maxValueCorrect) : (maxValueWrong, minValueWrong)
        let reward = low + 0.5 * (high - low) * (1 + cosine)
        return RewardResult(reward, info: ["length": .number(length), "correct": .bool(correct)])
    }
}

/// DAPO's soft overlong punishment: 0 up to `maxLength - cache`, then linear down to -1 at `maxLength`, -1 beyond.
public struct SoftOverlongReward: ItemRewardFunction {
    public var name: String { "soft_overlong" }
    /// The hard length limit (DAPO's L_max).
    public var maxLength: Double
    /// The soft zone before it (DAPO's L_cache).
    public var cache: Double

    /// Makes the rule.
    public init(maxLength: Double = 1024, cache: Double = 256) {
        self.maxLength = maxLength
        self.cache = cache
    }

    /// Reads options `max_length` and `cache_length`.
    public init(options: [String: JSONValue]) throws {
        let o = RewardOptions("soft_overlong", options)
        self.init(maxLength: try o.number("max_length", 1024), cache: try o.number("cache_length", 256))
        guard cache > 0, cache <= maxLength else {
            throw RewardError.badInput("soft_overlong: cache_length must be in (0, max_length]")
        }
        try o.rejectUnknown()
    }

    public func scoreItem(_ item: RewardItem) -> RewardResult {
        let length = completionLength(item)
        let reward: Double
        if length <= maxLength - cache {
            reward = 0
        } else if length <= maxLength {
            reward = (maxLength - cache - length) / cache
        } else {
            reward = -1
        }
        return RewardResult(reward, info: ["length": .number(length)])
    }
}

/// Penalty proportional to the share of repeated word n-grams: 0 for none, `maxPenalty` when all repeat.
public struct RepetitionPenaltyReward: ItemRewardFunction {
    public var name: String { "repetition_penalty" }
    /// n in n-gram.
    public var ngramSize: Int
    /// The most negative reward (when every n-gram is a repeat).
    public var maxPenalty: Double

    /// Makes the rule.
    public init(ngramSize: Int = 3, maxPenalty: Double = -1) {
        self.ngramSize = ngramSize
        self.maxPenalty = maxPenalty
    }

    /// Reads options `ngram_size` (at least 1) and `max_penalty` (at most 0).
    public init(options: [String: JSONValue]) throws {
        let o = RewardOptions("repetition_penalty", options)
        self.init(ngramSize: try o.integer("ngram_size", 3, minimum: 1), maxPenalty: try o.number("max_penalty", -1))
        guard maxPenalty <= 0 else { throw RewardError.badInput("repetition_penalty: max_penalty must be at most 0") }
        try o.rejectUnknown()
    }

    public func scoreItem(_ item: RewardItem) -> RewardResult {
        let words = item.completion.lowercased().split(whereSeparator: \.isWhitespace)
        guard words.count >= ngramSize else { return RewardResult(0, info: ["ngrams": 0]) }
        var seen = Set<ArraySlice<Substring>>()
        let total = words.count - ngramSize + 1
        for start in 0..<total { seen.insert(words[start..<(start + ngramSize)]) }
        let repeated = 1 - Double(seen.count) / Double(total)
        return RewardResult(
            repeated * maxPenalty,
            info: [
                "ngrams": .number(Double(total)),
                "unique": .number(Double(seen.count)),
            ])
    }
}
