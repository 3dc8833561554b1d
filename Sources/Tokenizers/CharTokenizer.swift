// The character tokenizer of the built-in tasks: special tokens first, then one id per character
// (Unicode scalar). It saves itself as a tokenizer.json that `tokenizers` and `BPETokenizer` load: a
// BPE model without merges, no pre-tokenizer (the whole text is one word) and the Fuse decoder.
import Foundation

/// One id per character, plus special tokens.
public struct CharTokenizer: Tokenizer {
    /// The special tokens the built-in tasks use, ids 0 to 3.
    public static let defaultSpecialTokens = ["<|pad|>", "<|endoftext|>", "<|im_start|>", "<|im_end|>"]
    /// Newline and the printable ASCII characters.
    public static let printableASCII =
        "\n" + String(String.UnicodeScalarView((32...126).map { Unicode.Scalar(UInt8($0)) }))

    /// The special tokens, ids 0 up.
    public let specialTokens: [String]
    /// The characters, ids following the special tokens.
    public let characters: [Unicode.Scalar]
    private let idForScalar: [Unicode.Scalar: Int]
    private let matcher: AddedTokenMatcher

    public var vocabularySize: Int { specialTokens.count + characters.count }

    /// A tokenizer over the distinct characters of `alphabet` (first occurrence sets the order).
    public init(
        alphabet: String = CharTokenizer.printableASCII,
        specialTokens: [String] = CharTokenizer.defaultSpecialTokens
    ) {
        self.specialTokens = specialTokens
        var seen = Set<Unicode.Scalar>()
        characters = alphabet.unicodeScalars.filter { seen.insert($0).inserted }
        idForScalar = Dictionary(uniqueKeysWithValues: characters.enumerated().map { ($1, specialTokens.count + $0) })
        matcher = AddedTokenMatcher(
            specialTokens.enumerated().map {
                AddedToken(id: $0, content: $1, special: true, lstrip: false, rstrip: false)
            })
    }

    /// Characters outside the alphabet are dropped, as the saved tokenizer.json does in `tokenizers`.
    public func encode(_ text: String, addSpecialTokens: Bool) -> [Int] { encodeWithOffsets(text).map(\.id) }

    public func encodeWithOffsets(_ text: String) -> [(id: Int, bytes: Range<Int>)] {
        let bytes = Array(text.utf8)
        var result: [(id: Int, bytes: Range<Int>)] = []
        for segment in matcher.segments(bytes) {
            switch segment {
            case .token(let id, let range): result.append((id, range))
            case .text(let range):
                var offset = range.lowerBound
                for scalar in String(decoding: bytes[range], as: UTF8.self).unicodeScalars {
                    let width = UTF8.width(scalar)
                    if let id = idForScalar[scalar] { result.append((id, offset..<(offset + width))) }
                    offset += width
                }
            }
        }
        return result
    }

    public func decode(_ ids: [Int], skipSpecialTokens: Bool) -> String {
        var text = ""
        for id in ids {
            if id >= 0 && id < specialTokens.count {
                if !skipSpecialTokens { text += specialTokens[id] }
            } else if id >= specialTokens.count && id < vocabularySize {
                text.unicodeScalars.append(characters[id - specialTokens.count])
            }
        }
        return text
    }

    public func normalize(_ text: String) -> String { text }

    public func id(of token: String) -> Int? {
        if let index = specialTokens.firstIndex(of: token) { return index }
        let scalars = token.unicodeScalars
        return scalars.count == 1 ? idForScalar[scalars.first!] : nil
    }

    /// The tokenizer.json that reproduces this tokenizer in `tokenizers`.
    public func tokenizerJSON() throws -> Data {
        var vocab: [String: Int] = [:]
        for (id, token) in specialTokens.enumerated() { vocab[token] = id }
        for (index, scalar) in characters.enumerated() { vocab[String(scalar)] = specialTokens.count + index }
        let added: [[String: Any]] = specialTokens.enumerated().map { id, token in
            [
                "id": id, "content": token, "single_word": false, "lstrip": false, "rstrip": false,
                "normalized": false, "special": true,
            ]
        }
        let model: [String: Any] = [
            "type": "BPE", "dropout": NSNull(), "unk_token": NSNull(), "continuing_subword_prefix": NSNull(),
            "end_of_word_suffix": NSNull(), "fuse_unk": false, "byte_fallback": false, "ignore_merges": false,
            "vocab": vocab, "merges": [String](),
        ]
        let root: [String: Any] = [
            "version": "1.0", "truncation": NSNull(), "padding": NSNull(), "added_tokens": added,
            "normalizer": NSNull(), "pre_tokenizer": NSNull(), "post_processor": NSNull(),
            "decoder": ["type": "Fuse"], "model": model,
        ]
        return try JSONSerialization.data(withJSONObject: root, options: [.prettyPrinted, .sortedKeys])
    }

    /// Writes `tokenizerJSON()` to `url`.
    public func save(to url: URL) throws {
        try tokenizerJSON().write(to: url, options: .atomic)
    }
}
