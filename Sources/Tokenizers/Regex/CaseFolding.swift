// Simple (one scalar to one scalar) case folding for `(?i)`: two scalars match when they fold to the
// same scalar. ASCII is arithmetic; other scalars go through Swift's case mappings only when the
// scalar has case at all, so uncased text (CJK, digits, symbols) never builds a mapping string.
// Oniguruma also folds one scalar to several ("ß" matches "ss"); that is not done here.

/// Case folding of single scalars.
enum CaseFolding {
    /// The scalar `value` folds to: the lowercase of its uppercase, where both are single scalars.
    static func fold(_ value: UInt32) -> UInt32 {
        if value < 128 { return value >= 65 && value <= 90 ? value + 32 : value }
        guard let scalar = Unicode.Scalar(value), scalar.properties.changesWhenCaseMapped else { return value }
        let base = single(scalar.properties.uppercaseMapping) ?? scalar
        return (single(base.properties.lowercaseMapping) ?? base).value
    }

    /// The foldings of every scalar in `ranges`, as sorted, merged ranges. Ranges too large to walk
    /// (over 65,536 scalars in all) are kept as they are.
    static func foldedRanges(_ ranges: [ClosedRange<UInt32>]) -> [ClosedRange<UInt32>] {
        guard ranges.reduce(0, { $0 + $1.count }) <= 65_536 else { return ranges }
        let values = Set(ranges.flatMap { range in range.map(fold) }).sorted()
        var merged: [ClosedRange<UInt32>] = []
        for value in values {
            if let last = merged.last, last.upperBound + 1 == value {
                merged[merged.count - 1] = last.lowerBound...value
            } else {
                merged.append(value...value)
            }
        }
        return merged
    }

    private static func single(_ text: String) -> Unicode.Scalar? {
        let scalars = text.unicodeScalars
        guard let first = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return nil
        }
        return first
    }
}
