// Chat templates: messages to the text a model sees, and for SFT the mask of which tokens are trained
// (the assistant's words and the marker ending its turn, nothing the user or system wrote). The mask
// comes from byte offsets of the whole rendered text, so it matches how the text really tokenizes.

/// Who wrote a chat message.
public enum ChatRole: String, Sendable, Codable, CaseIterable {
    case system, user, assistant
}

/// One chat message.
public struct ChatMessage: Sendable, Equatable, Codable {
    /// Who wrote it.
    public var role: ChatRole
    /// What it says.
    public var content: String

    /// Makes a message.
    public init(role: ChatRole, content: String) {
        self.role = role
        self.content = content
    }
}

/// A chat's ids and which of them SFT trains on.
public struct EncodedChat: Sendable, Equatable {
    /// Token ids of the rendered chat.
    public var ids: [Int]
    /// True where the token belongs to an assistant reply (its content and end-of-turn marker).
    public var assistantMask: [Bool]
}

/// How messages become text.
public struct ChatTemplate: Sendable, Equatable {
    /// The layout of the text.
    public enum Format: String, Sendable, CaseIterable {
        /// `User: …` / `Assistant: …` lines, for base models and the character tokenizer.
        case plain
        /// `<|im_start|>role\n…<|im_end|>\n`, as Qwen2 and SmolLM2 chat models use.
        case chatml
    }

    /// The layout.
    public var format: Format
    /// What ends an assistant turn in the plain format (the tokenizer's EOS token).
    public var endOfTurn: String
    /// The system message put first when the chat has none (Qwen2's template does this).
    public var defaultSystemPrompt: String?

    /// A template of `format`; see `plain(endOfTurn:)`, `chatml` and `qwen2` for the usual ones.
    public init(format: Format, endOfTurn: String, defaultSystemPrompt: String? = nil) {
        self.format = format
        self.endOfTurn = endOfTurn
        self.defaultSystemPrompt = defaultSystemPrompt
    }

    /// The plain format, assistant turns ended by `endOfTurn`.
    public static func plain(endOfTurn: String = "<|endoftext|>") -> ChatTemplate {
        ChatTemplate(format: .plain, endOfTurn: endOfTurn)
    }

    /// The ChatML format.
    public static let chatml = ChatTemplate(format: .chatml, endOfTurn: "<|im_end|>")

    /// Qwen2's chat template: ChatML, with "You are a helpful assistant" when no system message is given.
    public static let qwen2 = ChatTemplate(
        format: .chatml, endOfTurn: "<|im_end|>", defaultSystemPrompt: "You are a helpful assistant")

    /// The chat as text; `addGenerationPrompt` ends it where the assistant's reply should start.
    public func render(_ messages: [ChatMessage], addGenerationPrompt: Bool = false) -> String {
        parts(messages, addGenerationPrompt: addGenerationPrompt).map(\.text).joined()
    }

    /// The chat's ids and assistant mask; fails if the tokenizer lacks the template's special tokens.
    public func encode(
        _ messages: [ChatMessage], with tokenizer: some Tokenizer,
        addGenerationPrompt: Bool = false
    ) throws -> EncodedChat {
        let markers = format == .chatml ? ["<|im_start|>", endOfTurn] : [endOfTurn]
        for marker in markers where tokenizer.id(of: marker) == nil {
            throw TokenizerError(
                file: "chat template \(format.rawValue)", field: "tokenizer",
                "the tokenizer has no token \(marker); add it as a special token")
        }
        var text = ""
        var trained: [Range<Int>] = []
        for part in parts(messages, addGenerationPrompt: addGenerationPrompt) {
            let piece = tokenizer.normalize(part.text)
            let start = text.utf8.count
            text += piece
            if part.trained { trained.append(start..<text.utf8.count) }
        }
        let tokens = tokenizer.encodeWithOffsets(text)
        let mask = tokens.map { token in trained.contains { $0.overlaps(token.bytes) } }
        return EncodedChat(ids: tokens.map(\.id), assistantMask: mask)
    }

    /// The rendered text in parts, each marked trained or not.
    private func parts(_ messages: [ChatMessage], addGenerationPrompt: Bool) -> [(text: String, trained: Bool)] {
        var parts: [(text: String, trained: Bool)] = []
        var messages = messages
        if let defaultSystemPrompt, !messages.isEmpty, messages[0].role != .system {
            messages.insert(ChatMessage(role: .system, content: defaultSystemPrompt), at: 0)
        }
        for message in messages {
            switch format {
            case .plain:
                let name = message.role.rawValue.prefix(1).uppercased() + message.role.rawValue.dropFirst()
                if message.role == .assistant {
                    // The space after the colon is the reply's: a prompt ending in "Assistant:" is continued by it.
                    parts.append(("Assistant:", false))
                    parts.append((" " + message.content + endOfTurn, true))
                    parts.append(("\n", false))
                } else {
                    parts.append(("\(name): \(message.content)\n", false))
                }
            case .chatml:
                parts.append(("<|im_start|>\(message.role.rawValue)\n", false))
                if message.role == .assistant {
                    parts.append((message.content + endOfTurn, true))
                    parts.append(("\n", false))
                } else {
                    parts.append((message.content + "\(endOfTurn)\n", false))
                }
            }
        }
        if addGenerationPrompt {
            parts.append((format == .chatml ? "<|im_start|>assistant\n" : "Assistant:", false))
        }
        return parts
    }
}
