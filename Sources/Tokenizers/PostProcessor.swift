// The post_processor of tokenizer.json as it affects ids: `TemplateProcessing` (Llama-3's BOS) adds
// special tokens around the sequence; `ByteLevel` only moves offsets, so it is a no-op for ids.

/// What the post-processor adds around a single sequence's ids.
struct PostProcessor: Sendable, Equatable {
    /// Ids put before the sequence.
    var prefix: [Int] = []
    /// Ids put after the sequence.
    var suffix: [Int] = []

    func apply(_ ids: [Int]) -> [Int] { prefix.isEmpty && suffix.isEmpty ? ids : prefix + ids + suffix }
}

/// How ids turn back into text.
enum Decoder: Sendable, Equatable {
    /// `ByteLevel`: token characters map back to bytes, decoded as UTF-8.
    case byteLevel
    /// `Fuse`: token texts joined as they are.
    case fuse
    /// No decoder: token texts joined with spaces, as `tokenizers` does.
    case none
}
