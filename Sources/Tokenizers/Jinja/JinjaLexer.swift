// Splits a Jinja template into text and the tokens inside {{ }} and {% %}, dropping {# #} comments, with
// whitespace control as transformers configures jinja2: trim_blocks (the newline after a block or comment
// tag goes), lstrip_blocks (spaces before a block or comment tag on its own line go), `-` strips all
// whitespace on that side, `+` keeps it. As jinja2 does, "\r\n" becomes "\n" and one trailing newline of
// the template is dropped. Works on UTF-8 bytes: every delimiter is ASCII.

/// One lexical token and where it starts.
struct JinjaToken: Equatable {
    enum Kind: Equatable {
        case text(String)
        case blockBegin, blockEnd, variableBegin, variableEnd
        case name(String)
        case string(String)
        case int(Int)
        case double(Double)
        /// An operator or punctuation: `+`, `==`, `(`, `|` …
        case op(String)
        case end
    }
    let kind: Kind
    /// Byte offset of the token's first byte in the template.
    let offset: Int
}

/// Where a template came from, for error messages.
struct JinjaSource {
    let name: String
    let bytes: [UInt8]

    /// 1-based line and column of byte `offset`.
    func location(_ offset: Int) -> (line: Int, column: Int) {
        var line = 1, column = 1
        for b in bytes[..<min(offset, bytes.count)] {
            if b == UInt8(ascii: "\n") { line += 1; column = 1 } else if b & 0xC0 != 0x80 { column += 1 }
        }
        return (line, column)
    }

    func error(_ offset: Int, _ message: String) -> JinjaError {
        let (line, column) = location(offset)
        return JinjaError(template: name, line: line, column: column, message)
    }
}

struct JinjaLexer {
    private let source: JinjaSource
    private var bytes: [UInt8] { source.bytes }
    private var pos = 0
    private var tokens: [JinjaToken] = []
    /// The last thing lexed ended a line (or nothing was lexed yet): lstrip_blocks may apply.
    private var lineStarting = true

    static func tokenize(_ source: JinjaSource) throws -> [JinjaToken] {
        var lexer = JinjaLexer(source: source)
        try lexer.run()
        lexer.emit(.end, at: source.bytes.count)
        return lexer.tokens
    }

    private init(source: JinjaSource) { self.source = source }

    private func byte(_ i: Int) -> UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func emit(_ kind: JinjaToken.Kind, at offset: Int) {
        tokens.append(JinjaToken(kind: kind, offset: offset))
    }

    private mutating func run() throws {
        while pos < bytes.count {
            let textStart = pos
            // The next tag opener: `{{`, `{%` or `{#`.
            var open = pos
            while open + 1 < bytes.count, !(bytes[open] == UInt8(ascii: "{") && [UInt8(ascii: "{"), UInt8(ascii: "%"), UInt8(ascii: "#")].contains(bytes[open + 1])) {
                open += 1
            }
            if open + 1 >= bytes.count {
                emitText(Array(bytes[textStart...]), at: textStart)
                return
            }
            let kind = bytes[open + 1]
            let sign = byte(open + 2)
            var text = Array(bytes[textStart..<open])
            if sign == UInt8(ascii: "-") {
                while let last = text.last, JinjaLexer.isSpace(last) { text.removeLast() }
            } else if sign != UInt8(ascii: "+") && kind != UInt8(ascii: "{") {
                // lstrip_blocks: only spaces between the line start and a block or comment tag.
                let lineStart = (text.lastIndex(of: UInt8(ascii: "\n")).map { $0 + 1 }) ?? 0
                if (lineStart > 0 || lineStarting) && lineStart < text.count && text[lineStart...].allSatisfy(JinjaLexer.isSpace) {
                    text.removeLast(text.count - lineStart)
                }
            }
            emitText(text, at: textStart)
            pos = open + 2 + (sign == UInt8(ascii: "-") || sign == UInt8(ascii: "+") ? 1 : 0)
            switch kind {
            case UInt8(ascii: "#"): try skipComment(from: open)
            case UInt8(ascii: "%"):
                emit(.blockBegin, at: open)
                try lexTag(closer: UInt8(ascii: "%"), opener: open, end: .blockEnd)
            default:
                emit(.variableBegin, at: open)
                try lexTag(closer: UInt8(ascii: "}"), opener: open, end: .variableEnd)
            }
        }
    }

