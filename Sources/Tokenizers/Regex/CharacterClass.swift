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

/// A class compiled for matching: a bit table for ASCII; above it, unions are flattened into one
/// category mask, one list of ranges and what is left of the tree, tested in that order.
struct ScalarSet: Sendable {
    /// The ASCII table, kept apart as plain data so the matcher's hot path does no reference counting.
    let bits: ASCIIBits
    private let categoryMask: UInt32
    private let ranges: [ClosedRange<UInt32>]
    private let rest: [ClassNode]

    init(_ node: ClassNode) {
        var low: UInt64 = 0
        var high: UInt64 = 0
        for value in 0..<128
        where node.contains(UInt32(value), GeneralCategory.number(of: Unicode.Scalar(UInt8(value)))) {
            if value < 64 { low |= 1 << UInt64(value) } else { high |= 1 << UInt64(value - 64) }
        }
        bits = ASCIIBits(low: low, high: high, asciiOnly: node.isASCIIOnly)
        var mask: UInt32 = 0
        var ranges: [ClosedRange<UInt32>] = []
        var rest: [ClassNode] = []
        func flatten(_ node: ClassNode) {
            switch node {
            case .union(let nodes): nodes.forEach(flatten)
            case .categories(let m): mask |= m
            case .ranges(let r): ranges += r.filter { $0.upperBound >= 128 }
            default: rest.append(node)
            }
        }
        flatten(node)
        categoryMask = mask
        self.ranges = ranges
        self.rest = rest
    }

    /// Whether the scalar `value` with general category number `category` is in the set.
    func contains(_ value: UInt32, _ category: UInt8) -> Bool {
        value < 128 ? bits.containsASCII(value) : !bits.asciiOnly && containsAboveASCII(value, category)
    }

    /// `contains` for a scalar above U+007F.
    func containsAboveASCII(_ value: UInt32, _ category: UInt8) -> Bool {
        if categoryMask & (1 << UInt32(category)) != 0 { return true }
        for range in ranges where range.contains(value) { return true }
        for node in rest where node.contains(value, category) { return true }
        return false
    }
}

/// Membership of the ASCII scalars in a set, and whether any scalar above them can be in it.
struct ASCIIBits: Sendable {
    let low: UInt64
    let high: UInt64
    let asciiOnly: Bool

    @inline(__always)
    func containsASCII(_ value: UInt32) -> Bool {
        value < 64 ? low & (1 << UInt64(value)) != 0 : high & (1 << UInt64(value - 64)) != 0
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
