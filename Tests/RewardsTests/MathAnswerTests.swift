// Unit checks of the math checker's parts: rationals, extraction, equivalence, and bounded work on hostile input.
import Foundation
import Rewards
import Testing

@Suite struct MathAnswerTests {
    @Test func rationalArithmeticIsExactAndOverflowReturnsNil() throws {
        let third = try #require(Rational(1, 3))
        let sixth = try #require(Rational(1, 6))
        #expect((third + sixth) == Rational(1, 2))
        #expect(Rational(decimal: "-0.125") == Rational(-1, 8))
        #expect(Rational(decimal: "3.5e-2") == Rational(7, 200))
        #expect(Rational(Int.max / 2)! * Rational(3)! == nil)
        #expect(Rational(2)!.power(70) == nil)
        #expect(Rational(1, 0) == nil)
        #expect(Rational(27, 8)!.root(3) == Rational(3, 2))
    }

    @Test func extractsNestedBoxesAndFbox() {
        #expect(
            MathAnswerExtractor.boxes(in: "so $\\boxed{\\frac{1}{\\sqrt{2}}}$ and \\fbox{3}") == [
                "\\frac{1}{\\sqrt{2}}", "3",
            ])
        let extractor = MathAnswerExtractor()
        #expect(extractor.extract("<think>maybe 4</think><answer>5</answer>") == .answer("5", source: "answer_tag"))
        #expect(extractor.extract("work\n#### 1,200") == .answer("1,200", source: "gsm8k"))
        #expect(extractor.extract("\\boxed{}") == .rejected("empty_box"))
        #expect(extractor.extract("\\boxed{1} \\boxed{2}") == .rejected("conflicting_answers"))
    }

    @Test func fallbackToLastNumberIsConfigurable() throws {
        let item = RewardItem(completion: "She has 18 apples.", fields: ["answer": "18"])
        #expect(MathAnswerReward().scoreItem(item).score == 1)
        let strict = try MathAnswerReward(options: ["fallback_to_last_number": false])
        #expect(strict.scoreItem(item).score == 0)
        #expect(throws: RewardError.self) { try MathAnswerReward(options: ["fallback_to_last_number": "yes"]) }
    }

    @Test func notApplicableWithoutGold() {
        #expect(MathAnswerReward().scoreItem(RewardItem(completion: "\\boxed{3}")).score == nil)
    }

    @Test func numericGoldFromJSONNumber() {
        let item = RewardItem(completion: "\\boxed{72}", fields: ["answer": 72])
        #expect(MathAnswerReward().scoreItem(item).score == 1)
    }

    @Test func equivalenceSpotChecks() {
        #expect(MathEquivalence.equivalent("\\frac{x^2-4}{x-2}", "x+2"))
        #expect(!MathEquivalence.equivalent("x^2+1", "(x+1)^2"))
        #expect(MathEquivalence.equivalent("(-\\infty, 2]", "x \\le 2"))
        // Integer literals past 64 bits compare digit by digit (computed values past 64 bits use a 1e-9 tolerance).
        #expect(!MathEquivalence.equivalent("18446744073709551616", "18446744073709551617"))
        #expect(MathEquivalence.equivalent("18446744073709551616", "18,446,744,073,709,551,616"))
    }

    /// Hostile answers (deep nesting, huge powers, long sums) end with a verdict, never a crash or a hang.
    @Test func hostileInputEndsWithAVerdict() {
        let hostile = [
            String(repeating: "(", count: 5000) + "1" + String(repeating: ")", count: 5000),
            String(repeating: "{", count: 5000),
            String(repeating: "\\frac{", count: 3000) + "1",
            "\\boxed{" + String(repeating: "9^", count: 500) + "9}",
            String(repeating: "x+", count: 3000) + "x",
            String(repeating: "\\boxed{1}", count: 2000),
            "\\boxed{" + String(repeating: "1,", count: 3000) + "1}",
            String(repeating: "\\sqrt", count: 2000) + "{2}",
        ]
        let start = Date()
        for text in hostile {
            let result = MathAnswerReward().scoreItem(RewardItem(completion: text, fields: ["answer": "1"]))
            #expect(result.score == 0 || result.score == 1)
        }
        #expect(Date().timeIntervalSince(start) < 30, "hostile inputs must stay bounded")
    }
}
