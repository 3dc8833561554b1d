// The pretraining corpus of the Countdown base model. A worked document is an honest search inside
// <think>: it tries random chains of whole-number operations, computes each one right, says "not T" when
// it misses, and answers the chain that reaches the target; after each miss it may give up and answer that
// miss. Direct documents write an expression at once, usually a wrong one. The base model so searches
// correctly but briefly and often skips the search: a correctness reward can make it search on.
import Rewards

/// Documents on the Countdown train split, mixed by style.
public struct CountdownCorpus: TaskCorpus {
    /// The train split the documents are about.
    public let task: CountdownTask
    /// The shares of each style: a worked document's mistake is giving up after a miss (the chance is per
    /// miss), a wrong direct answer is a chain that misses.
    public let mix: CorpusMix
    /// Most chains a worked document tries; one that has not hit by then answers its last miss.
    public static let maxTries = 12

    /// A corpus over `task`'s train split.
    public init(task: CountdownTask, mix: CorpusMix) throws {
        guard task.split == .train else { throw TaskError("corpus: documents are drawn from the train split only") }
        self.task = task
        self.mix = mix
    }

    public func document(at index: Int, workedFraction: Double? = nil) -> (prompt: String, completion: String) {
        let example = task.example(at: index % task.count)
        let q = task.question(at: index % task.count)
        let target = Rational(q.target)!
        var s = mix.draws(index)
        if s.chance(workedFraction ?? mix.workedFraction) {
            var searched = ""
            var tries = 0
            // Chains that divide unevenly or reach zero are redrawn; a few hundred draws always suffice.
            for _ in 0..<(Self.maxTries * 50) {
                guard let a = CountdownTask.attempt(q, &s) else { continue }
                let steps = a.steps.joined(separator: ", ")
                if a.value == target {
                    return (example.prompt, searched + steps
                        + " so \(a.expression) = \(q.target)</think> <answer>\(a.expression)</answer>")
                }
                searched += steps + " not \(q.target). "
                tries += 1
                if tries == Self.maxTries || s.chance(mix.workedErrorRate) {
                    return (example.prompt, searched + "</think> <answer>\(a.expression)</answer>")
                }
            }
            return (example.prompt, searched + CountdownTask.completion(q))
        }
        if s.chance(mix.directErrorRate), let wrong = miss(q, &s) {
            return (example.prompt, "</think> <answer>\(wrong)</answer>")
        }
        return (example.prompt, "</think> <answer>\(q.solution)</answer>")
    }

    /// An expression over `q`'s numbers that misses its target; nil for the rare question every chain hits.
    private func miss(_ q: CountdownTask.Question, _ s: inout SplitMix) -> String? {
        for _ in 0..<8 {
            if let a = CountdownTask.attempt(q, &s), a.value != Rational(q.target)! { return a.expression }
        }
        return nil
    }
}
