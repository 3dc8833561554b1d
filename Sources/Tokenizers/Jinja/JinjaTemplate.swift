// A Jinja template, parsed once and rendered many times: the entry point of the Jinja subset that
// Hugging Face chat templates are written in (see docs/chat-templates.md for what is covered).

/// A parsed Jinja template.
public struct JinjaTemplate: Sendable {
    /// Where the text came from (a file path, or e.g. "tokenizer_config.json: chat_template"), for errors.
    public let name: String
    /// The template text as given.
    public let text: String
    private let nodes: [JinjaNode]
    private let bytes: [UInt8]

    /// Parses `text`; a syntax error names `name` and the line:column.
    public init(_ text: String, name: String) throws {
        self.name = name
        self.text = text
        // As jinja2 does: newlines normalised to "\n" and one trailing newline dropped.
        var normalized = text.replacingOccurrences(of: "\r\n", with: "\n").replacingOccurrences(of: "\r", with: "\n")
        if normalized.hasSuffix("\n") { normalized.removeLast() }
        bytes = Array(normalized.utf8)
        nodes = try JinjaParser.parse(JinjaSource(name: name, bytes: bytes))
    }

    /// Whether the template marks assistant text with `{% generation %}` blocks.
    public var hasGenerationBlocks: Bool {
        func scan(_ nodes: [JinjaNode]) -> Bool {
            nodes.contains { node in
                switch node {
                case .generation: return true
                case .ifBlock(let branches, let otherwise): return branches.contains { scan($0.body) } || scan(otherwise)
                case .forLoop(_, _, _, let body, let otherwise, _): return scan(body) || scan(otherwise)
                case .setBlock(_, let body, _), .macro(_, _, let body): return scan(body)
                default: return false
                }
            }
        }
        return scan(nodes)
    }

    /// Renders with `variables`; a failure (including the template's raise_exception) names the line:column.
    public func render(_ variables: [String: JinjaValue]) throws -> JinjaOutput {
        try JinjaRenderer(source: JinjaSource(name: name, bytes: bytes), variables: variables).render(nodes)
    }
}
