// The added tokens of tokenizer.json (special ones like <|im_end|> and plain ones like <tool_call>):
// found in the text before anything else, leftmost first and longest among those starting at the same
// place (the Aho-Corasick "leftmost longest" rule `tokenizers` uses), and never split by BPE.

/// One entry of `added_tokens`.
public struct AddedToken: Sendable, Equatable {
    /// Its id.
    public let id: Int
    /// Its text.
    public let content: String
    /// Whether it is special (skipped when decoding with `skipSpecialTokens`).
    public let special: Bool
    /// Whether a match also takes the whitespace on its left.
    public let lstrip: Bool
    /// Whether a match also takes the whitespace on its right.
    public let rstrip: Bool
}

/// A part of the text: plain text to pre-tokenize, or an added token.
enum Segment: Equatable {
    case text(Range<Int>)
    case token(id: Int, bytes: Range<Int>)
}

/// Finds added tokens in UTF-8 text.
struct AddedTokenMatcher: Sendable {
    /// Candidate tokens by first byte, longest first.
    private let byFirstByte: [[(bytes: [UInt8], token: AddedToken)]]

    init(_ tokens: [AddedToken]) {
        var table = [[(bytes: [UInt8], token: AddedToken)]](repeating: [], count: 256)
        for token in tokens where !token.content.isEmpty {
            let bytes = Array(token.content.utf8)
            table[Int(bytes[0])].append((bytes, token))
        }
        byFirstByte = table.map { $0.sorted { $0.bytes.count > $1.bytes.count } }
    }

    /// Cuts `bytes` into text and added-token segments.
    func segments(_ bytes: [UInt8]) -> [Segment] {
        var result: [Segment] = []
        var textStart = 0
        var i = 0
        while i < bytes.count {
            guard let match = match(bytes, at: i) else {
                i += 1
                continue
            }
            var start = i
            var end = i + match.bytes.count
            if match.token.lstrip { start = skipWhitespace(bytes, from: start, backwardTo: textStart) }
            if match.token.rstrip { end = skipWhitespace(bytes, from: end) }
            if start > textStart { result.append(.text(textStart..<start)) }
            result.append(.token(id: match.token.id, bytes: start..<end))
            textStart = end
            i = end
        }
        if textStart < bytes.count { result.append(.text(textStart..<bytes.count)) }
        return result
    }

    private func match(_ bytes: [UInt8], at i: Int) -> (bytes: [UInt8], token: AddedToken)? {
        for candidate in byFirstByte[Int(bytes[i])] where i + candidate.bytes.count <= bytes.count {
            if bytes[i..<(i + candidate.bytes.count)].elementsEqual(candidate.bytes) { return candidate }
        }
        return nil
    }

    /// The end of the whitespace starting at `from`.
    private func skipWhitespace(_ bytes: [UInt8], from: Int) -> Int {
        let text = String(decoding: bytes[from...], as: UTF8.self)
        let spaces = text.unicodeScalars.prefix { $0.properties.isWhitespace }
        return from + spaces.reduce(0) { $0 + UTF8.width($1) }
    }

    /// The start of the whitespace ending at `from`, not before `limit`.
    private func skipWhitespace(_ bytes: [UInt8], from: Int, backwardTo limit: Int) -> Int {
        let text = String(decoding: bytes[limit..<from], as: UTF8.self)
        let spaces = text.unicodeScalars.reversed().prefix { $0.properties.isWhitespace }
        return from - spaces.reduce(0) { $0 + UTF8.width($1) }
    }
}
