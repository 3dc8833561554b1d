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

    /// The second corpus (Fixtures/make_math_hard_corpus.py): 770 cases of the kinds the checker was weak on,
    /// judged by hand before the checker was changed. Not every verdict is reachable without the question
    /// (degrees asked for, a vector in i/j/k), so the bar is 97% overall with no false positive at all in the
    /// adversarial classes, where a wrong 1 is a reward the policy would learn to hack. The third
    /// (make_math_heldout_corpus.py, 210 cases) was written after those changes, by someone who saw neither.
    @Test(arguments: ["math_hard_corpus.jsonl", "math_heldout_corpus.jsonl"])
    func checkerAgreesWithTheHardCorpora(file: String) async throws {
        let cases = try Fixtures.jsonLines(file)
        #expect(cases.count >= 200)
        let results = try await MathAnswerReward().score(try cases.map { try RewardItem(json: $0) })
        var agreed = 0
        var falsePositives: [String] = []
        for (json, result) in zip(cases, results) {
            let expected = json["expected"]?.boolValue == true, category = json["category"]?.stringValue ?? "?"
            if (result.score == 1) == expected { agreed += 1 }
            if category.hasPrefix("adversarial"), result.score == 1, !expected {
                falsePositives.append("[\(category)] \(json["completion"]?.stringValue ?? "") | gold \(json["answer"]?.textValue ?? "")")
            }
        }
        let rate = Double(agreed) / Double(cases.count)
        #expect(rate >= 0.97, "agreement \(agreed)/\(cases.count)")
        #expect(falsePositives.isEmpty, "\(falsePositives.joined(separator: "\n"))")
    }
}
