// A chat as a JSONL line gives it to `grpo tokenize --chat`; a bad line is an error naming the file and line.
import ArgumentParser
import Tokenizers

/// One JSONL line of a chat: `{"messages": [{"role": …, "content": …}, …]}`.
enum ChatLine {
    static func messages(_ line: String, file: String, line number: Int) throws -> [ChatMessage] {
        func fail(_ why: String) -> ValidationError { ValidationError("\(file): line \(number): \(why)") }
        guard case .dict(let object) = try JinjaJSON.parse(line, name: "\(file): line \(number)"),
              case .list(let turns)? = object["messages"], !turns.isEmpty else {
            throw fail("expected {\"messages\": [{\"role\": ..., \"content\": ...}, ...]}")
        }
        return try turns.enumerated().map { t, turn in
            guard case .dict(let message) = turn, case .string(let role)? = message["role"], let chatRole = ChatRole(rawValue: role) else {
                throw fail("messages[\(t)].role must be system, user or assistant")
            }
            guard case .string(let content)? = message["content"] else { throw fail("messages[\(t)].content must be a string") }
            return ChatMessage(role: chatRole, content: content)
        }
    }
}
