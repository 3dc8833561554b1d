// The pre-tokenizer step of tokenizer.json: cuts a segment into the pieces that BPE merges within.
// Only splitting lives here; ByteLevel's byte-to-character mapping is the BPE model's input step.

/// How a segment is cut into pieces before BPE.
indirect enum PreTokenizer: Sendable, Equatable {
    /// The whole segment is one piece (no pre_tokenizer).
    case whole
    /// `Split` of one of the three family regexes with `Isolated` behaviour, or `ByteLevel` with
    /// `use_regex`: the hand-written matchers.
    case split(SplitPattern)
    /// `Split` with any other regex, behaviour or `invert`: the regex engine.
    case regex(RegexSplit)
    /// `Digits`: each digit alone (`individual_digits`) or each run of digits as one piece.
    case digits(individual: Bool)
    /// `Sequence`: each step cuts every piece of the step before.
    case sequence([PreTokenizer])

    /// Cuts `text` into pieces (scalar index ranges), using `scratch` as working space.
    func pieces(of text: ScalarText, into pieces: inout [Range<Int>], scratch: inout SplitScratch) {
        pieces.removeAll(keepingCapacity: true)
        if text.count > 0 { pieces.append(0..<text.count) }
        apply(text, &pieces, &scratch)
    }

    private func apply(_ text: ScalarText, _ pieces: inout [Range<Int>], _ scratch: inout SplitScratch) {
        switch self {
        case .whole: return
        case .sequence(let steps):
            for step in steps { step.apply(text, &pieces, &scratch) }
            return
        case .split, .regex, .digits:
            var next: [Range<Int>] = []
            swap(&next, &scratch.next)
            next.removeAll(keepingCapacity: true)
            for range in pieces { split(text, range, into: &next, &scratch) }
            swap(&pieces, &next)
            swap(&next, &scratch.next)
        }
    }

    private func split(
        _ text: ScalarText, _ range: Range<Int>, into out: inout [Range<Int>], _ scratch: inout SplitScratch
    ) {
        switch self {
        case .split(let pattern): pattern.split(text, range, into: &out)
        case .regex(let split): split.split(text, range, into: &out, &scratch)
        case .digits(let individual):
            var start = range.lowerBound
            while start < range.upperBound {
                var end = start + 1
                let isNumber = text.classes[start].contains(.number)
                while end < range.upperBound && text.classes[end].contains(.number) == isNumber
                    && !(isNumber && individual)
                { end += 1 }
                out.append(start..<end)
                start = end
            }
        case .whole, .sequence: out.append(range)
        }
    }
}
