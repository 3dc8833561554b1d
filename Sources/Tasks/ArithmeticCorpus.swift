// The pretraining corpus of the built-in base model: documents on the arithmetic task's train split
// that answer directly (often wrongly, as careless text does) or work the problem out column by column
// before answering (sometimes with a slip). A model pretrained on it behaves as a base model does before
// R1-Zero: it can solve a problem when it happens to write out its work, but it mostly does not, so
// pass@k is well above pass@1 and a correctness reward has something to favour.

/// Documents on the arithmetic train split, mixed by style.
public struct ArithmeticCorpus: Sendable {
    /// The train split the documents are about.
    public let task: ArithmeticTask
    /// The shares of each style: a worked document's mistake is a slip in one column, a wrong direct
    /// answer is off by one in one column.
    public let mix: CorpusMix

    /// A corpus over `task`'s train split.
    public init(task: ArithmeticTask, mix: CorpusMix) throws {
        guard task.split == .train else { throw TaskError("corpus: documents are drawn from the train split only") }
        self.task = task
        self.mix = mix
    }

    /// Document `index`: the prompt and the text that follows it; `workedFraction` overrides the corpus's
    /// share of worked documents (a curriculum).
    public func document(at index: Int, workedFraction: Double? = nil) -> (prompt: String, completion: String) {
        let example = task.example(at: index % task.count)
        let q = task.question(at: index % task.count)
        var s = mix.draws(index)
        let columns = String(q.answer).count
        if s.chance(workedFraction ?? mix.workedFraction) {
            guard s.chance(mix.workedErrorRate) else {
                return (example.prompt, ArithmeticTask.completion(q, work: ArithmeticTask.workedSteps(q)))
            }
            let column = Int(s.next() % UInt64(max(1, columns - 1)))
            return (example.prompt, ArithmeticTask.completion(q, work: ArithmeticTask.workedSteps(q, slip: column),
                                                             answer: ArithmeticTask.answer(q, slip: column)))
        }
        guard s.chance(mix.directErrorRate) else { return (example.prompt, ArithmeticTask.completion(q, work: nil)) }
        // Careless answers: off by one in some column, up or down.
        var power = 1
        for _ in 0..<Int(s.next() % UInt64(columns)) { power *= 10 }
        let wrong = q.answer + (s.next() % 2 == 0 ? power : -power)
        return (example.prompt, ArithmeticTask.completion(q, work: nil, answer: wrong))
    }
}
