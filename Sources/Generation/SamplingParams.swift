// Sampling controls, each independent of the others, with the names and semantics of Hugging Face
// `generate` / TRL: temperature (0 = greedy), top-k, top-p, min-p, repetition penalty, token and
// string stops, a length limit, and a seed.

/// How to pick each next token.
public struct SamplingParams: Codable, Equatable, Sendable {
    /// Softmax temperature; 0 means greedy (argmax).
    public var temperature: Float = 1
    /// Keep only the k most likely tokens (0 = off).
    public var topK: Int = 0
    /// Keep the smallest set of most likely tokens whose probability reaches p (1 = off).
    public var topP: Float = 1
    /// Drop tokens less likely than minP × the most likely one (0 = off).
    public var minP: Float = 0
    /// Hugging Face repetition penalty on tokens already in the prompt or completion (1 = off).
    public var repetitionPenalty: Float = 1
    /// Longest completion in tokens.
    public var maxNewTokens: Int = 128
    /// Token ids that end a completion (kept as its last token); the model's EOS ids when nil.
    public var stopTokenIds: [Int32]?
    /// Strings that end a completion once its decoded text contains one (kept in the text).
    public var stopStrings: [String] = []

    /// Defaults: temperature 1, no filtering, 128 new tokens.
    public init(temperature: Float = 1, topK: Int = 0, topP: Float = 1, minP: Float = 0, repetitionPenalty: Float = 1,
                maxNewTokens: Int = 128, stopTokenIds: [Int32]? = nil, stopStrings: [String] = []) {
        self.temperature = temperature
        self.topK = topK
        self.topP = topP
        self.minP = minP
        self.repetitionPenalty = repetitionPenalty
        self.maxNewTokens = maxNewTokens
        self.stopTokenIds = stopTokenIds
        self.stopStrings = stopStrings
    }

    /// Throws a message naming the field and its allowed range.
    public func validate() throws {
        func fail(_ s: String) -> GenerationError { .invalidParameter(s) }
        guard temperature >= 0, temperature.isFinite else { throw fail("temperature must be ≥ 0 (got \(temperature))") }
        guard topK >= 0 else { throw fail("top_k must be ≥ 0 (got \(topK))") }
        guard topP > 0, topP <= 1 else { throw fail("top_p must be in (0, 1] (got \(topP))") }
        guard minP >= 0, minP < 1 else { throw fail("min_p must be in [0, 1) (got \(minP))") }
        guard repetitionPenalty > 0 else { throw fail("repetition_penalty must be > 0 (got \(repetitionPenalty))") }
        guard maxNewTokens >= 1 else { throw fail("max_new_tokens must be ≥ 1 (got \(maxNewTokens))") }
        if stopStrings.contains("") { throw fail("stop strings must not be empty") }
    }
}

/// A problem with a generation request.
public enum GenerationError: Error, CustomStringConvertible, Equatable {
    case invalidParameter(String)
    case invalidRequest(String)

    public var description: String {
        switch self {
        case let .invalidParameter(s): return "sampling: \(s)"
        case let .invalidRequest(s): return "generation: \(s)"
        }
    }
}
