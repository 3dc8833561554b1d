// The pretraining corpus of the built-in base model: documents on the arithmetic task's train split
// that answer directly (often wrongly, as careless text does) or work the problem out column by column
// before answering (sometimes with a slip). A model pretrained on it behaves as a base model does before
// R1-Zero: it can solve a problem when it happens to write out its work, but it mostly does not, so
// pass@k is well above pass@1 and a correctness reward has something to favour.

/// Documents on the arithmetic train split, mixed by style.
public struct ArithmeticCorpus: Sendable {
    /// The train split the documents are about.
    public let task: ArithmeticTask
    /// Share of documents that write out their work.
    public let workedFraction: Double
    /// Share of worked documents with one slip in a column.
    public let workedErrorRate: Double
    /// Share of direct answers that are wrong.
    public let directErrorRate: Double
    let seed: UInt64

    /// A corpus; fractions in 0...1.
    public init(task: ArithmeticTask, workedFraction: Double, workedErrorRate: Double, directErrorRate: Double,
                seed: UInt64) throws {
        for (key, value) in [("worked_fraction", workedFraction), ("worked_error_rate", workedErrorRate),
                             ("direct_error_rate", directErrorRate)] where !(0...1).contains(value) {
            throw TaskError("corpus.\(key): must be in [0, 1] (got \(value))")
        }
        guard task.split == .train else { throw TaskError("corpus: documents are drawn from the train split only") }
        self.task = task
        self.workedFraction = workedFraction
        self.workedErrorRate = workedErrorRate
        self.directErrorRate = directErrorRate
        self.seed = seed
    }

    /// Document `index`: the prompt and the text that follows it; `workedFraction` overrides the corpus's
    /// share of worked documents (a curriculum).
    public func document(at index: Int, workedFraction: Double? = nil) -> (prompt: String, completion: String) {
        let example = task.example(at: index % task.count)
        let q = task.question(at: index % task.count)
        var s = SplitMix(seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        func chance(_ p: Double) -> Bool { Double(s.next() >> 11) / Double(1 << 53) < p }
        let columns = String(q.answer).count
        if chance(workedFraction ?? self.workedFraction) {
            guard chance(workedErrorRate) else {
                return (example.prompt, ArithmeticTask.completion(q, work: ArithmeticTask.workedSteps(q)))
            }
            let column = Int(s.next() % UInt64(max(1, columns - 1)))
            return (example.prompt, ArithmeticTask.completion(q, work: ArithmeticTask.workedSteps(q, slip: column),
                                                             answer: ArithmeticTask.answer(q, slip: column)))
        }
        guard chance(directErrorRate) else { return (example.prompt, ArithmeticTask.completion(q, work: nil)) }
        // Careless answers: off by one in some column, up or down.
        var power = 1
        for _ in 0..<Int(s.next() % UInt64(columns)) { power *= 10 }
        let wrong = q.answer + (s.next() % 2 == 0 ? power : -power)
        return (example.prompt, ArithmeticTask.completion(q, work: nil, answer: wrong))
    }
}
