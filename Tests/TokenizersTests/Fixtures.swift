// Locates and reads the fixtures that scripts/make_fixtures.py wrote with the `tokenizers` library.
import Foundation
import Tokenizers

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    /// The byte-level BPE families, each a tokenizer.json plus the library's outputs on the test corpus.
    /// qwen35, o200k (GPT-4o), deepseek3 and splits (every Split behaviour) go through the regex engine.
    static let families = ["gpt2", "gpt2-real", "llama3", "qwen2", "smollm", "qwen35", "o200k", "deepseek3", "splits"]

    static func tokenizer(_ family: String) throws -> BPETokenizer {
        try BPETokenizer(contentsOf: directory.appendingPathComponent("\(family)/tokenizer.json"))
    }

    /// One line of expected.json: a text and what the `tokenizers` library made of it.
    struct Case: Decodable {
        let text: String
        let pieces: [String]?
        let ids: [Int]
        let idsNoSpecial: [Int]?
        let decoded: String
        let decodedSkipSpecial: String?
        let decodedEach: [String]?

        enum CodingKeys: String, CodingKey {
            case text, pieces, ids, decoded
            case idsNoSpecial = "ids_no_special"
            case decodedSkipSpecial = "decoded_skip_special"
            case decodedEach = "decoded_each"
        }
    }

    /// regex/splits.json: the library's Split pre-tokenizer on many regexes and texts.
    struct Splits: Decodable {
        let texts: [String]
        let cases: [SplitCase]
        /// Regexes the library refuses.
        let bad: [String]
    }

    /// One regex and behaviour; `spans[k]` are the pieces of `texts[k]` as [gap, length, gap, length, ...]
    /// in scalars, each gap counted from the end of the piece before.
    struct SplitCase: Decodable {
        let regex: String
        let behavior: String
        let invert: Bool
        let spans: [[Int]]
    }

    static func splits() throws -> Splits {
        let data = try Data(contentsOf: directory.appendingPathComponent("regex/splits.json"))
        return try JSONDecoder().decode(Splits.self, from: data)
    }

    static func cases(_ family: String) throws -> [Case] {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(family)/expected.json"))
        return try JSONDecoder().decode([Case].self, from: data)
    }
}
