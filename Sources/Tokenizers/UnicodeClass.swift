// The character classes the families' split regexes use — \p{L}, \p{N}, \s and [\r\n] — for one
// Unicode scalar, as bit flags. ASCII comes from a table; the rest from the Unicode general category
// and the White_Space property, which is what Oniguruma (the regex engine of `tokenizers`) matches.

/// Bit flags describing one Unicode scalar for the pre-tokenizers.
struct ScalarClass: OptionSet, Sendable {
    let rawValue: UInt8
    static let letter = ScalarClass(rawValue: 1)  // \p{L}
    static let number = ScalarClass(rawValue: 2)  // \p{N}
    static let space = ScalarClass(rawValue: 4)  // \s
    static let newline = ScalarClass(rawValue: 8)  // [\r\n]

    /// Neither \s, \p{L} nor \p{N}: the "other" class `[^\s\p{L}\p{N}]`.
    var isOther: Bool { rawValue & 7 == 0 }

    static func of(_ scalar: Unicode.Scalar) -> ScalarClass {
        let v = scalar.value
        if v >= 128 { return nonASCII(scalar) }
        if (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A { return .letter }
        if v >= 0x30 && v <= 0x39 { return .number }
        if v == 0x0A || v == 0x0D { return [.space, .newline] }
        if v == 0x20 || (v >= 0x09 && v <= 0x0D) { return .space }
        return []
    }

    private static func nonASCII(_ scalar: Unicode.Scalar) -> ScalarClass {
        var result: ScalarClass = []
        let properties = scalar.properties
        switch properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter:
            result.insert(.letter)
        case .decimalNumber, .letterNumber, .otherNumber:
            result.insert(.number)
        default: break
        }
        if properties.isWhitespace { result.insert(.space) }
        if scalar == "\r" || scalar == "\n" { result.insert(.newline) }
        return result
    }
}
