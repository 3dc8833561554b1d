// `grpo tokenize` run as a user runs it: a tokenizer whose split regex only the regex engine handles
// (Qwen3.5's) gives the library's ids, `--pieces` shows the pre-tokenizer's cut, `--regex` splits by
// any pattern, and a bad pattern fails with its position.
import Foundation
import TestSupport
import Testing
import Tokenizers

@Suite struct TokenizeCommandTests {
    @Test func newerVocabularyGivesTheLibrarysIDs() throws {
        let path = Fixtures.directory.appendingPathComponent("qwen35/tokenizer.json").path
        let cases = try Fixtures.cases("qwen35").filter { !$0.text.contains("\n") && !$0.text.contains("\r") }
        #expect(cases.count > 50)
        let run = try GRPOBinary.run(["tokenize", "--tokenizer", path], input: cases.map { $0.text + "\n" }.joined())
        #expect(run.status == 0, "\(run.err)")
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == cases.count)
        for (line, item) in zip(lines, cases) {
            let ids = try JSONDecoder().decode([Int].self, from: Data(line.utf8))
            #expect(ids == item.ids, "\(item.text.debugDescription)")
        }
    }

    @Test func piecesShowThePreTokenizer() throws {
        let path = Fixtures.directory.appendingPathComponent("o200k/tokenizer.json").path
        let cases = try Fixtures.cases("o200k").filter { !$0.text.contains("\n") && !$0.text.contains("\r") }
        let run = try GRPOBinary.run(
            ["tokenize", "--tokenizer", path, "--pieces"], input: cases.map { $0.text + "\n" }.joined())
        #expect(run.status == 0, "\(run.err)")
        let lines = run.out.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == cases.count)
        for (line, item) in zip(lines, cases) {
            #expect(
                try JSONDecoder().decode([String].self, from: Data(line.utf8)) == item.pieces,
                "\(item.text.debugDescription)")
        }
    }

    @Test func benchCountsThePreTokenizersPieces() throws {
        let path = Fixtures.directory.appendingPathComponent("deepseek3/tokenizer.json").path
        // The fixture's pieces are the pre-tokenizer's on the whole line; encoding cuts added tokens out first.
        let cases = try Fixtures.cases("deepseek3").filter {
            !$0.text.contains("\n") && !$0.text.contains("\r") && !$0.text.contains("<|")
        }
        let text = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(UUID().uuidString).txt")
        try Data(cases.map(\.text).joined(separator: "\n").utf8).write(to: text)
        defer { try? FileManager.default.removeItem(at: text) }
        let arguments = ["bench", "tokenize", "--tokenizer", path, "--text", text.path, "--repeats", "1", "--json"]
        let run = try GRPOBinary.run(arguments + ["--pre-tokenizer-only"])
        #expect(run.status == 0, "\(run.err)")
        let result = try #require(try JSONSerialization.jsonObject(with: Data(run.out.utf8)) as? [String: Any])
        #expect(result["pieces"] as? Int == cases.reduce(0) { $0 + ($1.pieces?.count ?? 0) })
        let full = try GRPOBinary.run(arguments)
        let encoded = try #require(try JSONSerialization.jsonObject(with: Data(full.out.utf8)) as? [String: Any])
        #expect(encoded["tokens"] as? Int == cases.reduce(0) { $0 + ($1.idsNoSpecial?.count ?? 0) })
    }

    @Test func regexSplitsLines() throws {
        let run = try GRPOBinary.run(
            ["tokenize", "--regex", #"\p{N}{1,3}"#, "--behavior", "MergedWithPrevious"], input: "ab12345 x\n٣٤٥٦\n")
        #expect(run.status == 0, "\(run.err)")
        #expect(run.out == "[\"ab123\",\"45\",\" x\"]\n[\"٣٤٥\",\"٦\"]\n")
    }

    @Test func badRegexFailsWithItsPosition() throws {
        let run = try GRPOBinary.run(["tokenize", "--regex", #"ab\p{Foo}"#], input: "x\n")
        #expect(run.status != 0)
        #expect(run.err.contains("--regex: at character 2: invalid character property name {Foo}"), "\(run.err)")
    }

    @Test func optionsThatDoNotGoTogetherAreRefused() throws {
        let cases: [([String], String)] = [
            (["--tokenizer", "t.json", "--regex", "a"], "give exactly one of --tokenizer or --regex"),
            (["--regex", "a", "--pieces"], "--decode and --pieces need --tokenizer"),
            (["--tokenizer", "t.json", "--chat-template", "f.jinja"], "apply only with --chat"),
            (["--tokenizer", "t.json", "--chat", "c.jsonl", "--pieces"], "--chat does not go with --decode or --pieces"),
        ]
        for (arguments, message) in cases {
            let run = try GRPOBinary.run(["tokenize"] + arguments, input: "")
            #expect(run.status != 0 && run.err.contains(message), "\(arguments): \(run.err)")
        }
    }
}
