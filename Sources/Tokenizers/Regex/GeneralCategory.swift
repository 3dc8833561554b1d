// The Unicode general category of a scalar as a small number, so a text can carry one byte per scalar
// and a character class can test a category with one bit of a mask. ASCII comes from a table built
// once; other scalars ask Swift's Unicode data (Unicode.Scalar.Properties.generalCategory).

/// General categories numbered 0..<30, in the order of the Unicode standard's table.
enum GeneralCategory: UInt8, CaseIterable, Sendable {
    case Lu, Ll, Lt, Lm, Lo, Mn, Mc, Me, Nd, Nl, No, Pc, Pd, Ps, Pe, Pi, Pf, Po, Sm, Sc, Sk, So, Zs, Zl, Zp
    case Cc, Cf, Cs, Co, Cn

    /// The bit of this category in a category mask.
    var bit: UInt32 { 1 << UInt32(rawValue) }

    /// A mask of several categories.
    static func mask(_ categories: GeneralCategory...) -> UInt32 { categories.reduce(0) { $0 | $1.bit } }

    static let letters = mask(.Lu, .Ll, .Lt, .Lm, .Lo)
    static let marks = mask(.Mn, .Mc, .Me)
    static let numbers = mask(.Nd, .Nl, .No)
    static let punctuation = mask(.Pc, .Pd, .Ps, .Pe, .Pi, .Pf, .Po)
    static let symbols = mask(.Sm, .Sc, .Sk, .So)
    static let separators = mask(.Zs, .Zl, .Zp)
    static let others = mask(.Cc, .Cf, .Cs, .Co, .Cn)
    static let all: UInt32 = (1 << 30) - 1

    private static let asciiTable: [UInt8] = (0..<128).map { of(nonASCII: Unicode.Scalar(UInt8($0))).rawValue }

    /// The category number of `scalar`.
    static func number(of scalar: Unicode.Scalar) -> UInt8 {
        scalar.value < 128 ? asciiTable[Int(scalar.value)] : of(nonASCII: scalar).rawValue
    }

    private static func of(nonASCII scalar: Unicode.Scalar) -> GeneralCategory {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter: .Lu
        case .lowercaseLetter: .Ll
        case .titlecaseLetter: .Lt
        case .modifierLetter: .Lm
        case .otherLetter: .Lo
        case .nonspacingMark: .Mn
        case .spacingMark: .Mc
        case .enclosingMark: .Me
        case .decimalNumber: .Nd
        case .letterNumber: .Nl
        case .otherNumber: .No
        case .connectorPunctuation: .Pc
        case .dashPunctuation: .Pd
        case .openPunctuation: .Ps
        case .closePunctuation: .Pe
        case .initialPunctuation: .Pi
        case .finalPunctuation: .Pf
        case .otherPunctuation: .Po
        case .mathSymbol: .Sm
        case .currencySymbol: .Sc
        case .modifierSymbol: .Sk
        case .otherSymbol: .So
        case .spaceSeparator: .Zs
        case .lineSeparator: .Zl
        case .paragraphSeparator: .Zp
        case .control: .Cc
        case .format: .Cf
        case .surrogate: .Cs
        case .privateUse: .Co
        case .unassigned: .Cn
        @unknown default: .Cn
        }
    }
}
