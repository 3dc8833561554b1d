// `math_answer`: 1 when the completion's final answer is equivalent to the example's gold answer, else 0.
// Not applicable (nil) when the example has no gold answer, so it can share a recipe with code tasks.

/// The math answer reward.
public struct MathAnswerReward: ItemRewardFunction {
    public var name: String { "math_answer" }
    /// How the final answer is found.
    public var extractor: MathAnswerExtractor
    /// The example field holding the gold answer (a bare answer, a `\boxed{}` solution or a GSM8K `#### x` one).
    public var answerField: String

    /// Makes the reward.
    public init(extractor: MathAnswerExtractor = MathAnswerExtractor(), answerField: String = "answer") {
        self.extractor = extractor
        self.answerField = answerField
    }

    /// Reads options `fallback_to_last_number` (Bool) and `answer_field` (String).
    public init(options: [String: JSONValue]) throws {
        let o = RewardOptions("math_answer", options)
        var extractor = MathAnswerExtractor()
        extractor.fallbackToLastNumber = try o.bool("fallback_to_last_number", extractor.fallbackToLastNumber)
        self.init(extractor: extractor, answerField: try o.string("answer_field", "answer"))
        try o.rejectUnknown()
    }

    public func scoreItem(_ item: RewardItem) -> RewardResult {
        guard let goldText = item.fields[answerField]?.textValue else {
            return RewardResult(nil, info: ["reason": .string("no \(answerField) field")])
        }
        let gold = Self.goldAnswer(goldText)
        switch extractor.extract(item.completion, prompt: item.prompt) {
        case .rejected(let reason):
            return RewardResult(0, info: ["reason": .string(reason), "gold": .string(gold)])
        case .readings(let readings, let source): return Self.score(readings, source: source, gold: gold)
        case .answer(let answer, let source): return Self.score([answer], source: source, gold: gold)
        }
    }

    /// 1 when any of the extracted readings equals the gold; the matching (else the last) one is reported.
    private static func score(_ readings: [String], source: String, gold: String) -> RewardResult {
        let match = readings.first { MathEquivalence.equivalent($0, gold) }
        return RewardResult(
            match != nil ? 1 : 0,
            info: [
                "extracted": .string(match ?? readings.last!), "source": .string(source), "gold": .string(gold),
                "reason": match != nil ? "equivalent" : "different",
            ])
    }

    /// The gold answer of a full solution: its last box or `#### x`, else the text itself.
    public static func goldAnswer(_ text: String) -> String {
        if let box = MathAnswerExtractor.boxes(in: text).last { return box }
        if let marker = text.range(of: "####", options: .backwards) {
            return String(text[marker.upperBound...]).trimmingCharacters(in: .whitespacesAndNewlines)
        }
        return text
    }
}
