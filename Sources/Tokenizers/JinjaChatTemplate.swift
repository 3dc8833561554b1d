// A model's own chat template (the Jinja `chat_template` of its tokenizer_config.json) applied as
// transformers' apply_chat_template does, and the SFT assistant mask for any such template. The mask
// comes from the template's {% generation %} blocks when it has them; otherwise each assistant turn is
// found by rendering the chat up to that turn twice, once with the reply and once with a placeholder in
// its place: the two agree up to where the reply starts, and the turn ends where that rendering stops
// agreeing with the whole chat's, moved back to the end of a whole marker (a '>' or ']') and without
// trailing whitespace, so the reply and its end-of-turn marker are trained, the next header is not.

/// A Jinja chat template with the special tokens it is given.
public struct JinjaChatTemplate: Sendable {
    /// The parsed template.
    public let template: JinjaTemplate
    /// `bos_token` as the template sees it (none when the model has no BOS token).
    public var bosToken: String?
    /// `eos_token` as the template sees it.
    public var eosToken: String?

    /// A template from its text; `name` says where the text came from, for errors.
    public init(_ text: String, name: String, bosToken: String? = nil, eosToken: String? = nil) throws {
        self.template = try JinjaTemplate(text, name: name)
        self.bosToken = bosToken
        self.eosToken = eosToken
    }

    /// The variables transformers passes: messages, add_generation_prompt, tools and documents (none), the special tokens.
    public func variables(_ messages: [JinjaValue], addGenerationPrompt: Bool) -> [String: JinjaValue] {
        ["messages": .list(messages), "add_generation_prompt": .bool(addGenerationPrompt), "tools": .none, "documents": .none,
         "bos_token": bosToken.map { .string($0) } ?? .none, "eos_token": eosToken.map { .string($0) } ?? .none]
    }

    /// Messages as the dicts a template reads (`role`, `content`).
    public static func values(_ messages: [ChatMessage]) -> [JinjaValue] {
        messages.map { .object([("role", .string($0.role.rawValue)), ("content", .string($0.content))]) }
    }

    /// The chat as text; `addGenerationPrompt` ends it where the assistant's reply should start.
    public func render(_ messages: [ChatMessage], addGenerationPrompt: Bool = false) throws -> String {
        try template.render(variables(Self.values(messages), addGenerationPrompt: addGenerationPrompt)).text
    }

    /// The whole chat's text and the UTF-8 byte ranges of it that SFT trains on (each assistant reply and its end-of-turn).
    public func trainedRanges(_ messages: [ChatMessage]) throws -> (text: String, ranges: [Range<Int>]) {
        let values = Self.values(messages)
        let whole = try template.render(variables(values, addGenerationPrompt: false))
        if template.hasGenerationBlocks { return (whole.text, whole.generationRanges.filter { !$0.isEmpty }) }
        let wholeBytes = Array(whole.text.utf8)
        var ranges: [Range<Int>] = [], cursor = 0
        for (i, message) in messages.enumerated() where message.role == .assistant {
            let upTo = Array(values[...i])
            var placeheld = upTo
            placeheld[i] = .object([("role", .string("assistant")), ("content", .string(Self.placeholder))])
            let turn = Array(try template.render(variables(upTo, addGenerationPrompt: false)).text.utf8)
            let other = Array(try template.render(variables(placeheld, addGenerationPrompt: false)).text.utf8)
            let start = Self.scalarBoundary(Self.commonPrefix(turn, other), in: turn)
            let shared = Self.commonPrefix(turn, wholeBytes)
            // Where the whole chat goes on differently (the next turn, or an EOS only a final turn gets), the turn ends.
            var end = turn.count
            if shared >= start && shared < turn.count {
                // The two part inside a marker ("<|endoftext|>" against "<|user|>"): back to the end of the last
                // whole one, after a '>' or ']' or whitespace.
                end = shared
                while end > start, !(JinjaLexer.isSpace(turn[end - 1]) || turn[end - 1] == UInt8(ascii: ">") || turn[end - 1] == UInt8(ascii: "]")) {
                    end -= 1
                }
                if end == start { end = Self.scalarBoundary(shared, in: turn) }
            }
            while end > start, JinjaLexer.isSpace(turn[end - 1]) { end -= 1 }
            guard end > start else { continue }
            let range: Range<Int>
            if shared >= start {
                range = start..<end
            } else if let found = Self.find(turn[start..<end], in: wholeBytes, from: cursor) {
                // The whole chat renders earlier turns differently (e.g. a system message moved to the last
                // user turn): the turn's own text is looked for after the previous one.
                range = found
            } else {
                throw JinjaError(template: template.name, line: 1, column: 1,
                                 "cannot find assistant message \(i) in the rendered chat; mark the assistant "
                                 + "turns with {% generation %} … {% endgeneration %} so the mask is explicit")
            }
            guard range.lowerBound >= cursor else {
                throw JinjaError(template: template.name, line: 1, column: 1,
                                 "assistant message \(i) renders before the one ahead of it; use {% generation %} blocks")
            }
            ranges.append(range)
            cursor = range.upperBound
        }
        return (whole.text, ranges)
    }

    /// The chat's ids and assistant mask (`addGenerationPrompt` false), tokenized as transformers does
    /// (no special tokens added: the template writes them).
    public func encode(_ messages: [ChatMessage], with tokenizer: some Tokenizer) throws -> EncodedChat {
        let (text, ranges) = try trainedRanges(messages)
        // The tokenizer's offsets are of its normalised text (NFC for Qwen2): normalise piece by piece, trained
        // and not, so the ranges move with the text, as ChatTemplate.encode does.
        let bytes = Array(text.utf8)
        var normalized = "", trained: [Range<Int>] = [], cursor = 0
        for range in ranges {
            normalized += tokenizer.normalize(String(decoding: bytes[cursor..<range.lowerBound], as: UTF8.self))
            let start = normalized.utf8.count
            normalized += tokenizer.normalize(String(decoding: bytes[range], as: UTF8.self))
            trained.append(start..<normalized.utf8.count)
            cursor = range.upperBound
        }
        normalized += tokenizer.normalize(String(decoding: bytes[cursor...], as: UTF8.self))
        let tokens = tokenizer.encodeWithOffsets(normalized)
        let mask = tokens.map { token in trained.contains { $0.overlaps(token.bytes) } }
        return EncodedChat(ids: tokens.map(\.id), assistantMask: mask)
    }

    /// Stands in for a reply: a private-use character no real reply starts with.
    private static let placeholder = "\u{F8FF}\u{F8FE}"

    private static func commonPrefix(_ a: [UInt8], _ b: [UInt8]) -> Int {
        var n = 0
        while n < a.count && n < b.count && a[n] == b[n] { n += 1 }
        return n
    }

    /// `offset` moved back to the start of the UTF-8 sequence it falls in.
    private static func scalarBoundary(_ offset: Int, in bytes: [UInt8]) -> Int {
        var o = offset
        while o > 0 && o < bytes.count && bytes[o] & 0xC0 == 0x80 { o -= 1 }
        return o
    }

    private static func find(_ needle: ArraySlice<UInt8>, in haystack: [UInt8], from: Int) -> Range<Int>? {
        guard !needle.isEmpty, needle.count <= haystack.count else { return nil }
        var i = from
        while i + needle.count <= haystack.count {
            if haystack[i..<(i + needle.count)].elementsEqual(needle) { return i..<(i + needle.count) }
            i += 1
        }
        return nil
    }
}
