// Parses a regex in the syntax of Oniguruma (the engine Hugging Face `tokenizers` compiles
// pre-tokenizer patterns with) into a `RegexNode` tree: alternation, groups (capturing, non-capturing,
// named, atomic, lookaround), inline options (?imx-imx) and (?imx-imx:...), quantifiers greedy, lazy
// and possessive. Escapes and bracket classes are in RegexParser+Escapes.swift. Errors give the
// scalar offset in the pattern where the parser stopped.

/// A recursive-descent parser over the pattern's Unicode scalars.
struct RegexParser {
    /// The options in force at a point of the pattern.
    struct Flags {
        var ignoreCase = false
        /// `(?m)` in Oniguruma syntax: `.` also matches `\n`.
        var dotAll = false
        /// `(?x)`: whitespace and `#` comments between atoms are ignored.
        var extended = false
    }

    let pattern: [UInt32]
    var index = 0
    var captureCount = 0
    /// Oniguruma's largest repeat count.
    static let maxRepeat = 100_000

    /// The tree of `pattern`.
    static func parse(_ pattern: String) throws(RegexSyntaxError) -> RegexNode {
        var parser = RegexParser(pattern: pattern.unicodeScalars.map(\.value))
        let node = try parser.parseAlternation(Flags())
        if parser.index < parser.pattern.count { throw parser.error("unmatched close parenthesis") }
        return node
    }

    var peek: UInt32? { index < pattern.count ? pattern[index] : nil }

    func peek(_ offset: Int) -> UInt32? { index + offset < pattern.count ? pattern[index + offset] : nil }

    func error(_ message: String, at position: Int? = nil) -> RegexSyntaxError {
        RegexSyntaxError(position: position ?? index, message: message)
    }

    mutating func parseAlternation(_ flags: Flags) throws(RegexSyntaxError) -> RegexNode {
        var branches = [try parseSequence(flags)]
        while peek == 0x7C {  // |
            index += 1
            branches.append(try parseSequence(flags))
        }
        return branches.count == 1 ? branches[0] : .alternation(branches)
    }

    private mutating func parseSequence(_ flags: Flags) throws(RegexSyntaxError) -> RegexNode {
        var items: [RegexNode] = []
        while let c = peek, c != 0x7C, c != 0x29 {  // | )
            if flags.extended && skipExtendedSpace() { continue }
            let start = index
            if c == 0x28 {  // (
                switch try parseGroup(flags) {
                case .comment: continue
                case .isolated(let inner):
                    // (?i) alone reaches to the end of the enclosing group, alternatives included.
                    items.append(try parseAlternation(inner))
                    return items.count == 1 ? items[0] : .concat(items)
                case .node(let node): items.append(try parseQuantifiers(node, flags, atomStart: start))
                }
                continue
            }
            let atom = try parseAtom(flags)
            items.append(try parseQuantifiers(atom, flags, atomStart: start))
        }
        return items.isEmpty ? .empty : items.count == 1 ? items[0] : .concat(items)
    }

    private mutating func skipExtendedSpace() -> Bool {
        guard let c = peek else { return false }
        if c == 0x20 || (c >= 9 && c <= 13) {
            index += 1
            return true
        }
        guard c == 0x23 else { return false }  // # comment to the end of the line
        while let d = peek, d != 10 { index += 1 }
        return true
    }

    private mutating func parseAtom(_ flags: Flags) throws(RegexSyntaxError) -> RegexNode {
        let c = pattern[index]
        switch c {
        case 0x5B: return .set(try parseClass(flags))  // [
        case 0x2E:  // .
            index += 1
            return .set(flags.dotAll ? .ranges([0...0x10FFFF]) : .inverted(.newline))
        case 0x5E:
            index += 1
            return .anchor(.lineStart)
        case 0x24:
            index += 1
            return .anchor(.lineEnd)
        case 0x5C: return try parseEscape(flags)
        case 0x2A, 0x2B, 0x3F: throw error("target of repeat operator is not specified")
        case 0x7B where interval(at: index) != nil: throw error("target of repeat operator is not specified")
        default:
            index += 1
            return .scalar(c, ignoreCase: flags.ignoreCase)
        }
    }

