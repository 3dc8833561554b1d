// Format rules of the R1 template: `think_format` checks the whole shape `<think>…</think><answer>…</answer>`,
// `tag_count` gives partial credit per tag (open-r1's tag_count_reward), so a model learns the shape gradually.
import Foundation

/// 1 when the completion is exactly `<think>…</think>` then `<answer>…</answer>` (tags configurable), else 0.
public struct ThinkFormatReward: ItemRewardFunction {
    public var name: String { "think_format" }
    /// The reasoning tag (default `think`).
    public let thinkTag: String
    /// The answer tag (default `answer`).
    public let answerTag: String
    /// Whether each tag must sit on its own line, as in open-r1's strict format.
    public let requireNewlines: Bool
    private let regex: NSRegularExpression

    /// Makes the rule.
    public init(thinkTag: String = "think", answerTag: String = "answer", requireNewlines: Bool = false) throws {
        self.thinkTag = thinkTag
        self.answerTag = answerTag
        self.requireNewlines = requireNewlines
        let t = NSRegularExpression.escapedPattern(for: thinkTag)
        let a = NSRegularExpression.escapedPattern(for: answerTag)
        let pattern =
            requireNewlines
            ? "^<\(t)>\\n(?:(?!</?\(t)>).)*?\\n</\(t)>\\n<\(a)>\\n(?:(?!</?\(a)>).)*?\\n</\(a)>\\n?$"
            : "^\\s*<\(t)>(?:(?!</?\(t)>).)*?</\(t)>\\s*<\(a)>(?:(?!</?\(a)>).)*?</\(a)>\\s*$"
        regex = try NSRegularExpression(pattern: pattern, options: [.dotMatchesLineSeparators])
    }

    /// Reads options `think_tag`, `answer_tag`, `require_newlines`.
    public init(options: [String: JSONValue]) throws {
        let o = RewardOptions("think_format", options)
        try self.init(
            thinkTag: o.string("think_tag", "think"), answerTag: o.string("answer_tag", "answer"),
            requireNewlines: o.bool("require_newlines", false))
        try o.rejectUnknown()
    }

    public func scoreItem(_ item: RewardItem) -> RewardResult {
        // The R1-Zero template opens the reasoning in the prompt ("Assistant: <think>"): judge the
        // completion as the continuation of that tag.
        let open = "<\(thinkTag)>"
        let prefilled = item.prompt.trimmingCharacters(in: .whitespaces).hasSuffix(open)
        let text = prefilled ? open + item.completion : item.completion
        let matched = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
        return RewardResult(matched ? 1 : 0, info: ["format_ok": .bool(matched)])
    }
}

/// 0.25 for each of the four R1 tags that appears exactly once, at most 1.
public struct TagCountReward: ItemRewardFunction {
    public var name: String { "tag_count" }
    /// The markers counted, each worth an equal share.
    public let markers: [String]

    /// Makes the rule; the default markers are open-r1's.
    public init(thinkTag: String = "think", answerTag: String = "answer") {
        markers = ["<\(thinkTag)>\n", "\n</\(thinkTag)>\n", "\n<\(answerTag)>\n", "\n</\(answerTag)>"]
    }

    /// Reads options `think_tag`, `answer_tag`.
    public init(options: [String: JSONValue]) throws {
        let o = RewardOptions("tag_count", options)
        self.init(thinkTag: try o.string("think_tag", "think"), answerTag: try o.string("answer_tag", "answer"))
        try o.rejectUnknown()
    }

    public func scoreItem(_ item: RewardItem) -> RewardResult {
        var counts: [String: JSONValue] = [:]
        var score = 0.0
        for marker in markers {
            let count = item.completion.components(separatedBy: marker).count - 1
            counts[marker.trimmingCharacters(in: .newlines)] = .number(Double(count))
            if count == 1 { score += 1 / Double(markers.count) }
        }
        return RewardResult(score, info: ["tag_counts": .object(counts)])
    }
}
