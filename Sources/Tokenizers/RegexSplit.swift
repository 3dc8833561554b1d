// The `Split` pre-tokenizer with any regex, through our regex engine: find every match as the
// `tokenizers` library does (Oniguruma's search; an empty match right after the previous match is
// skipped), mark matches and the text between them, optionally invert the marks, then keep the parts
// as the behaviour says (Hugging Face's SplitDelimiterBehavior) and drop empty ones.

/// What a `Split` pre-tokenizer does with the text its pattern matches.
public enum SplitBehavior: String, Sendable, CaseIterable {
    /// Matches are dropped.
    case removed = "Removed"
    /// Each match is a piece of its own.
    case isolated = "Isolated"
    /// Each match joins the piece before it.
    case mergedWithPrevious = "MergedWithPrevious"
    /// Each match joins the piece after it.
    case mergedWithNext = "MergedWithNext"
    /// Consecutive matches make one piece.
    case contiguous = "Contiguous"
}

/// A `Split` step with a compiled regex.
struct RegexSplit: Sendable, Equatable {
    let regex: RegexProgram
    let behavior: SplitBehavior
    let invert: Bool

    static func == (a: RegexSplit, b: RegexSplit) -> Bool {
        a.regex.pattern == b.regex.pattern && a.behavior == b.behavior && a.invert == b.invert
    }

    /// Appends the pieces of `range` of `text` to `out`.
    func split(_ text: ScalarText, _ range: Range<Int>, into out: inout [Range<Int>], _ scratch: inout SplitScratch) {
        var parts: [SplitPart] = []
        swap(&parts, &scratch.parts)
        defer { swap(&parts, &scratch.parts) }
        parts.removeAll(keepingCapacity: true)
        Self.marks(regex, text, range, into: &parts, &scratch.regex)
        if invert { for k in parts.indices { parts[k].isMatch.toggle() } }
        // Merging happens on the parts before empty ones are dropped, as in `tokenizers`.
        let first = out.count
        var previousMatch = false
        switch behavior {
        case .isolated: for part in parts { out.append(part.range) }
        case .removed: for part in parts where !part.isMatch { out.append(part.range) }
        case .mergedWithPrevious, .contiguous:
            for part in parts {
                let merge = behavior == .contiguous ? part.isMatch == previousMatch : part.isMatch && !previousMatch
                if merge && out.count > first {
                    out[out.count - 1] = out[out.count - 1].lowerBound..<part.range.upperBound
                } else {
                    out.append(part.range)
                }
                previousMatch = part.isMatch
            }
        case .mergedWithNext:
            for part in parts.reversed() {
                if part.isMatch && !previousMatch && out.count > first {
                    out[out.count - 1] = part.range.lowerBound..<out[out.count - 1].upperBound
                } else {
                    out.append(part.range)
                }
                previousMatch = part.isMatch
            }
            out[first...].reverse()
        }
        var kept = first
        for k in first..<out.count where !out[k].isEmpty {
            out[kept] = out[k]
            kept += 1
        }
        out.removeSubrange(kept...)
    }

    /// The matches of `regex` in `range` and the text between them, in order (what `tokenizers`'
    /// `find_matches` gives the split behaviours).
    static func marks(
        _ regex: RegexProgram, _ text: ScalarText, _ range: Range<Int>, into parts: inout [SplitPart],
        _ scratch: inout RegexScratch
    ) {
        guard !range.isEmpty else {
            parts.append(SplitPart(range: range, isMatch: false))
            return
        }
        if scratch.registers.count < regex.registerCount {
            scratch.registers = [Int](repeating: 0, count: regex.registerCount)
        }
        regex.code.withUnsafeBufferPointer { code in
            regex.sets.withUnsafeBufferPointer { sets in
                regex.bits.withUnsafeBufferPointer { bits in
                    text.scalars.withUnsafeBufferPointer { scalars in
                        text.categories.withUnsafeBufferPointer { categories in
                            var matcher = RegexMatcher(
                                code: code, sets: sets, bits: bits, firstSet: regex.firstSet, scalars: scalars,
                                categories: categories, lower: range.lowerBound, upper: range.upperBound)
                            var previous = range.lowerBound
                            var searchFrom = range.lowerBound
                            var lastMatchEnd = -1
                            while searchFrom <= range.upperBound,
                                let found = matcher.firstMatch(from: searchFrom, &scratch)
                            {
                                if found.isEmpty && found.upperBound == lastMatchEnd {
                                    searchFrom += 1
                                    continue
                                }
                                if previous != found.lowerBound {
                                    parts.append(SplitPart(range: previous..<found.lowerBound, isMatch: false))
                                }
                                parts.append(SplitPart(range: found, isMatch: true))
                                previous = found.upperBound
                                searchFrom = found.upperBound
                                lastMatchEnd = found.upperBound
                            }
                            if previous != range.upperBound {
                                parts.append(SplitPart(range: previous..<range.upperBound, isMatch: false))
                            }
                        }
                    }
                }
            }
        }
    }
}

/// A match of a split regex, or the text between two.
struct SplitPart {
    var range: Range<Int>
    var isMatch: Bool
}

/// Working memory of the pre-tokenizers, kept across segments so splitting allocates nothing.
struct SplitScratch {
    /// The pieces of the step being applied.
    var next: [Range<Int>] = []
    var parts: [SplitPart] = []
    var regex = RegexScratch()
}
