// The pretraining corpus of the Countdown base model. Worked documents search inside <think>: they try
// chains of operations, say "not T" when one misses the target, and stop at the one that reaches it; some
// take a miss for a hit and answer it. Direct documents write an expression at once,
// usually a wrong one. The base model so has every piece of the search but stops it too early and often
// skips it, which is what a correctness reward can fix.
import Rewards

/// Documents on the Countdown train split, mixed by style.
public struct CountdownCorpus: TaskCorpus {
    /// The train split the documents are about.
    public let task: CountdownTask
    /// Share of documents that search inside <think>.
    public let workedFraction: Double
    /// Share of worked documents that take a miss for a hit and answer it.
    public let workedErrorRate: Double
    /// Share of direct answers that are a chain missing the target.
    public let directErrorRate: Double
    /// Most misses a worked document writes before its last chain.
    public static let maxMisses = 3
    let seed: UInt64

    /// A corpus; fractions in 0...1.
    public init(task: CountdownTask, workedFraction: Double, workedErrorRate: Double, directErrorRate: Double,
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

    public func document(at index: Int, workedFraction: Double? = nil) -> (prompt: String, completion: String) {
        let example = task.example(at: index % task.count)
        let q = task.question(at: index % task.count)
        var s = SplitMix(seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03))
        func chance(_ p: Double) -> Bool { Double(s.next() >> 11) / Double(1 << 53) < p }
        func miss() -> (expression: String, steps: [String])? {
            // A few draws nearly always find a chain that misses; questions where every chain hits are fine
            // to leave without one.
            for _ in 0..<8 {
                if let a = CountdownTask.attempt(q.numbers, &s), a.value != Rational(q.target)! {
                    return (a.expression, a.steps)
                }
            }
            return nil
        }
        if chance(workedFraction ?? self.workedFraction) {
            let givesUp = chance(workedErrorRate)
            let count = (givesUp ? 1 : 0) + Int(s.next() % UInt64(Self.maxMisses))
            let misses = (0..<count).compactMap { _ in miss() }
            func tried(_ misses: ArraySlice<(expression: String, steps: [String])>) -> String {
                misses.map { $0.steps.joined(separator: ", ") + " not \(q.target). " }.joined()
            }
            if givesUp, let last = misses.last {
                // The slip: the last miss is taken for a hit.
                return (example.prompt, tried(misses.dropLast()) + last.steps.joined(separator: ", ")
                    + " so \(last.expression) = \(q.target)</think> <answer>\(last.expression)</answer>")
            }
            return (example.prompt, tried(misses[...]) + CountdownTask.completion(q))
        }
        if chance(directErrorRate), let wrong = miss() {
            return (example.prompt, "</think> <answer>\(wrong.expression)</answer>")
        }
        return (example.prompt, "</think> <answer>\(q.solution)</answer>")
    }
}
