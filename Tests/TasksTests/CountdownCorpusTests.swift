// The Countdown pretraining corpus: each style scores as its knobs say under the real reward, searches
// compute every step right and answer what they reached, documents come from the train split only and are fixed by their index.
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

    /// The chains a worked completion tried (each a list of steps like `7*8=56`), and whether it hit.
    static func chains(_ completion: String, target: Int) -> (chains: [[String]], hit: Bool) {
        let think = String(completion.prefix { $0 != "<" })
        var parts = think.components(separatedBy: " not \(target). ")
        let hit = !parts.last!.isEmpty
        if hit { parts[parts.count - 1] = String(parts.last!.components(separatedBy: " so ")[0]) } else { parts.removeLast() }
        return (parts.map { $0.components(separatedBy: ", ") }, hit)
    }

    /// Whether `step` (`a op b=c`, whole numbers) is computed right.
    static func isRight(_ step: String) -> Bool {
        guard let opIndex = step.dropFirst().firstIndex(where: { "+-*/".contains($0) }),
              let eq = step.firstIndex(of: "="),
              let a = Int(step[..<opIndex]), let b = Int(step[step.index(after: opIndex)..<eq]),
              let c = Int(step[step.index(after: eq)...]) else { return false }
        switch step[opIndex] {
        case "+": return a + b == c
        case "-": return a - b == c
        case "*": return a * b == c
        default: return b != 0 && a % b == 0 && a / b == c
        }
    }

    @Test func workedDocumentsSearchHonestlyAndAnswerWhatTheyReached() throws {
        let corpus = try Self.corpus(worked: 1, workedError: 0.5, directError: 0)
        var hits = 0, searched = 0
        for i in 0..<400 {
            let (score, completion) = Self.scored(corpus, i)
            let target = Self.task.question(at: i).target
            let (chains, hit) = Self.chains(completion, target: target)
            #expect((1...CountdownCorpus.maxTries).contains(chains.count), "\(completion)")
            for chain in chains {
                #expect(chain.count == 2 && chain.allSatisfy(Self.isRight), "\(completion)")
            }
            // Misses end elsewhere than the target; the hit ends on it and is what the answer scores.
            for chain in chains.dropLast(hit ? 1 : 0) { #expect(!chain.last!.hasSuffix("=\(target)"), "\(completion)") }
            #expect(score == (hit ? 1 : 0), "\(completion)")
            if hit { hits += 1; #expect(chains.last!.last!.hasSuffix("=\(target)")) }
            if chains.count > 1 { searched += 1 }
        }
        // One chain in ten hits and half the documents give up after each miss: about one in five solves.
        #expect((40...140).contains(hits), "\(hits) of 400 hit")
        #expect((100...300).contains(searched), "\(searched) of 400 tried more than one chain")
    }

    @Test func givingUpIsPerMissAndTheSearchStopsAtItsCap() throws {
        for i in 0..<200 {
            let target = Self.task.question(at: i).target
            let stubborn = Self.chains(try Self.corpus(worked: 1, workedError: 0, directError: 0).document(at: i).completion,
                                       target: target)
            #expect(stubborn.hit || stubborn.chains.count == CountdownCorpus.maxTries)
            let quitter = Self.chains(try Self.corpus(worked: 1, workedError: 1, directError: 0).document(at: i).completion,
                                      target: target)
            #expect(quitter.chains.count == 1)
        }
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
