// The regex engine alone against the `tokenizers` library's Split pre-tokenizer (Oniguruma inside):
// about a hundred regexes — the families' own, other published tokenizers', and one per engine
// feature — on texts in many scripts, in every split behaviour for some (Fixtures/regex/splits.json).
import Foundation
import Testing
import Tokenizers

@Suite struct RegexParityTests {
    private static let behaviors: [String: SplitBehavior] = [
        "isolated": .isolated, "removed": .removed, "merged_with_previous": .mergedWithPrevious,
        "merged_with_next": .mergedWithNext, "contiguous": .contiguous,
    ]

    /// The pieces `spans` ([gap, length, ...] in scalars) stand for in `text`.
    private static func pieces(_ spans: [Int], of text: String) -> [String] {
        let scalars = Array(text.unicodeScalars)
        var result: [String] = []
        var end = 0
        for k in stride(from: 0, to: spans.count, by: 2) {
            let start = end + spans[k]
            end = start + spans[k + 1]
            var piece = String.UnicodeScalarView()
            piece.append(contentsOf: scalars[start..<end])
            result.append(String(piece))
        }
        return result
    }

    @Test func splitsMatchTheLibrary() throws {
        let fixture = try Fixtures.splits()
        #expect(fixture.cases.count > 100)
        #expect(fixture.texts.count > 30)
        var compared = 0
        for item in fixture.cases {
            let behavior = try #require(Self.behaviors[item.behavior])
            let splitter = try RegexSplitter(pattern: item.regex, behavior: behavior, invert: item.invert)
            for (text, spans) in zip(fixture.texts, item.spans) {
                let expected = Self.pieces(spans, of: text)
                #expect(
                    splitter.pieces(of: text) == expected,
                    "\(item.regex.debugDescription) \(item.behavior) invert=\(item.invert) on \(text.debugDescription)")
                compared += 1
            }
        }
        #expect(compared == fixture.cases.count * fixture.texts.count)
    }

    @Test func regexesTheLibraryRefusesAreRefused() throws {
        let bad = try Fixtures.splits().bad
        #expect(bad.count >= 8)
        for regex in bad {
            #expect(throws: RegexSyntaxError.self, "\(regex.debugDescription)") { try RegexSplitter(pattern: regex) }
        }
    }
}
