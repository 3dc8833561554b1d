// The table-driven math corpus: every case's expected verdict is a human grader's, and the checker
// must agree with all of them (Fixtures/make_math_corpus.py writes the table).
import Foundation
import Rewards
import Testing

@Suite struct MathCorpusTests {
    @Test func corpusCoversEveryCategoryWithAtLeast500Cases() throws {
        let cases = try Fixtures.jsonLines("math_corpus.jsonl")
        #expect(cases.count >= 500)
        let categories = Set(cases.compactMap { $0["category"]?.stringValue })
        for required in [
            "integers", "signs", "thousands", "decimals_fractions", "percent", "frac", "sqrt", "pi",
            "powers", "mixed_numbers", "scientific", "units_currency", "equations", "intervals", "sets",
            "tuples", "symbolic", "extraction", "gsm8k", "answer_is", "fallback", "anti_hacking",
            "math_style", "robustness",
        ] {
            #expect(categories.contains(required), "missing category \(required)")
        }
    }

    @Test func checkerAgreesWithEveryExpectedVerdict() async throws {
        let cases = try Fixtures.jsonLines("math_corpus.jsonl")
        let items = try cases.map { try RewardItem(json: $0) }
        let results = try await MathAnswerReward().score(items)
        var disagreements: [String] = []
        for (index, (json, result)) in zip(cases, results).enumerated() {
            let expected = json["expected"]?.boolValue == true
            if (result.score == 1) != expected {
                disagreements.append(
                    "line \(index + 1) [\(json["category"]?.stringValue ?? "?")] expected \(expected): "
                        + "\(json["completion"]?.stringValue ?? "") | gold \(json["answer"]?.textValue ?? "") | info \(JSONValue.object(result.info).jsonText)"
                )
            }
        }
        #expect(
            disagreements.isEmpty, "\(disagreements.count) disagreements:\n\(disagreements.joined(separator: "\n"))")
    }
}
