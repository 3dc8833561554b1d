// What a character class of a regex holds — `[a-z\p{L}&&[^q]]`, `\s`, `\p{Lu}`, `.` — as a tree that
// answers "is this scalar in it?" from the scalar and its general category, and its compiled form
// `ScalarSet`, which answers for ASCII from a 128-bit table and walks the tree only for other scalars.

/// A set of Unicode scalars as a regex class describes it.
indirect enum ClassNode: Sendable, Equatable {
    /// Scalars in any of these ranges.
    case ranges([ClosedRange<UInt32>])
    /// Scalars whose general category is in the mask (bits of `GeneralCategory`).
    case categories(UInt32)
    /// Scalars with a binary Unicode property.
    case property(BinaryProperty)
    case union([ClassNode])
    case intersection([ClassNode])
    case inverted(ClassNode)
    /// Scalars whose case folding lies in these ranges: a class's literal ranges under `(?i)`.
    case folded([ClosedRange<UInt32>])

    static let empty = ClassNode.ranges([])
    /// `\s`: U+0009–U+000D, U+0085 and the separators, as Oniguruma defines it for Unicode.
    static let space = ClassNode.union([.ranges([9...13, 0x85...0x85]), .categories(GeneralCategory.separators)])
    /// `\d`: decimal digits of every script.
    static let digit = ClassNode.categories(GeneralCategory.Nd.bit)
    /// `\w` (see `BinaryProperty.word`).
    static let word = ClassNode.property(.word)
    /// `\h`: ASCII hexadecimal digits.
    static let hexDigit = ClassNode.ranges([48...57, 65...70, 97...102])
    /// `\n`, for `.` and `\N`.
    static let newline = ClassNode.ranges([10...10])

    /// The literal `ranges` of a class, matched ignoring case when `ignoreCase` is set.
    static func literal(_ ranges: [ClosedRange<UInt32>], ignoreCase: Bool) -> ClassNode {
        guard ignoreCase else { return .ranges(ranges) }
        return .union([.ranges(ranges), .folded(CaseFolding.foldedRanges(ranges))])
    }

    /// Whether the scalar `value`, whose general category number is `category`, is in the set.
    func contains(_ value: UInt32, _ category: UInt8) -> Bool {
        switch self {
        case .ranges(let ranges):
            for range in ranges where range.contains(value) { return true }
            return false
        case .categories(let mask): return mask & (1 << UInt32(category)) != 0
        case .property(let property): return property.holds(for: value, category)
        case .union(let nodes):
            for node in nodes where node.contains(value, category) { return true }
            return false
        case .intersection(let nodes):
            for node in nodes where !node.contains(value, category) { return false }
            return true
        case .inverted(let node): return !node.contains(value, category)
        case .folded(let ranges):
            let folded = CaseFolding.fold(value)
            for range in ranges where range.contains(folded) { return true }
            return false
        }
    }
}

/// A class compiled for matching: a bit table for ASCII, the tree for the rest.
struct ScalarSet: Sendable {
    private let low: UInt64
    private let high: UInt64
    private let node: ClassNode
    /// True when the set holds no scalar above ASCII that the tree would have to find.
    private let asciiOnly: Bool

    init(_ node: ClassNode) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for value in 0..<128
        where node.contains(UInt32(value), GeneralCategory.number(of: Unicode.Scalar(UInt8(value)))) {
            if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
        }
        self.low = low
        self.high = high
        self.node = node
        asciiOnly = node.isASCIIOnly
    }

    /// Whether the scalar `value` with general category number `category` is in the set.
    @inline(__always)
    func contains(_ value: UInt32, _ category: UInt8) -> Bool {
        if value < 64 { return low & (1 << UInt64(value)) != 0 }
        if value < 128 { return high & (1 << UInt64(value - 64)) != 0 }
        return !asciiOnly && node.contains(value, category)
    }
}

extension ClassNode {
    /// True when no scalar above U+007F can be in the set (so the ASCII table is the whole answer).
    var isASCIIOnly: Bool {
        switch self {
        case .ranges(let ranges): return ranges.allSatisfy { $0.upperBound < 128 }
        case .categories(let mask): return mask == 0
        case .property, .inverted, .folded: return false
        case .union(let nodes): return nodes.allSatisfy(\.isASCIIOnly)
        case .intersection(let nodes): return nodes.contains(where: \.isASCIIOnly)
        }
    }
}
