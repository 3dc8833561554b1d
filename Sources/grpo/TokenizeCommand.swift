// `grpo tokenize`: text lines on stdin to JSON arrays of ids, or (with --decode) back; with --pieces
// the pre-tokenizer's pieces instead of ids, and with --regex the pieces of any split regex alone.
import ArgumentParser
import Foundation
import Tokenizers

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Encode stdin lines to JSON id arrays, or decode id arrays back to text.",
        discussion: "With --pieces, print how the tokenizer's normalizer and pre-tokenizer (its split regex) cut "
            + "each line, as a JSON array of strings. With --regex, split each line by that regex (Oniguruma "
            + "syntax, as in a tokenizer.json Split pre-tokenizer) without any tokenizer.")
    @Option(help: "A tokenizer.json file or a model directory holding one.") var tokenizer: String?
    @Flag(help: "Read one JSON array of ids per line and print its text.") var decode = false
    @Flag(help: "Print each line's pre-tokenizer pieces (JSON array of strings) instead of ids.") var pieces = false
    @Option(help: "Split each line by this regex instead of using a tokenizer; prints JSON arrays of pieces.")
    var regex: String?
    @Option(help: "With --regex: Isolated, Removed, MergedWithPrevious, MergedWithNext or Contiguous.")
    var behavior = "Isolated"
    @Flag(help: "With --regex: treat the text between matches as the delimiters (the Split pre-tokenizer's invert).")
    var invert = false

    func validate() throws {
        guard (tokenizer == nil) != (regex == nil) else {
            throw ValidationError("give exactly one of --tokenizer or --regex")
        }
        if regex != nil && (decode || pieces) {
            throw ValidationError("--regex prints pieces; --decode and --pieces need --tokenizer")
        }
        if SplitBehavior(rawValue: behavior) == nil {
            let known = SplitBehavior.allCases.map(\.rawValue).joined(separator: ", ")
            throw ValidationError("--behavior: unknown \"\(behavior)\" (known: \(known))")
        }
    }

    func run() throws {
        if let regex {
            let splitter: RegexSplitter
            do {
                splitter = try RegexSplitter(
                    pattern: regex, behavior: SplitBehavior(rawValue: behavior)!, invert: invert)
            } catch {
                throw ValidationError("--regex: \(error)")
            }
            while let line = readLine(strippingNewline: true) { print(Self.json(splitter.pieces(of: line))) }
            return
        }
        let tokens = try BPETokenizer(path: tokenizer!)
        var lineNumber = 0
        while let line = readLine(strippingNewline: true) {
            lineNumber += 1
            if decode {
                guard let ids = try? JSONDecoder().decode([Int].self, from: Data(line.utf8)) else {
                    throw TokenizerError(
                        file: "stdin", field: "line \(lineNumber)", "expected a JSON array of integer ids")
                }
                print(tokens.decode(ids))
            } else if pieces {
                print(Self.json(tokens.pieces(of: line)))
            } else {
                print("[" + tokens.encode(line).map(String.init).joined(separator: ",") + "]")
            }
        }
    }

    private static func json(_ strings: [String]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: strings, options: [.withoutEscapingSlashes]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
