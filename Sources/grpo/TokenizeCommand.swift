// `grpo tokenize`: text lines on stdin to JSON arrays of ids, or (with --decode) back; with --pieces
// the pre-tokenizer's pieces instead of ids, with --regex the pieces of any split regex alone, and with
// --chat the conversations of a JSONL file through the model's own chat template (or --chat-template
// FILE), printed as JSON lines of the rendered text, its ids and the assistant mask SFT trains on.
import ArgumentParser
import Foundation
import Tokenizers

struct TokenizeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Encode stdin lines to JSON id arrays, decode id arrays back to text, or apply a chat template.",
        discussion: """
            With --pieces, print how the tokenizer's normalizer and pre-tokenizer (its split regex) cut each \
            line, as a JSON array of strings. With --regex, split each line by that regex (Oniguruma syntax, \
            as in a tokenizer.json Split pre-tokenizer) without any tokenizer.

            With --chat F.jsonl, each line of F ({"messages": [{"role", "content"}, ...]}) is rendered by the \
            chat template of the --tokenizer model directory (tokenizer_config.json's chat_template or \
            chat_template.jinja, as transformers' apply_chat_template does) and printed as one JSON line: \
            {"text", "ids", "assistant_mask"} (mask 1 on the reply tokens SFT trains on; with \
            --add-generation-prompt the text ends with the assistant's turn opened and there is no mask).
            """)
    @Option(help: "A tokenizer.json file or a model directory holding one.") var tokenizer: String?
    @Flag(help: "Read one JSON array of ids per line and print its text.") var decode = false
    @Flag(help: "Print each line's pre-tokenizer pieces (JSON array of strings) instead of ids.") var pieces = false
    @Option(help: "Split each line by this regex instead of using a tokenizer; prints JSON arrays of pieces.")
    var regex: String?
    @Option(help: "With --regex: Isolated, Removed, MergedWithPrevious, MergedWithNext or Contiguous.")
    var behavior = "Isolated"
    @Flag(help: "With --regex: treat the text between matches as the delimiters (the Split pre-tokenizer's invert).")
    var invert = false
    @Option(help: "A JSONL file of chats ({\"messages\": [...]}) to render with the model's chat template.") var chat: String?
    @Option(help: "A Jinja chat template file to use instead of the model directory's (with --chat).") var chatTemplate: String?
    @Flag(help: "With --chat: end each chat with the assistant's turn opened, as a prompt.") var addGenerationPrompt = false

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
        if chat == nil && (chatTemplate != nil || addGenerationPrompt) {
            throw ValidationError("--chat-template and --add-generation-prompt apply only with --chat")
        }
        if chat != nil && (decode || pieces) { throw ValidationError("--chat does not go with --decode or --pieces") }
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
        if let chat { return try renderChats(chat, tokens, tokenizer: tokenizer!) }
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

    private func renderChats(_ path: String, _ tokens: BPETokenizer, tokenizer: String) throws {
        var isDirectory: ObjCBool = false
        let directory = FileManager.default.fileExists(atPath: tokenizer, isDirectory: &isDirectory) && isDirectory.boolValue
            ? tokenizer : (tokenizer as NSString).deletingLastPathComponent
        let template = try chatTemplate.map { try TokenizerConfig.chatTemplate(file: $0, directory: directory) }
            ?? TokenizerConfig.chatTemplate(directory: directory)
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ValidationError("\(path): cannot read the file")
        }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated()
        where !line.trimmingCharacters(in: .whitespaces).isEmpty {
            let messages = try ChatLine.messages(String(line), file: path, line: i + 1)
            let fields: [(String, JinjaValue)]
            if addGenerationPrompt {
                let rendered = try template.render(messages, addGenerationPrompt: true)
                fields = [("text", .string(rendered)),
                          ("ids", .list(tokens.encode(rendered, addSpecialTokens: false).map { .int($0) }))]
            } else {
                let encoded = try template.encode(messages, with: tokens)
                fields = [("text", .string(try template.render(messages))), ("ids", .list(encoded.ids.map { .int($0) })),
                          ("assistant_mask", .list(encoded.assistantMask.map { .int($0 ? 1 : 0) }))]
            }
            print(try JinjaJSON.json(.object(fields)))
        }
    }

    private static func json(_ strings: [String]) -> String {
        let data =
            (try? JSONSerialization.data(withJSONObject: strings, options: [.withoutEscapingSlashes]))
            ?? Data("[]".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
