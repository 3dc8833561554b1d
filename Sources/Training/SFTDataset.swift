// Supervised examples from JSONL in TRL's layouts: `prompt`/`completion` pairs (text as it is, loss on the
// completion), chat `messages` (ChatML turns, or the model's own chat template, loss on every assistant
// turn) and plain `text` (loss on all of it). Each line becomes token ids and a mask of the tokens the loss counts; a bad line is an error
// naming the file and line.
import Foundation
import Tokenizers

/// One supervised example: token ids and the tokens the loss counts.
public struct SFTExample: Equatable, Sendable {
    /// Token ids of the whole example, BOS (when the tokenizer adds one) to EOS.
    public var ids: [Int32]
    /// 1 where `ids[i]` is a target of the loss, else 0; `lossMask[0]` is 0 (nothing predicts the first token).
    public var lossMask: [Float]
    /// The text before the trained part (the split key: examples with the same prompt land on the same side).
    public var prompt: String
    /// 1-based line of the file it came from.
    public var line: Int
}

/// Reads supervised examples from a JSONL file.
public enum SFTDataset {
    /// The examples of `path`, cut to `maxLength` tokens, and how many were cut (an example left without a
    /// trained token is dropped and counted too). With `completionOnlyLoss` false every token after the first counts.
    /// `chatTemplate` renders `messages` lines (default: fixed ChatML turns).
    public static func load(path: String, tokenizer: any Tokenizer, eos: Int32?, completionOnlyLoss: Bool = true,
                            maxLength: Int, chatTemplate: JinjaChatTemplate? = nil) throws -> (examples: [SFTExample], truncated: Int) {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError("\(path): cannot read the dataset")
        }
        var examples: [SFTExample] = [], truncated = 0
        for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = raw.trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            func fail(_ why: String) -> ConfigError { ConfigError("\(path): line \(i + 1): \(why)") }
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw fail("not a JSON object")
            }
            var example = try SFTExample(object, tokenizer: tokenizer, eos: eos, chatTemplate: chatTemplate, line: i + 1, fail: fail)
            if !completionOnlyLoss { example.lossMask = example.lossMask.indices.map { $0 == 0 ? 0 : 1 } }
            if example.ids.count > maxLength {
                truncated += 1
                example.ids.removeLast(example.ids.count - maxLength)
                example.lossMask.removeLast(example.lossMask.count - maxLength)
                if !example.lossMask.contains(1) { continue }
            }
            examples.append(example)
        }
        if examples.isEmpty { throw ConfigError("\(path): no examples") }
        return (examples, truncated)
    }
}

extension SFTExample {
    /// Parses one JSONL object; `fail` names the file and line.
    init(_ object: [String: Any], tokenizer: any Tokenizer, eos: Int32?, chatTemplate: JinjaChatTemplate?, line: Int,
         fail: (String) -> ConfigError) throws {
        // (text, trained) segments, tokenised one by one so the mask follows their boundaries.
        var segments: [(String, Bool)] = []
        if let messages = object["messages"] {
            guard let turns = messages as? [[String: Any]], !turns.isEmpty else {
                throw fail("messages must be a non-empty list of {\"role\", \"content\"} objects")
            }
            var chat: [ChatMessage] = []
            for (t, turn) in turns.enumerated() {
                guard let role = turn["role"] as? String, let chatRole = ChatRole(rawValue: role) else {
                    throw fail("messages[\(t)].role must be system, user or assistant (got \(turn["role"].map { "\($0)" } ?? "nothing"))")
                }
                guard let content = turn["content"] as? String else { throw fail("messages[\(t)].content must be a string") }
                chat.append(ChatMessage(role: chatRole, content: content))
                segments.append(("<|im_start|>\(role)\n", false))
                segments.append((content + "<|im_end|>", role == "assistant"))
                segments.append(("\n", false))
            }
            guard segments.contains(where: \.1) else { throw fail("messages has no assistant turn to train on") }
            if let chatTemplate {
                self = try SFTExample.templated(chat, template: chatTemplate, tokenizer: tokenizer, line: line, fail: fail)
                return
            }
        } else if let prompt = object["prompt"] {
            guard let prompt = prompt as? String, let completion = object["completion"] as? String else {
                throw fail("prompt and completion must both be strings")
            }
            segments = [(prompt, false), (completion, true)]
        } else if let text = object["text"] as? String {
            segments = [(text, true)]
        } else {
            throw fail("expected prompt and completion, messages, or text (found keys: \(object.keys.sorted().joined(separator: ", ")))")
        }
        // Everything after the last trained turn is a trailing newline: drop it, end with EOS.
        while let last = segments.last, !last.1 { segments.removeLast() }
        ids = []
        lossMask = []
        prompt = ""
        var seenTrained = false
        for (s, (text, trained)) in segments.enumerated() {
            let tokens = tokenizer.encode(text, addSpecialTokens: s == 0).map(Int32.init)
            ids += tokens
            lossMask += Array(repeating: trained ? 1 : 0, count: tokens.count)
            if trained { seenTrained = true } else if !seenTrained { prompt += text }
        }
        // Plain text has no prompt: the text itself is its split key.
        if prompt.isEmpty { prompt = segments.map(\.0).joined() }
        if let eos, ids.last != eos {
            ids.append(eos)
            lossMask.append(1)
        }
        if !lossMask.isEmpty { lossMask[0] = 0 }
        self.line = line
        guard lossMask.contains(1) else { throw fail("nothing to train on: the completion is empty") }
    }

    /// A chat rendered by a Jinja template: the template writes every special token (no EOS is added) and
    /// the loss covers what its assistant mask marks; untrained tokens after the last reply are dropped.
    private static func templated(_ chat: [ChatMessage], template: JinjaChatTemplate, tokenizer: any Tokenizer, line: Int,
                                  fail: (String) -> ConfigError) throws -> SFTExample {
        let encoded: EncodedChat
        do {
            encoded = try template.encode(chat, with: tokenizer)
        } catch {
            throw fail("the chat template failed: \(error)")
        }
        guard let last = encoded.assistantMask.lastIndex(of: true), let first = encoded.assistantMask.firstIndex(of: true) else {
            throw fail("the chat template marks no assistant text to train on")
        }
        var lossMask: [Float] = encoded.assistantMask[...last].map { $0 ? 1 : 0 }
        lossMask[0] = 0
        return SFTExample(ids: encoded.ids[...last].map(Int32.init), lossMask: lossMask,
                          prompt: tokenizer.decode(Array(encoded.ids[..<first]), skipSpecialTokens: false), line: line)
    }
}
