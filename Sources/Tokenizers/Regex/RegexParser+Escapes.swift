// Backslash escapes and bracket classes for `RegexParser`, with Oniguruma's Unicode meanings:
// \d \w \s \h (and negations), \p{..} \P{..} \p{^..}, \x.. \x{..} \u.... \o{..} octal \cX, anchors
// \A \z \Z \b \B \G, \R \N \O; classes with ranges, negation, nesting, && and [:posix:] names.

extension RegexParser {
    /// One element of a bracket class: a scalar (which may start a range) or a set.
    private enum ClassAtom {
        case scalar(UInt32)
        case set(ClassNode)
    }

    mutating func parseEscape(_ flags: Flags) throws(RegexSyntaxError) -> RegexNode {
        let start = index
        index += 1
        guard let c = peek else { throw error("end pattern at escape", at: start) }
        switch c {
        case 0x62: return anchor(.wordBoundary)  // b
        case 0x42: return anchor(.notWordBoundary)  // B
        case 0x41: return anchor(.textStart)  // A
        case 0x7A: return anchor(.textEnd)  // z
        case 0x5A: return anchor(.textEndBeforeNewline)  // Z
        case 0x47: return anchor(.searchStart)  // G
        case 0x52:  // R: \r\n or one line break, without backtracking into \r\n
            index += 1
            let breaks = ClassNode.ranges([10...13, 0x85...0x85, 0x2028...0x2029])
            return .atomic(
                .alternation([.concat([.scalar(13, ignoreCase: false), .scalar(10, ignoreCase: false)]), .set(breaks)]))
        case 0x4E:  // N
            index += 1
            return .set(.inverted(.newline))
        case 0x4F:  // O
            index += 1
            return .set(.ranges([0...0x10FFFF]))
        case 0x58, 0x79, 0x59, 0x4B, 0x67, 0x6B:  // X y Y K g k
            throw error("\\\(Unicode.Scalar(c)!) is not supported", at: start)
        case 0x31...0x39 where !isOctalCharacter:
            throw error("backreferences are not supported", at: start)
        default:
            switch try parseEscapedAtom(start, inClass: false) {
            case .scalar(let value): return .scalar(value, ignoreCase: flags.ignoreCase)
            case .set(let node): return .set(node)
            }
        }
    }

    private mutating func anchor(_ anchor: RegexAnchor) -> RegexNode {
        index += 1
        return .anchor(anchor)
    }

    /// Whether the digits after a backslash read as an octal character (`\101`) rather than a backreference.
    private var isOctalCharacter: Bool {
        var digits: [UInt32] = []
        var i = index
        while i < pattern.count, digits.count < 3, pattern[i] >= 48, pattern[i] <= 57 {
            digits.append(pattern[i] - 48)
            i += 1
        }
        let number = digits.reduce(0) { $0 * 10 + Int($1) }
        return digits.count >= 2 && digits.allSatisfy { $0 < 8 } && number > captureCount
    }

    /// The escape whose letter is at `index` (the backslash at `start`), as a scalar or a set.
    private mutating func parseEscapedAtom(_ start: Int, inClass: Bool) throws(RegexSyntaxError) -> ClassAtom {
        let c = pattern[index]
        index += 1
        switch c {
        case 0x74: return .scalar(9)  // t
        case 0x6E: return .scalar(10)  // n
        case 0x72: return .scalar(13)  // r
        case 0x66: return .scalar(12)  // f
        case 0x76: return .scalar(11)  // v
        case 0x61: return .scalar(7)  // a
        case 0x65: return .scalar(27)  // e
        case 0x62 where inClass: return .scalar(8)  // b is backspace inside a class
        case 0x64: return .set(.digit)  // d
        case 0x44: return .set(.inverted(.digit))
        // Oniguruma's \w outside a class reads a Latin-1 table below U+0100 (½ and ² are word
        // characters); inside a class it is Unicode's word property.
        case 0x77: return .set(inClass ? .property(.unicodeWord) : .word)  // w
        case 0x57: return .set(.inverted(inClass ? .property(.unicodeWord) : .word))
        case 0x73: return .set(.space)  // s
        case 0x53: return .set(.inverted(.space))
        case 0x68: return .set(.hexDigit)  // h
        case 0x48: return .set(.inverted(.hexDigit))
        case 0x70, 0x50: return .set(try parseProperty(negated: c == 0x50, inClass: inClass, start))  // p P
        case 0x78:  // x
            if peek == 0x7B { return .scalar(try braced(radix: 16, maxDigits: 8, start)) }
            return .scalar(try digits(radix: 16, min: 1, max: 2, start))
        case 0x75: return .scalar(try digits(radix: 16, min: 4, max: 4, start))  // u
        case 0x6F where peek == 0x7B: return .scalar(try braced(radix: 8, maxDigits: 11, start))  // o{...}
        case 0x30...0x37:  // octal: \0, \01, \101
            index -= 1
            return .scalar(try digits(radix: 8, min: 1, max: 3, start))
        case 0x63:  // cX
            guard let x = peek else { throw error("end pattern at control", at: start) }
            index += 1
            return .scalar(x & 0x1F)
        case 0x43 where peek == 0x2D:  // C-X
            guard let x = peek(1) else { throw error("end pattern at control", at: start) }
            index += 2
            return .scalar(x & 0x1F)
        default: return .scalar(c)
        }
    }

