// The names `\p{...}` and `[[:...:]]` accept, with Oniguruma's meaning for Unicode text: general
// categories (short and long names, any case, `_`, `-` and spaces ignored), the POSIX classes, and
// the binary properties Swift's Unicode data provides. Scripts and blocks (\p{Han}, \p{In_...}) are
// not in Swift's data, so they are refused by name rather than matched wrongly.

/// A binary Unicode property that needs the scalar itself, not only its category.
enum BinaryProperty: String, Sendable, CaseIterable {
    case alphabetic, lowercase, uppercase, whiteSpace, emoji, emojiPresentation, emojiModifier
    case emojiModifierBase, math, dash, hexDigit, asciiHexDigit, ideographic, diacritic, extender
    case noncharacterCodePoint, defaultIgnorableCodePoint, idStart, idContinue, xidStart, xidContinue
    case quotationMark, radical, terminalPunctuation, sentenceTerminal, joinControl, variationSelector
    case patternSyntax, patternWhiteSpace, cased, caseIgnorable
    /// `\w`: Oniguruma's Latin-1 table below U+0100 (letters, numbers such as ½ and ², `_`), Unicode's
    /// word property (Alphabetic, marks, decimal digits, connector punctuation) above.
    case word
    /// `[[:word:]]` and `\p{Word}`: Unicode's word property everywhere.
    case unicodeWord

    private static let wordCategories =
        GeneralCategory.letters | GeneralCategory.marks | GeneralCategory.Nd.bit
        | GeneralCategory.Nl.bit | GeneralCategory.Pc.bit
    private static let latin1WordCategories = GeneralCategory.letters | GeneralCategory.numbers | GeneralCategory.Pc.bit

    /// Whether `\w` holds for the scalar `value` of general category number `category`.
    @inline(__always)
    static func isWord(_ value: UInt32, _ category: UInt8) -> Bool {
        let bit = UInt32(1) << UInt32(category)
        if value < 256 { return latin1WordCategories & bit != 0 }
        return wordCategories & bit != 0 || (Unicode.Scalar(value)?.properties.isAlphabetic ?? false)
    }

    /// Whether the scalar `value` of general category number `category` has the property.
    func holds(for value: UInt32, _ category: UInt8) -> Bool {
        guard let scalar = Unicode.Scalar(value) else { return false }
        let p = scalar.properties
        switch self {
        case .word: return Self.isWord(value, category)
        case .unicodeWord: return Self.wordCategories & (1 << UInt32(category)) != 0 || p.isAlphabetic
        case .alphabetic: return p.isAlphabetic
        case .lowercase: return p.isLowercase
        case .uppercase: return p.isUppercase
        case .whiteSpace: return p.isWhitespace
        case .emoji: return p.isEmoji
        case .emojiPresentation: return p.isEmojiPresentation
        case .emojiModifier: return p.isEmojiModifier
        case .emojiModifierBase: return p.isEmojiModifierBase
        case .math: return p.isMath
        case .dash: return p.isDash
        case .hexDigit: return p.isHexDigit
        case .asciiHexDigit: return p.isASCIIHexDigit
        case .ideographic: return p.isIdeographic
        case .diacritic: return p.isDiacritic
        case .extender: return p.isExtender
        case .noncharacterCodePoint: return p.isNoncharacterCodePoint
        case .defaultIgnorableCodePoint: return p.isDefaultIgnorableCodePoint
        case .idStart: return p.isIDStart
        case .idContinue: return p.isIDContinue
        case .xidStart: return p.isXIDStart
        case .xidContinue: return p.isXIDContinue
        case .quotationMark: return p.isQuotationMark
        case .radical: return p.isRadical
        case .terminalPunctuation: return p.isTerminalPunctuation
        case .sentenceTerminal: return p.isSentenceTerminal
        case .joinControl: return p.isJoinControl
        case .variationSelector: return p.isVariationSelector
        case .patternSyntax: return p.isPatternSyntax
        case .patternWhiteSpace: return p.isPatternWhitespace
        case .cased: return p.isCased
        case .caseIgnorable: return p.isCaseIgnorable
        }
    }
}

/// Looks up property and POSIX class names.
enum UnicodeProperty {
    /// The set named `name` in `\p{name}`, or nil if the name is unknown.
    static func named(_ name: String) -> ClassNode? {
        let key = String(name.lowercased().filter { $0 != "_" && $0 != "-" && $0 != " " })
        if let mask = categories[key] { return .categories(mask) }
        if let node = posix(key) { return node }
        if let property = BinaryProperty.allCases.first(where: { $0.rawValue.lowercased() == key }) {
            return .property(property)
        }
        if let property = aliases[key] { return .property(property) }
        return nil
    }

