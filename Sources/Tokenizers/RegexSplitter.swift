// The regex engine as a public tool: split a string with any Oniguruma-syntax regex and a Hugging
// Face split behaviour, exactly as a `Split` pre-tokenizer with that regex would. Tests compare it
// with the `tokenizers` library; `grpo tokenize --regex` lets a user try a pattern.

/// Splits text with a regex the way a `Split` pre-tokenizer does, always through the regex engine.
public struct RegexSplitter: Sendable {
    private let split: RegexSplit

    /// Compiles `pattern`; a pattern the engine cannot parse throws with its position.
    public init(pattern: String, behavior: SplitBehavior = .isolated, invert: Bool = false) throws(RegexSyntaxError) {
        split = RegexSplit(regex: try RegexProgram(pattern), behavior: behavior, invert: invert)
    }

    /// The pieces of `text` (what `tokenizers`' `pre_tokenize_str` gives for this step alone).
    public func pieces(of text: String) -> [String] {
        let (scalars, bytes) = load(text)
        var out: [Range<Int>] = []
        var scratch = SplitScratch()
        split.split(scalars, 0..<scalars.count, into: &out, &scratch)
        return out.map { String(decoding: bytes[scalars.byteRange($0)], as: UTF8.self) }
    }

    /// The matches in `text` and the text between them, in order, each marked.
    public func marks(of text: String) -> [(text: String, isMatch: Bool)] {
        let (scalars, bytes) = load(text)
        var parts: [SplitPart] = []
        var scratch = RegexScratch()
        RegexSplit.marks(split.regex, scalars, 0..<scalars.count, into: &parts, &scratch)
        return parts.map { (String(decoding: bytes[scalars.byteRange($0.range)], as: UTF8.self), $0.isMatch) }
    }

    private func load(_ text: String) -> (ScalarText, [UInt8]) {
        let bytes = Array(text.utf8)
        var scalars = ScalarText()
        scalars.load(bytes[...])
        return (scalars, bytes)
    }
}
