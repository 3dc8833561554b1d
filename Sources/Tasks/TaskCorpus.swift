// What `grpo pretrain` trains on: documents about a task's train split, some worked out and some not.

/// A pretraining corpus: an endless, seeded sequence of (prompt, completion) documents.
public protocol TaskCorpus: Sendable {
    /// Document `index`; `workedFraction` overrides the corpus's share of worked documents (a curriculum).
    func document(at index: Int, workedFraction: Double?) -> (prompt: String, completion: String)
}

/// How a corpus mixes its documents: the shares of each style and the seed of the draws.
public struct CorpusMix: Sendable {
    /// Share of documents that write out their work.
    public let workedFraction: Double
    /// Share of worked documents with a mistake.
    public let workedErrorRate: Double
    /// Share of direct answers that are wrong.
    public let directErrorRate: Double
    let seed: UInt64

    /// A mix; fractions in 0...1.
    public init(workedFraction: Double, workedErrorRate: Double, directErrorRate: Double, seed: UInt64) throws {
        for (key, value) in [("worked_fraction", workedFraction), ("worked_error_rate", workedErrorRate),
                             ("direct_error_rate", directErrorRate)] where !(0...1).contains(value) {
            throw TaskError("corpus.\(key): must be in [0, 1] (got \(value))")
        }
        self.workedFraction = workedFraction
        self.workedErrorRate = workedErrorRate
        self.directErrorRate = directErrorRate
        self.seed = seed
    }

    /// The random draws of document `index`, fixed by the seed and the index alone.
    func draws(_ index: Int) -> SplitMix { SplitMix(seed ^ (UInt64(index) &* 0xD1B5_4A32_D192_ED03)) }
}

extension SplitMix {
    /// True with probability `p`.
    mutating func chance(_ p: Double) -> Bool { Double(next() >> 11) / Double(1 << 53) < p }
}

extension ArithmeticCorpus: TaskCorpus {}
