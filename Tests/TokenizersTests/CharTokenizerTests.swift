// The character tokenizer: round trips, and a saved tokenizer.json that the `tokenizers` library loads
// (the fixture script loaded the same file and recorded the library's ids).
import Foundation
import Testing
import Tokenizers

@Suite struct CharTokenizerTests {
    private let tokenizer = CharTokenizer(alphabet: CharTokenizer.printableASCII + "é≈π")

    @Test func idsFollowSpecialTokensThenAlphabet() {
        #expect(tokenizer.vocabularySize == 4 + 96 + 3)
        #expect(tokenizer.id(of: "<|pad|>") == 0)
        #expect(tokenizer.id(of: "\n") == 4)
        #expect(tokenizer.id(of: " ") == 5)
        #expect(tokenizer.id(of: "π") == 102)
        #expect(tokenizer.encode("<|im_start|>ab") == [2, 4 + 66, 4 + 67])
    }

    @Test func roundTrips() {
        for text in ["2+2=4\n", "π≈3.14159 café", "<|im_start|>user\nhi<|im_end|><|endoftext|>", ""] {
            #expect(tokenizer.decode(tokenizer.encode(text)) == text)
        }
        #expect(tokenizer.decode(tokenizer.encode("a<|endoftext|>"), skipSpecialTokens: true) == "a")
    }

    @Test func savedJSONIsTheFixtureTheLibraryLoaded() throws {
        let ours = try JSONSerialization.jsonObject(with: try tokenizer.tokenizerJSON()) as! NSDictionary
        let fixture =
            try JSONSerialization.jsonObject(
                with: try Data(contentsOf: Fixtures.directory.appendingPathComponent("char/tokenizer.json")))
            as! NSDictionary
        #expect(ours == fixture)
    }

    @Test func idsMatchTheLibraryOnTheSavedFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("char-\(UUID().uuidString).json")
        defer { try? FileManager.default.removeItem(at: url) }
        try tokenizer.save(to: url)
        let reloaded = try BPETokenizer(contentsOf: url)
        for item in try Fixtures.cases("char") {
            #expect(tokenizer.encode(item.text) == item.ids, "\(item.text.debugDescription)")
            #expect(reloaded.encode(item.text) == item.ids, "\(item.text.debugDescription)")
            #expect(tokenizer.decode(item.ids) == item.decoded)
            #expect(reloaded.decode(item.ids) == item.decoded)
        }
    }
}
