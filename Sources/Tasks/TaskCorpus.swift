// What `grpo pretrain` trains on: documents about a task's train split, some worked out and some not.

/// A pretraining corpus: an endless, seeded sequence of (prompt, completion) documents.
public protocol TaskCorpus: Sendable {
    /// Document `index`; `workedFraction` overrides the corpus's share of worked documents (a curriculum).
    func document(at index: Int, workedFraction: Double?) -> (prompt: String, completion: String)
}

extension ArithmeticCorpus: TaskCorpus {}