    private mutating func digits(radix: UInt32, min: Int, max: Int, _ start: Int) throws(RegexSyntaxError) -> UInt32 {
        var value: UInt32 = 0
        var count = 0
        while count < max, let c = peek, let digit = Self.digitValue(c), digit < radix {
            value = value * radix + digit
            index += 1
            count += 1
        }
        guard count >= min else { throw error("too few digits in escape", at: start) }
        guard value <= 0x10FFFF, !(0xD800...0xDFFF).contains(value) else {
            throw error("invalid code point value", at: start)
        }
        return value
    }

    private mutating func braced(radix: UInt32, maxDigits: Int, _ start: Int) throws(RegexSyntaxError) -> UInt32 {
        index += 1
        let value = try digits(radix: radix, min: 1, max: maxDigits, start)
        guard peek == 0x7D else { throw error("invalid code point value", at: start) }
        index += 1
        return value
    }

    private static func digitValue(_ c: UInt32) -> UInt32? {
        switch c {
        case 48...57: return c - 48
        case 65...70: return c - 55
        case 97...102: return c - 87
        default: return nil
        }
    }

    /// `{name}` or `{^name}` after \p or \P.
    private mutating func parseProperty(negated: Bool, inClass: Bool, _ start: Int) throws(RegexSyntaxError)
        -> ClassNode
    {
        guard peek == 0x7B else { throw error("invalid character property name (expected \\p{...})", at: start) }
        index += 1
        var invert = negated
        if peek == 0x5E {
            invert.toggle()
            index += 1
        }
        var name = ""
        while let c = peek, c != 0x7D {
            name.unicodeScalars.append(Unicode.Scalar(c) ?? "?")
            index += 1
        }
        guard peek == 0x7D else { throw error("invalid character property name {\(name)", at: start) }
        index += 1
        let isWord = name.lowercased() == "word" && !inClass
        guard let node = isWord ? ClassNode.word : UnicodeProperty.named(name) else {
            throw error(
                "invalid character property name {\(name)} (general categories, POSIX classes and binary "
                    + "properties work; scripts and blocks are not supported)", at: start)
        }
        return invert ? .inverted(node) : node
    }

    /// A bracket class; `index` is at its `[`.
    mutating func parseClass(_ flags: Flags) throws(RegexSyntaxError) -> ClassNode {
        let open = index
        index += 1
        var negated = false
        if peek == 0x5E {
            negated = true
            index += 1
        }
        var operands: [ClassNode] = []  // the parts joined by &&
        var items: [ClassNode] = []
        var ranges: [ClosedRange<UInt32>] = []
        var first = true
        func part() -> ClassNode {
            let all = items + (ranges.isEmpty ? [] : [ClassNode.literal(ranges, ignoreCase: flags.ignoreCase)])
            return all.count == 1 ? all[0] : .union(all)
        }
        while true {
            guard let c = peek else { throw error("premature end of char-class", at: open) }
            if c == 0x5D && !first {  // ]
                index += 1
                break
            }
            first = false
            if c == 0x26 && peek(1) == 0x26 {  // &&
                index += 2
                operands.append(part())
                items = []
                ranges = []
                continue
            }
            if c == 0x5B {  // [
                if let posix = try parsePOSIXBracket() {
                    items.append(posix)
                } else {
                    items.append(try parseClass(flags))
                }
                continue
            }
            let atomStart = index
            let atom = try parseClassAtom()
            let isRange = peek == 0x2D && peek(1) != nil && peek(1) != 0x5D
            switch atom {
            case .set(let node):
                if isRange { throw error("unmatched range specifier in char-class", at: atomStart) }
                items.append(node)
            case .scalar(let low):
                guard isRange else {
                    ranges.append(low...low)
                    continue
                }
                index += 1
                guard peek != 0x5B, case .scalar(let high) = try parseClassAtom() else {
                    throw error("char-class value at end of range", at: atomStart)
                }
                guard low <= high else { throw error("empty range in char class", at: atomStart) }
                ranges.append(low...high)
            }
        }
        let node = operands.isEmpty ? part() : .intersection(operands + [part()])
        return negated ? .inverted(node) : node
    }

    private mutating func parseClassAtom() throws(RegexSyntaxError) -> ClassAtom {
        let c = pattern[index]
        guard c == 0x5C else {
            index += 1
            return .scalar(c)
        }
        let start = index
        index += 1
        guard peek != nil else { throw error("end pattern at escape", at: start) }
        return try parseEscapedAtom(start, inClass: true)
    }

    /// `[:name:]` or `[:^name:]` at `index`, or nil (index unchanged) if the bracket is a nested class.
    private mutating func parsePOSIXBracket() throws(RegexSyntaxError) -> ClassNode? {
        guard peek(1) == 0x3A else { return nil }
        var i = index + 2
        let negated = i < pattern.count && pattern[i] == 0x5E
        if negated { i += 1 }
        var name = ""
        while i < pattern.count, pattern[i] != 0x3A, pattern[i] != 0x5D {
            name.unicodeScalars.append(Unicode.Scalar(pattern[i]) ?? "?")
            i += 1
        }
        guard i + 1 < pattern.count, pattern[i] == 0x3A, pattern[i + 1] == 0x5D else { return nil }
        let node = name == "punct" ? UnicodeProperty.posixPunct : UnicodeProperty.posix(name)
        guard let node else { throw error("invalid POSIX bracket type [:\(name):]") }
        index = i + 2
        return negated ? .inverted(node) : node
    }
}
