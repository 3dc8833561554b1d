// Held-out evaluation: pass@k is the unbiased estimator (checked against counting every k-subset),
// maj@k votes on extracted answers, and the format rate and lengths count what they say.
import Foundation
import Generation
import Rewards
import Tasks
import Testing
import Training

/// C(n, k) by multiplication; exact for the small n used here.
private func choose(_ n: Int, _ k: Int) -> Double {
    k < 0 || k > n ? 0 : (0..<k).reduce(1.0) { $0 * Double(n - $1) / Double($1 + 1) }
}

/// pass@k by brute force: the share of k-subsets of the n samples that hold a correct one.
private func bruteForcePassAtK(_ right: [Bool], k: Int) -> Double {
    let n = right.count
    var hits = 0, subsets = 0
    for mask in 0..<(1 << n) where mask.nonzeroBitCount == k {
        subsets += 1
        if (0..<n).contains(where: { mask & (1 << $0) != 0 && right[$0] }) { hits += 1 }
    }
    return Double(hits) / Double(subsets)
}

private func completion(prompt: Int, sample: Int, text: String, tokens: Int, clipped: Bool = false) throws -> Completion {
    let json: [String: Any] = ["promptIndex": prompt, "sampleIndex": sample, "promptIds": [1],
                               "completionIds": Array(repeating: 5, count: tokens), "text": text,
                               "logprobs": Array(repeating: -0.5, count: tokens), "finishReason": clipped ? "length" : "stop"]
    return try JSONDecoder().decode(Completion.self, from: JSONSerialization.data(withJSONObject: json))
}

@Suite struct HeldOutEvaluationTests {
    @Test func passAtKIsTheUnbiasedEstimator() {
        for n in 1...8 {
            for c in 0...n {
                let right = (0..<n).map { $0 < c }
                for k in 1...n {
                    let formula = 1 - choose(n - c, k) / choose(n, k)
                    #expect(abs(passAtK(n: n, correct: c, k: k) - formula) < 1e-12, "n \(n) c \(c) k \(k)")
                    #expect(abs(passAtK(n: n, correct: c, k: k) - bruteForcePassAtK(right.shuffled(), k: k)) < 1e-12)
                }
            }
        }
        #expect(passAtK(n: 8, correct: 2, k: 1) == 0.25)
    }

    @Test func summaryCountsPassMajorityFormatAndLength() throws {
        let task = try ArithmeticTask(count: 2, digits: 2, operations: "+", template: .r1ZeroShort, seed: 3)
        let examples = (0..<2).map(task.example(at:))
        let gold = (0..<2).map { Int(examples[$0].fields["answer"]!.stringValue!)! }
        func answer(_ v: Int) -> String { "work</think> <answer>\(v)</answer>" }
        // Prompt 0: 1 of 4 right, the wrong three agree, so the majority is wrong. Prompt 1: 3 of 4 right,
        // one of them without the format, and one sample cut at the limit.
        let completions = try [
            completion(prompt: 0, sample: 0, text: answer(gold[0]), tokens: 10),
            completion(prompt: 0, sample: 1, text: answer(gold[0] + 1), tokens: 20),
            completion(prompt: 0, sample: 2, text: answer(gold[0] + 1), tokens: 30),
            completion(prompt: 0, sample: 3, text: answer(gold[0] + 1), tokens: 40),
            completion(prompt: 1, sample: 0, text: answer(gold[1]), tokens: 10),
            completion(prompt: 1, sample: 1, text: "\\boxed{\(gold[1])}", tokens: 10),
            completion(prompt: 1, sample: 2, text: answer(gold[1]), tokens: 10),
            completion(prompt: 1, sample: 3, text: "no answer at all", tokens: 50, clipped: true),
        ].shuffled()
        let evaluation = try HeldOutEvaluation(correctness: HeldOutEvaluation.correctness(task: "arithmetic"), ks: [1, 4])
        let s = try evaluation.summarize(examples, completions: completions)
        #expect(s.prompts == 2 && s.samplesPerPrompt == 4)
        #expect(abs(s.passAt[1]! - (0.25 + 0.75) / 2) < 1e-12)
        #expect(s.passAt[4]! == 1)
        #expect(s.majAt[4]! == 0.5 && s.majAt[1]! == 1)
        #expect(s.formatRate == 6.0 / 8)
        #expect(s.meanCompletionTokens == 180.0 / 8 && s.clippedRatio == 1.0 / 8)
        #expect(s.metrics(prefix: "eval/")["eval/pass@1"] == s.passAt[1])
        #expect(throws: (any Error).self) { try HeldOutEvaluation(correctness: MathAnswerReward(), ks: [0]) }
        let tooFew = try HeldOutEvaluation(correctness: MathAnswerReward(), ks: [8])
        #expect(throws: (any Error).self) { try tooFew.summarize(examples, completions: completions) }
    }
}
