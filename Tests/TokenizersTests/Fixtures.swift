// Locates and reads the fixtures that scripts/make_fixtures.py wrote with the `tokenizers` library.
import Foundation
import Tokenizers

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    /// The byte-level BPE families, each a tokenizer.json plus the library's outputs on the test corpus.
    static let families = ["gpt2", "gpt2-real", "llama3", "qwen2", "smollm"]

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

    static func cases(_ family: String) throws -> [Case] {
        let data = try Data(contentsOf: directory.appendingPathComponent("\(family)/expected.json"))
        return try JSONDecoder().decode([Case].self, from: data)
    }
}