    private mutating func parseQuantifiers(_ atom: RegexNode, _ flags: Flags, atomStart: Int)
        throws(RegexSyntaxError) -> RegexNode
    {
        var node = atom
        while true {
            if flags.extended { while skipExtendedSpace() {} }
            guard let c = peek else { return node }
            var low = 0
            var high: Int?
            var kind = RepeatKind.greedy
            let at = index
            switch c {
            case 0x3F: (low, high) = (0, 1)  // ?
            case 0x2A: (low, high) = (0, nil)  // *
            case 0x2B: (low, high) = (1, nil)  // +
            case 0x7B:  // {
                guard let parsed = interval(at: index) else { return node }
                index = parsed.end
                (low, high) = (parsed.min, parsed.max)
                if let h = high, h < low {
                    // Oniguruma reads {n,m} with n > m as possessive {m,n}.
                    (low, high, kind) = (h, low, .possessive)
                } else if peek == 0x3F && parsed.max != parsed.min {
                    index += 1
                    kind = .lazy
                }
            default: return node
            }
            if c != 0x7B {
                index += 1
                if peek == 0x3F {
                    index += 1
                    kind = .lazy
                } else if peek == 0x2B {
                    index += 1
                    kind = .possessive
                }
            }
            switch node {
            case .anchor, .look: throw error("target of repeat operator is invalid", at: at)
            default: break
            }
            if low > Self.maxRepeat || (high ?? 0) > Self.maxRepeat {
                throw error("repeat count too large (at most \(Self.maxRepeat))", at: at)
            }
            node = .loop(node, min: low, max: high, kind)
        }
    }

    /// `{n}`, `{n,}`, `{,m}` or `{n,m}` at `start`, or nil where the brace is a literal.
    private func interval(at start: Int) -> (min: Int, max: Int?, end: Int)? {
        var i = start + 1
        func number() -> Int? {
            var value: Int?
            while i < pattern.count, pattern[i] >= 48, pattern[i] <= 57 {
                value = min((value ?? 0) * 10 + Int(pattern[i] - 48), Self.maxRepeat + 1)
                i += 1
            }
            return value
        }
        let low = number()
        guard i < pattern.count else { return nil }
        if pattern[i] == 0x7D { return low.map { ($0, $0, i + 1) } }  // {n}
        guard pattern[i] == 0x2C else { return nil }
        i += 1
        let high = number()
        guard i < pattern.count, pattern[i] == 0x7D, low != nil || high != nil else { return nil }
        return (low ?? 0, high, i + 1)
    }

    private enum Group {
        case node(RegexNode)
        case isolated(Flags)
        case comment
    }

    private mutating func parseGroup(_ flags: Flags) throws(RegexSyntaxError) -> Group {
        let open = index
        index += 1
        guard peek == 0x3F else {  // ( capturing
            captureCount += 1
            return .node(try closeGroup(parseAlternation(flags), open))
        }
        index += 1
        guard let c = peek else { throw error("end pattern in group") }
        switch c {
        case 0x3A:  // (?:
            index += 1
            return .node(try closeGroup(parseAlternation(flags), open))
        case 0x3D, 0x21:  // (?= (?!
            index += 1
            let body = try parseAlternation(flags)
            return .node(try closeGroup(.look(body, behind: false, negated: c == 0x21), open))
        case 0x3E:  // (?>
            index += 1
            return .node(try closeGroup(.atomic(parseAlternation(flags)), open))
        case 0x3C where peek(1) == 0x3D || peek(1) == 0x21:  // (?<= (?<!
            let negated = peek(1) == 0x21
            index += 2
            let body = try parseAlternation(flags)
            return .node(try closeGroup(.look(body, behind: true, negated: negated), open))
        case 0x3C, 0x27:  // (?<name> (?'name'
            let close: UInt32 = c == 0x3C ? 0x3E : 0x27
            index += 1
            while let d = peek, d != close { index += 1 }
            guard peek == close else { throw error("invalid group name") }
            index += 1
            captureCount += 1
            return .node(try closeGroup(parseAlternation(flags), open))
        case 0x23:  // (?# comment )
            while let d = peek, d != 0x29 { index += 1 }
            guard peek == 0x29 else { throw error("end pattern in group", at: open) }
            index += 1
            return .comment
        case 0x7E: throw error("absent operator (?~...) is not supported")
        case 0x28: throw error("conditional groups (?(...)...) are not supported")
        default: return try parseOptions(flags, open)
        }
    }

    /// `(?imx-imx)` or `(?imx-imx:...)`.
    private mutating func parseOptions(_ flags: Flags, _ open: Int) throws(RegexSyntaxError) -> Group {
        var inner = flags
        var on = true
        while let c = peek {
            switch c {
            case 0x2D: on = false  // -
            case 0x69: inner.ignoreCase = on  // i
            case 0x6D: inner.dotAll = on  // m
            case 0x78: inner.extended = on  // x
            case 0x29:  // )
                index += 1
                return .isolated(inner)
            case 0x3A:  // :
                index += 1
                return .node(try closeGroup(parseAlternation(inner), open))
            default:
                throw error("undefined group option '\(Unicode.Scalar(c).map { String($0) } ?? "?")'")
            }
            index += 1
        }
        throw error("end pattern in group")
    }

    private mutating func closeGroup(_ node: RegexNode, _ open: Int) throws(RegexSyntaxError) -> RegexNode {
        guard peek == 0x29 else { throw error("end pattern with unmatched parenthesis (group opened at \(open))") }
        index += 1
        return node
    }
}
