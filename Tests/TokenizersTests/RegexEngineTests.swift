// The regex engine on the three family regexes gives exactly the pieces of the hand-written matchers
// (the fast path the tokenizers take for them), on the fixtures' corpus and on random text over the
// characters where these regexes differ; and bad regexes are refused with a position.
import Foundation
import Testing
import Tokenizers

@Suite struct RegexEngineTests {
    // The regexes as the fixture script writes them (the hand matchers recognise these strings).
    static let gpt2 = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
    static let llama3 =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    static let qwen2 =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

    /// Random strings over spaces, line ends, contraction letters, digits of several scripts, marks,
    /// punctuation and emoji, from a fixed seed.
    static func randomTexts(count: Int) -> [String] {
        let alphabet: [String] =
            Array(repeating: [" ", "\t", "\r", "\n"], count: 4).flatMap { $0 }
            + "aZé'sStTrRvVmlLdD0123٣½Ⅻ.,!?-_(){}<>#$'\"".map(String.init)
            + [
                "\u{00a0}", "\u{3000}", "\u{2028}", "\u{0301}", "\u{017f}", "\u{0}", "\u{0b}", "\u{85}", "你", "😀",
                "👍🏽", "\u{200d}", "ǅ", "ʰ", "K", "١",
            ]
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<count).map { _ in (0..<(1 + next(40))).map { _ in alphabet[next(alphabet.count)] }.joined() }
    }

    @Test(arguments: [("gpt2", gpt2), ("llama3", llama3), ("qwen2", qwen2)])
    func engineGivesTheHandMatchersPieces(family: String, regex: String) throws {
        let tokenizer = try Fixtures.tokenizer(family)
        let engine = try RegexSplitter(pattern: regex)
        let texts = try Fixtures.cases(family).map(\.text) + Self.randomTexts(count: 3000)
        for text in texts {
            let normalized = tokenizer.normalize(text)
            #expect(engine.pieces(of: normalized) == tokenizer.pieces(of: text), "\(family): \(text.debugDescription)")
        }
    }

    @Test func marksSayWhatMatched() throws {
        let marks = try RegexSplitter(pattern: #"\p{N}+"#).marks(of: "ab12c٣")
        #expect(marks.map(\.text) == ["ab", "12", "c", "٣"])
        #expect(marks.map(\.isMatch) == [false, true, false, true])
    }

    @Test(arguments: [
        ("ab\\p{Foo}", 2, "invalid character property name {Foo}"), ("(a|b", 4, "unmatched parenthesis"),
        ("a)", 1, "unmatched close parenthesis"), ("[a-", 0, "premature end of char-class"),
        ("x(?s)y", 3, "undefined group option"), ("(a)\\1", 3, "backreferences are not supported"),
        ("\\p{Han}", 0, "scripts and blocks are not supported"), ("a{100001}", 1, "repeat count too large"),
    ])
    func badRegexNamesThePosition(regex: String, position: Int, message: String) throws {
        let error = try #require(throws: RegexSyntaxError.self) { try RegexSplitter(pattern: regex) }
        #expect(error.position == position, "\(regex): \(error)")
        #expect(error.message.contains(message), "\(regex): \(error)")
    }
}
