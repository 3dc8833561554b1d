// The tokenizer interface the rest of SwiftGRPO sees: text to ids and back, with byte offsets so chat
// templates can tell which tokens came from which part of the text. Two kinds implement it:
// `BPETokenizer` (Hugging Face tokenizer.json) and `CharTokenizer` (built-in tasks).

/// Turns text into token ids and back.
public protocol Tokenizer: Sendable {
    /// Number of ids the tokenizer can produce (the largest id plus one).
    var vocabularySize: Int { get }
    /// Ids of `text`; `addSpecialTokens` applies the post-processor (e.g. Llama-3's BOS).
    func encode(_ text: String, addSpecialTokens: Bool) -> [Int]
    /// Ids of `text` with the UTF-8 byte range of `normalize(text)` each one came from, no post-processor.
    func encodeWithOffsets(_ text: String) -> [(id: Int, bytes: Range<Int>)]
    /// Text of `ids`; `skipSpecialTokens` drops special tokens such as BOS and EOS.
    func decode(_ ids: [Int], skipSpecialTokens: Bool) -> String
    /// The text as the tokenizer sees it before splitting (e.g. NFC for Qwen2).
    func normalize(_ text: String) -> String
    /// The id of a token given by its text (special tokens included), if any.
    func id(of token: String) -> Int?
}

extension Tokenizer {
    /// Ids of `text` with special tokens added.
    public func encode(_ text: String) -> [Int] { encode(text, addSpecialTokens: true) }
    /// Text of `ids`, special tokens kept.
    public func decode(_ ids: [Int]) -> String { decode(ids, skipSpecialTokens: false) }
}

/// What went wrong reading or using a tokenizer, naming the file and the field.
public struct TokenizerError: Error, CustomStringConvertible, Equatable {
    /// The file the error is about (or "<memory>").
    public let file: String
    /// The JSON path of the field at fault, e.g. `model.merges[12]`.
    public let field: String
    /// What is wrong and, where possible, what to do.
    public let message: String

    /// Makes an error about `field` of `file`.
    public init(file: String, field: String, _ message: String) {
        self.file = file
        self.field = field
        self.message = message
    }

    public var description: String { field.isEmpty ? "\(file): \(message)" : "\(file): \(field): \(message)" }
}