    private mutating func emitText(_ text: [UInt8], at offset: Int) {
        if !text.isEmpty { emit(.text(String(decoding: text, as: UTF8.self)), at: offset) }
    }

    /// After a block or comment closer: `-` strips following whitespace, `+` keeps it, else trim_blocks drops one newline.
    private mutating func afterCloser(sign: UInt8?, trimBlocks: Bool) {
        let start = pos
        if sign == UInt8(ascii: "-") {
            while let b = byte(pos), JinjaLexer.isSpace(b) { pos += 1 }
        } else if sign != UInt8(ascii: "+") && trimBlocks && byte(pos) == UInt8(ascii: "\n") {
            pos += 1
        }
        lineStarting = pos > start ? bytes[pos - 1] == UInt8(ascii: "\n") : false
    }

    private mutating func skipComment(from open: Int) throws {
        while pos + 1 < bytes.count {
            if bytes[pos + 1] == UInt8(ascii: "#") && bytes[pos] != UInt8(ascii: "{"),
               byte(pos + 2) == UInt8(ascii: "}"), [UInt8(ascii: "-"), UInt8(ascii: "+")].contains(bytes[pos]) {
                let sign = bytes[pos]
                pos += 3
                afterCloser(sign: sign, trimBlocks: true)
                return
            }
            if bytes[pos] == UInt8(ascii: "#") && bytes[pos + 1] == UInt8(ascii: "}") {
                pos += 2
                afterCloser(sign: nil, trimBlocks: true)
                return
            }
            pos += 1
        }
        throw source.error(open, "missing end of comment tag #}")
    }

