// `grpo tokenize`: text lines on stdin to JSON arrays of ids, or (with --decode) back.
import ArgumentParser
import Foundation
import Tokenizers

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Encode stdin lines to JSON id arrays, or decode id arrays back to text.")
    @Option(help: "A tokenizer.json file or a model directory holding one.") var tokenizer: String
    @Flag(help: "Read one JSON array of ids per line and print its text.") var decode = false

    func run() throws {
        let tokens = try BPETokenizer(path: tokenizer)
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if decode {
                guard let ids = try? JSONDecoder().decode([Int].self, from: Data(line.utf8)) else {
                    throw TokenizerError(
                        file: "stdin", field: "line \(lineNumber)", "expected a JSON array of integer ids")
                }
                print(tokens.decode(ids))
            } else {
                print("[" + tokens.encode(line).map(String.init).joined(separator: ",") + "]")
            }
        }
    }
}