    /// The POSIX bracket classes (`[:alpha:]`) and their `\p{Alpha}` spellings, Unicode meanings.
    static func posix(_ key: String) -> ClassNode? {
        let cat = GeneralCategory.self
        switch key {
        case "alpha": return .property(.alphabetic)
        case "alnum": return .union([.property(.alphabetic), .digit])
        case "ascii": return .ranges([0...127])
        case "blank": return .union([.ranges([9...9]), .categories(cat.Zs.bit)])
        case "cntrl": return .categories(cat.Cc.bit)
        case "digit": return .digit
        case "graph": return .intersection([.inverted(.space), .inverted(.categories(cat.mask(.Cc, .Cn, .Cs)))])
        case "print":
            return .union([
                .intersection([.inverted(.space), .inverted(.categories(cat.mask(.Cc, .Cn, .Cs)))]),
                .categories(cat.Zs.bit),
            ])
        case "lower": return .property(.lowercase)
        case "upper": return .property(.uppercase)
        case "space": return .space
        case "xdigit": return .hexDigit
        case "word": return .property(.unicodeWord)
        case "any": return .ranges([0...0x10FFFF])
        case "assigned": return .inverted(.categories(cat.Cn.bit))
        default: return nil
        }
    }

    /// `[[:punct:]]`, which unlike `\p{Punct}` also holds the symbols (Oniguruma 6.9.4 on).
    static let posixPunct = ClassNode.categories(GeneralCategory.punctuation | GeneralCategory.symbols)

    private static let aliases: [String: BinaryProperty] = [
        "whitespace": .whiteSpace, "space": .whiteSpace, "emojipresentation": .emojiPresentation,
        "ahex": .asciiHexDigit, "hex": .hexDigit, "ideo": .ideographic, "dia": .diacritic, "ext": .extender,
        "nchar": .noncharacterCodePoint, "di": .defaultIgnorableCodePoint, "ids": .idStart, "idc": .idContinue,
        "xids": .xidStart, "xidc": .xidContinue, "qmark": .quotationMark, "term": .terminalPunctuation,
        "sterm": .sentenceTerminal, "joinc": .joinControl, "vs": .variationSelector, "patsyn": .patternSyntax,
        "patws": .patternWhiteSpace, "ci": .caseIgnorable,
    ]

    private static let categories: [String: UInt32] = {
        let c = GeneralCategory.self
        var table: [String: UInt32] = [
            "l": c.letters, "letter": c.letters, "lc": c.mask(.Lu, .Ll, .Lt), "l&": c.mask(.Lu, .Ll, .Lt),
            "casedletter": c.mask(.Lu, .Ll, .Lt), "m": c.marks, "mark": c.marks, "combiningmark": c.marks,
            "n": c.numbers, "number": c.numbers, "p": c.punctuation, "punctuation": c.punctuation,
            "punct": c.punctuation, "s": c.symbols, "symbol": c.symbols, "z": c.separators,
            "separator": c.separators, "c": c.others, "other": c.others,
        ]
        let long: [(GeneralCategory, String)] = [
            (.Lu, "uppercaseletter"), (.Ll, "lowercaseletter"), (.Lt, "titlecaseletter"), (.Lm, "modifierletter"),
            (.Lo, "otherletter"), (.Mn, "nonspacingmark"), (.Mc, "spacingmark"), (.Me, "enclosingmark"),
            (.Nd, "decimalnumber"), (.Nl, "letternumber"), (.No, "othernumber"), (.Pc, "connectorpunctuation"),
            (.Pd, "dashpunctuation"), (.Ps, "openpunctuation"), (.Pe, "closepunctuation"),
            (.Pi, "initialpunctuation"), (.Pf, "finalpunctuation"), (.Po, "otherpunctuation"), (.Sm, "mathsymbol"),
            (.Sc, "currencysymbol"), (.Sk, "modifiersymbol"), (.So, "othersymbol"), (.Zs, "spaceseparator"),
            (.Zl, "lineseparator"), (.Zp, "paragraphseparator"), (.Cc, "control"), (.Cf, "format"),
            (.Cs, "surrogate"), (.Co, "privateuse"), (.Cn, "unassigned"),
        ]
        for (category, name) in long {
            table[String(describing: category).lowercased()] = category.bit
            table[name] = category.bit
        }
        return table
    }()
}