    /// Tokens up to the closer (`%}` or `}}`), which only counts outside brackets.
    private mutating func lexTag(closer: UInt8, opener: Int, end: JinjaToken.Kind) throws {
        var brackets: [UInt8] = []
        while true {
            while let b = byte(pos), JinjaLexer.isSpace(b) { pos += 1 }
            guard let b = byte(pos) else {
                throw source.error(opener, "missing end of tag \(closer == UInt8(ascii: "%") ? "%}" : "}}")")
            }
            if brackets.isEmpty {
                let signed = (b == UInt8(ascii: "-") || b == UInt8(ascii: "+")) && byte(pos + 1) == closer && byte(pos + 2) == UInt8(ascii: "}")
                if signed || (b == closer && byte(pos + 1) == UInt8(ascii: "}")) {
                    emit(end, at: pos)
                    let sign: UInt8? = signed ? b : nil
                    pos += signed ? 3 : 2
                    if end == .blockEnd {
                        afterCloser(sign: sign, trimBlocks: true)
                    } else {
                        // Variable tags have no trim_blocks; `+}}` is not a closer jinja2 knows, only `-}}`.
                        afterCloser(sign: sign == UInt8(ascii: "-") ? sign : UInt8(ascii: "+"), trimBlocks: false)
                    }
                    return
                }
            }
            let start = pos
            if JinjaLexer.isNameStart(b) {
                while let c = byte(pos), JinjaLexer.isNameStart(c) || JinjaLexer.isDigit(c) { pos += 1 }
                emit(.name(String(decoding: bytes[start..<pos], as: UTF8.self)), at: start)
            } else if JinjaLexer.isDigit(b) {
                try lexNumber(start)
            } else if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") {
                try lexString(quote: b, start: start)
            } else {
                let two = byte(pos + 1).map { String(decoding: [b, $0], as: UTF8.self) } ?? ""
                if ["==", "!=", "<=", ">=", "//", "**"].contains(two) {
                    pos += 2
                    emit(.op(two), at: start)
                    continue
                }
                let one = String(decoding: [b], as: UTF8.self)
                guard "+-*/%~()[]{},.:|=<>!".contains(one) else {
                    throw source.error(start, "unexpected character '\(String(decoding: bytes[start..<min(start + 4, bytes.count)], as: UTF8.self).prefix(1))' in tag")
                }
                switch b {
                case UInt8(ascii: "("): brackets.append(UInt8(ascii: ")"))
                case UInt8(ascii: "["): brackets.append(UInt8(ascii: "]"))
                case UInt8(ascii: "{"): brackets.append(UInt8(ascii: "}"))
                case UInt8(ascii: ")"), UInt8(ascii: "]"), UInt8(ascii: "}"):
                    guard let expected = brackets.popLast() else { throw source.error(start, "unexpected '\(one)'") }
                    if expected != b { throw source.error(start, "unexpected '\(one)', expected '\(String(decoding: [expected], as: UTF8.self))'") }
                default: break
                }
                pos += 1
                emit(.op(one), at: start)
            }
        }
    }

    private mutating func lexNumber(_ start: Int) throws {
        var isFloat = false
        while let c = byte(pos), JinjaLexer.isDigit(c) || c == UInt8(ascii: "_") { pos += 1 }
        if byte(pos) == UInt8(ascii: "."), let next = byte(pos + 1), JinjaLexer.isDigit(next) {
            isFloat = true
            pos += 1
            while let c = byte(pos), JinjaLexer.isDigit(c) || c == UInt8(ascii: "_") { pos += 1 }
        }
        if let e = byte(pos), e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            var p = pos + 1
            if let s = byte(p), s == UInt8(ascii: "+") || s == UInt8(ascii: "-") { p += 1 }
            if let d = byte(p), JinjaLexer.isDigit(d) {
                isFloat = true
                pos = p
                while let c = byte(pos), JinjaLexer.isDigit(c) { pos += 1 }
            }
        }
        let text = String(decoding: bytes[start..<pos], as: UTF8.self).replacingOccurrences(of: "_", with: "")
        if isFloat, let d = Double(text) {
            emit(.double(d), at: start)
        } else if let i = Int(text) {
            emit(.int(i), at: start)
        } else {
            throw source.error(start, "number \(text) is out of range")
        }
    }

    /// A quoted string with Python's escapes (\n, \t, \\, \', \", \xhh, \uhhhh, \Uhhhhhhhh); others stay as written.
    private mutating func lexString(quote: UInt8, start: Int) throws {
        pos += 1
        var out: [UInt8] = []
        while true {
            guard let b = byte(pos) else { throw source.error(start, "unterminated string") }
            pos += 1
            if b == quote { break }
            guard b == UInt8(ascii: "\\"), let e = byte(pos) else { out.append(b); continue }
            pos += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "0"): out.append(0x00)
            case UInt8(ascii: "a"): out.append(0x07)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "v"): out.append(0x0B)
            case UInt8(ascii: "\\"), UInt8(ascii: "'"), UInt8(ascii: "\""): out.append(e)
            case UInt8(ascii: "\n"): break
            case UInt8(ascii: "x"), UInt8(ascii: "u"), UInt8(ascii: "U"):
                let width = e == UInt8(ascii: "x") ? 2 : e == UInt8(ascii: "u") ? 4 : 8
                guard pos + width <= bytes.count,
                      let value = UInt32(String(decoding: bytes[pos..<pos + width], as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(value) else {
                    throw source.error(pos - 2, "bad \\\(String(decoding: [e], as: UTF8.self)) escape in string")
                }
                pos += width
                out += Array(String(scalar).utf8)
            default: out += [b, e]
            }
        }
        emit(.string(String(decoding: out, as: UTF8.self)), at: start)
    }

    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || (0x09...0x0D).contains(b) }
    static func isDigit(_ b: UInt8) -> Bool { (0x30...0x39).contains(b) }
    static func isNameStart(_ b: UInt8) -> Bool { (0x41...0x5A).contains(b) || (0x61...0x7A).contains(b) || b == 0x5F }
}
