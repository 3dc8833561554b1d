// A malformed tokenizer.json must fail with an error naming the file and the field at fault.
import Foundation
import Testing
import Tokenizers

@Suite struct TokenizerJSONErrorTests {
    /// Writes `text` to a temporary tokenizer.json, loads it and returns the error.
    private func loadError(_ text: String) throws -> TokenizerError {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("tok-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let url = directory.appendingPathComponent("tokenizer.json")
        try Data(text.utf8).write(to: url)
        let error = try #require(throws: TokenizerError.self) { try BPETokenizer(contentsOf: url) }
        #expect(error.file == url.path)
        #expect(error.description.hasPrefix(url.path + ": "))
        return error
    }

    /// The GPT-2 fixture with `edit` applied to its parsed JSON.
    private func edited(_ edit: (inout [String: Any]) -> Void) throws -> String {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("gpt2/tokenizer.json"))
        var json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        edit(&json)
        return String(decoding: try JSONSerialization.data(withJSONObject: json), as: UTF8.self)
    }

    private func editModel(_ edit: @escaping (inout [String: Any]) -> Void) throws -> String {
        try edited { json in
            var model = json["model"] as! [String: Any]
            edit(&model)
            json["model"] = model
        }
    }

    @Test func unmodifiedFixtureLoads() throws {
        _ = try BPETokenizer(json: Data(try edited { _ in }.utf8))
    }

    @Test func badJSON() throws {
        let error = try loadError(#"{"model": {"type": "BPE", "vocab": {"a": 0}"#)
        #expect(error.message.contains("not valid JSON"))
    }

    @Test func missingModel() throws {
        let error = try loadError(try edited { $0["model"] = nil })
        #expect(error.field == "model")
        #expect(error.message.contains("missing"))
    }

    @Test func unknownModelType() throws {
        let error = try loadError(try editModel { $0["type"] = "Unigram" })
        #expect(error.field == "model.type")
        #expect(error.message.contains("Unigram"))
    }

    @Test func mergeWithUnknownToken() throws {
        let error = try loadError(
            try editModel { model in
                var merges = model["merges"] as! [Any]
                merges[7] = ["Ġ", "notatoken"]
                model["merges"] = merges
            })
        #expect(error.field == "model.merges[7]")
        #expect(error.message.contains("unknown token \"notatoken\""))
    }

    @Test func mergeWhoseResultIsMissing() throws {
        let error = try loadError(
            try editModel { model in
                var vocab = model["vocab"] as! [String: Any]
                let merges = model["merges"] as! [[String]]
                vocab[merges[3][0] + merges[3][1]] = nil
                model["vocab"] = vocab
            })
        #expect(error.field.hasPrefix("model.merges["))
        #expect(error.message.contains("is not in model.vocab"))
    }

    @Test func malformedMergeEntry() throws {
        let error = try loadError(
            try editModel { model in
                var merges = model["merges"] as! [Any]
                merges[2] = "a b c"
                model["merges"] = merges
            })
        #expect(error.field == "model.merges[2]")
    }

    @Test func vocabIdThatIsNotANumber() throws {
        let error = try loadError(
            try editModel { model in
                var vocab = model["vocab"] as! [String: Any]
                vocab["Ġthe"] = "seven"
                model["vocab"] = vocab
            })
        #expect(error.field == #"model.vocab["Ġthe"]"#)
    }

    @Test func vocabIdTooLarge() throws {
        let error = try loadError(
            try editModel { model in
                var vocab = model["vocab"] as! [String: Any]
                vocab["Ġthe"] = 1 << 40
                model["vocab"] = vocab
            })
        #expect(error.field == #"model.vocab["Ġthe"]"#)
        #expect(error.message.contains("too large"))
    }

    @Test(arguments: [
        ("id", "\"zero\"", "must be an integer"), ("content", "null", "must be a string"),
        ("content", "\"\"", "must not be empty"), ("id", "-4", "must not be negative"),
    ])
    func badAddedToken(field: String, value: String, message: String) throws {
        let text = try edited { json in
            var tokens = json["added_tokens"] as! [[String: Any]]
            tokens[1][field] = "@@\(field)@@"
            json["added_tokens"] = tokens
        }.replacingOccurrences(of: "\"@@\(field)@@\"", with: value)
        let error = try loadError(text)
        #expect(error.field == "added_tokens[1].\(field)")
        #expect(error.message.contains(message))
    }

    @Test func addedTokenWithoutID() throws {
        let error = try loadError(
            try edited { json in
                var tokens = json["added_tokens"] as! [[String: Any]]
                tokens[0]["id"] = nil
                json["added_tokens"] = tokens
            })
        #expect(error.field == "added_tokens[0].id")
        #expect(error.message == "missing")
    }

    @Test func splitRegexTheEngineCannotParse() throws {
        let error = try loadError(
            try edited { json in
                json["pre_tokenizer"] = [
                    "type": "Sequence",
                    "pretokenizers": [
                        ["type": "Split", "pattern": ["Regex": "\\w+"], "behavior": "Isolated", "invert": false],
                        [
                            "type": "Split", "pattern": ["Regex": "\\s+|\\p{Nope}"], "behavior": "Removed",
                            "invert": true,
                        ],
                    ],
                ]
            })
        #expect(error.field == "pre_tokenizer.pretokenizers[1].pattern.Regex")
        #expect(error.message.contains("at character 4: invalid character property name {Nope}"))
    }

    @Test func unknownSplitBehavior() throws {
        let error = try loadError(
            try edited { json in
                json["pre_tokenizer"] = [
                    "type": "Split", "pattern": ["String": "-"], "behavior": "Sideways", "invert": false,
                ]
            })
        #expect(error.field == "pre_tokenizer.behavior")
        #expect(error.message.contains("Sideways"))
    }

    @Test func unsupportedNormalizerInsideSequence() throws {
        let error = try loadError(
            try edited { json in
                json["normalizer"] = ["type": "Sequence", "normalizers": [["type": "NFC"], ["type": "Lowercase"]]]
            })
        #expect(error.field == "normalizer.normalizers[1].type")
        #expect(error.message.contains("Lowercase"))
    }

    @Test func missingFile() throws {
        let url = URL(fileURLWithPath: "/nonexistent/tokenizer.json")
        let error = try #require(throws: TokenizerError.self) { try BPETokenizer(contentsOf: url) }
        #expect(error.description.hasPrefix("/nonexistent/tokenizer.json: cannot read"))
    }
}
