// The Countdown pretraining corpus: each style scores as its knobs say under the real reward, the misses
// really miss, documents come from the train split only and are fixed by their index.
import Rewards
import Tasks
import Testing

@Suite struct CountdownCorpusTests {
    static let task = try! CountdownTask(count: 3000, numbers: 3, maxNumber: 10, seed: 5)

    static func corpus(worked: Double, workedError: Double, directError: Double) throws -> CountdownCorpus {
        try CountdownCorpus(task: task, mix: CorpusMix(workedFraction: worked, workedErrorRate: workedError,
                                                       directErrorRate: directError, seed: 9))
    }

    /// The reward of document `i` of `corpus`, and its completion.
    static func scored(_ corpus: CountdownCorpus, _ i: Int) -> (score: Double?, completion: String) {
        let doc = corpus.document(at: i)
        let example = task.example(at: i % task.count)
        #expect(doc.prompt == example.prompt)
        let result = CountdownReward().scoreItem(RewardItem(prompt: doc.prompt, completion: doc.completion,
                                                            fields: example.fields))
        return (result.score, doc.completion)
    }

    @Test func carefulWorkedDocumentsSolveAfterTheirMisses() throws {
        let corpus = try Self.corpus(worked: 1, workedError: 0, directError: 0)
        var withMisses = 0
        for i in 0..<400 {
            let (score, completion) = Self.scored(corpus, i)
            #expect(score == 1, "\(completion)")
            let target = Self.task.question(at: i).target
            let misses = completion.components(separatedBy: " not \(target). ").count - 1
            #expect(misses < CountdownCorpus.maxMisses)
            if misses > 0 { withMisses += 1 }
            // Each miss's last step really ends somewhere else than the target.
            for chunk in completion.components(separatedBy: " not \(target). ").dropLast() {
                #expect(!chunk.hasSuffix("=\(target)"), "\(chunk)")
            }
        }
        #expect((150...350).contains(withMisses), "\(withMisses) of 400 documents searched")
    }

    @Test func documentsThatGiveUpAnswerAMiss() throws {
        let corpus = try Self.corpus(worked: 1, workedError: 1, directError: 0)
        var wrong = 0
        for i in 0..<300 {
            let score = Self.scored(corpus, i).score
            if score == 0 { wrong += 1 }
        }
        // A question whose every chain hits the target has no miss to give up on.
        #expect(wrong >= 290, "\(wrong) of 300")
    }

    @Test func directDocumentsAnswerAtOnceRightOrWrongByTheKnob() throws {
        for (error, expected) in [(0.0, 1.0), (1.0, 0.0)] {
            let corpus = try Self.corpus(worked: 0, workedError: 0, directError: error)
            let scores = (0..<300).map { i -> Double in
                let (score, completion) = Self.scored(corpus, i)
                #expect(completion.hasPrefix("</think> <answer>"), "\(completion)")
                return score ?? -1
            }
            let share = Double(scores.filter { $0 == expected }.count) / 300
            #expect(share >= 0.97, "direct_error_rate \(error): \(share) score \(expected)")
        }
    }

    @Test func documentsAreFixedByIndexAndMixedByTheFraction() throws {
        let corpus = try Self.corpus(worked: 0.3, workedError: 0.2, directError: 0.8)
        #expect((0..<50).map { corpus.document(at: $0).completion } == (0..<50).map { corpus.document(at: $0).completion })
        let worked = (0..<1000).filter { !corpus.document(at: $0).completion.hasPrefix("</think>") }.count
        #expect((240...360).contains(worked), "\(worked) of 1000 worked")
        #expect(corpus.document(at: 3, workedFraction: 1).completion.hasPrefix("</think>") == false)
    }

    @Test func corpusRefusesTheTestSplitAndBadFractions() throws {
        let test = try CountdownTask(numbers: 3, maxNumber: 10, split: .test)
        #expect(throws: TaskError.self) {
            try CountdownCorpus(task: test, mix: CorpusMix(workedFraction: 0.5, workedErrorRate: 0, directErrorRate: 0,
                                                           seed: 0))
        }
        #expect(throws: TaskError.self) { try Self.corpus(worked: 1.5, workedError: 0, directError: 0) }
    }
}
