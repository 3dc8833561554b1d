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
        #expect(extractor.extract("\\boxed{1} or \\boxed{2}") == .rejected("conflicting_answers"))
        #expect(extractor.extract("maybe \\boxed{1}, perhaps \\boxed{2}") == .rejected("conflicting_answers"))
        #expect(extractor.extract("\\boxed{1} \\boxed{2}") == .readings(["1, 2"], source: "boxed"))
        #expect(extractor.extract("\\boxed{1} is what part one gives. For part two, doubling: \\boxed{2}")
            == .readings(["1, 2", "2"], source: "boxed"))
        #expect(extractor.extract("\\boxed{0.5}, that is \\boxed{\\frac12}") == .answer("0.5", source: "boxed"))
    }

    @Test func matricesCompareEntryByEntryAndVectorsMatchTuples() {
        func same(_ a: String, _ b: String) -> Bool { MathEquivalence.equivalent(a, b) }
        let m = "\\begin{pmatrix}1 & 2\\\\ 3 & 4\\end{pmatrix}"
        #expect(same(m, "\\begin{bmatrix}1&2\\\\3&4\\end{bmatrix}"))
        #expect(same(m, "\\left(\\begin{array}{cc}\\frac{2}{2} & 2\\\\ 3 & 2^2\\end{array}\\right)"))
        #expect(!same(m, "\\begin{pmatrix}1 & 3\\\\ 2 & 4\\end{pmatrix}"), "transposed")
        #expect(!same(m, "\\begin{pmatrix}1 & 2 & 3 & 4\\end{pmatrix}"), "another shape")
        #expect(same("\\begin{pmatrix}\\frac12\\\\ -3\\end{pmatrix}", "(0.5, -3)"))
        #expect(!same("\\begin{pmatrix}-3\\\\ \\frac12\\end{pmatrix}", "(0.5, -3)"), "order matters")
        #expect(!same(m, "(1, 2, 3, 4)"), "a 2×2 matrix is not a 4-tuple")
        #expect(!same("\\begin{vmatrix}1 & 2\\\\ 3 & 4\\end{vmatrix}", "(1, 2, 3, 4)"), "a determinant is a number")
    }

    @Test func numbersInWordsAndNamedFunctionsAreValues() {
        func same(_ a: String, _ b: String) -> Bool { MathEquivalence.equivalent(a, b) }
        #expect(same("twenty-one", "21") && same("\\text{five}", "5") && same("one hundred and five", "105"))
        #expect(same("3 million", "3000000") && same("negative seven", "-7") && same("five apples", "5"))
        #expect(!same("twenty-two", "21") && !same("five six", "56") && !same("one of them is 7", "1"))
        #expect(same("f(x) = x^2 + 1", "x^2+1") && same("g(a, b) = a + b", "b + a") && !same("f(x) = x^2", "x^3"))
    }

    @Test func aHedgedChoiceIsNoChoice() {
        #expect(!MathEquivalence.equivalent("(B) or (C)", "B"))
        #expect(!MathEquivalence.equivalent("(B), (C)", "B"))
        #expect(MathEquivalence.equivalent("(B) 12", "B"))
    }

    @Test func severalBoxesScoreAsAGraderReadsThem() {
        func score(_ completion: String, _ gold: String, prompt: String = "") -> Double? {
            MathAnswerReward().scoreItem(RewardItem(prompt: prompt, completion: completion, fields: ["answer": .string(gold)])).score
        }
        #expect(score("$\\boxed{3}$ or $\\boxed{4}$", "3") == 0)
        #expect(score("either \\boxed{2}, or else \\boxed{5}", "5") == 0)
        #expect(score("$x=\\boxed{2}$ and $y=\\boxed{3}$", "2, 3") == 1)
        #expect(score("$x=\\boxed{2}$ and $y=\\boxed{3}$", "2") == 0)
        #expect(score("\\boxed{3}, \\boxed{4}", "4") == 0)
        #expect(score("So \\boxed{6} apples. Then she doubles them, giving the final answer \\boxed{12}", "12") == 1)
        #expect(score("So \\boxed{6} apples. Then she doubles them, giving the final answer \\boxed{12}", "6") == 0)
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
