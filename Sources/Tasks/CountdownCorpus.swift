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
    /// The shares of each style: a worked document's mistake is taking a miss for a hit, a wrong direct
    /// answer is a chain that misses.
    public let mix: CorpusMix
    /// Most misses a worked document writes before its last chain.
    public static let maxMisses = 3

    /// A corpus over `task`'s train split.
    public init(task: CountdownTask, mix: CorpusMix) throws {
        guard task.split == .train else { throw TaskError("corpus: documents are drawn from the train split only") }
        self.task = task
        self.mix = mix
    }

    public func document(at index: Int, workedFraction: Double? = nil) -> (prompt: String, completion: String) {
        let example = task.example(at: index % task.count)
        let q = task.question(at: index % task.count)
        var s = mix.draws(index)
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
        if s.chance(workedFraction ?? mix.workedFraction) {
            let givesUp = s.chance(mix.workedErrorRate)
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
        if s.chance(mix.directErrorRate), let wrong = miss() {
            return (example.prompt, "</think> <answer>\(wrong.expression)</answer>")
        }
        return (example.prompt, "</think> <answer>\(q.solution)</answer>")
    }
}
