// Hand-written matchers for the split regexes the byte-level BPE families use. Swift Regex is far too
// slow for tokenisation, and these regexes are fixed strings, so each is recognised by its text and
// matched by code that follows the regex's alternatives in order, as a backtracking engine would:
//   GPT-2 (also the ByteLevel pre-tokenizer with use_regex):
//     's|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+
//   Llama-3 (Qwen2 is the same with \p{N} instead of \p{N}{1,3}):
//     (?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+

/// A split regex we match by hand.
enum SplitPattern: Sendable, Equatable {
    case gpt2
    /// Llama-3 style; `maxDigits` is 3 for Llama-3 and 1 for Qwen2.
    case llama3(maxDigits: Int)

    static let gpt2Regex = #"'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+"#
    static let llama3Regex =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    static let qwen2Regex =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

    /// The pattern whose regex text is `regex`, if we have a matcher for it.
    init?(regex: String) {
        switch regex {
        case Self.gpt2Regex: self = .gpt2
        case Self.llama3Regex: self = .llama3(maxDigits: 3)
        case Self.qwen2Regex: self = .llama3(maxDigits: 1)
        default: return nil
        }
    }

    /// Splits `range` of `text` into the pieces the regex matches, appended to `pieces`.
    func split(_ text: ScalarText, _ range: Range<Int>, into pieces: inout [Range<Int>]) {
        text.scalars.withUnsafeBufferPointer { scalars in
            text.classes.withUnsafeBufferPointer { classes in
                let view = View(scalars: scalars, classes: classes)
                var start = range.lowerBound
                while start < range.upperBound {
                    let end: Int
                    switch self {
                    case .gpt2: end = Self.matchGPT2(view, start, range.upperBound)
                    case .llama3(let maxDigits): end = Self.matchLlama3(view, start, range.upperBound, maxDigits)
                    }
                    pieces.append(start..<end)
                    start = end
                }
            }
        }
    }

    /// The text as raw buffers, so matching does no reference counting per scalar.
    private struct View {
        let scalars: UnsafeBufferPointer<Unicode.Scalar>
        let classes: UnsafeBufferPointer<ScalarClass>
    }

    private static func matchGPT2(_ text: View, _ i: Int, _ n: Int) -> Int {
        if let end = contraction(text, i, n, ignoringCase: false) { return end }
        let c = text.classes
        // ` ?\p{L}+`, ` ?\p{N}+`, ` ?[^\s\p{L}\p{N}]+`: an optional space, then a run of one class.
        let j = text.scalars[i] == " " && i + 1 < n && !c[i + 1].contains(.space) ? i + 1 : i
        if c[j].contains(.letter) { return run(c, j, n) { $0.contains(.letter) } }
        if c[j].contains(.number) { return run(c, j, n) { $0.contains(.number) } }
        if c[j].isOther { return run(c, j, n) { $0.isOther } }
        return whitespace(c, i, n)
    }

    private static func matchLlama3(_ text: View, _ i: Int, _ n: Int, _ maxDigits: Int) -> Int {
        if let end = contraction(text, i, n, ignoringCase: true) { return end }
        let c = text.classes
        // `[^\r\n\p{L}\p{N}]?\p{L}+`
        if c[i].contains(.letter) { return run(c, i, n) { $0.contains(.letter) } }
        if !c[i].contains(.newline) && !c[i].contains(.number) && i + 1 < n && c[i + 1].contains(.letter) {
            return run(c, i + 1, n) { $0.contains(.letter) }
        }
        // `\p{N}{1,3}`
        if c[i].contains(.number) {
            var end = i + 1
            while end < n && end - i < maxDigits && c[end].contains(.number) { end += 1 }
            return end
        }
        // ` ?[^\s\p{L}\p{N}]+[\r\n]*`
        let j = text.scalars[i] == " " && i + 1 < n && c[i + 1].isOther ? i + 1 : i
        if c[j].isOther {
            let end = run(c, j, n) { $0.isOther }
            return run(c, end, n) { $0.contains(.newline) }
        }
        // `\s*[\r\n]+`: the whitespace run up to and including its last line break.
        let spaceEnd = run(c, i, n) { $0.contains(.space) }
        var k = spaceEnd
        while k > i && !c[k - 1].contains(.newline) { k -= 1 }
        if k > i { return k }
        return whitespace(c, i, n)
    }

    /// `\s+(?!\S)|\s+` at a whitespace scalar: leave the last space for the word that follows.
    private static func whitespace(_ c: UnsafeBufferPointer<ScalarClass>, _ i: Int, _ n: Int) -> Int {
        let end = run(c, i, n) { $0.contains(.space) }
        if end < n && end - i >= 2 { return end - 1 }
        return end
    }

    /// `'s|'t|'re|'ve|'m|'ll|'d`, optionally case-insensitive as Oniguruma folds case.
    private static func contraction(_ text: View, _ i: Int, _ n: Int, ignoringCase: Bool) -> Int? {
        guard text.scalars[i] == "'", i + 1 < n else { return nil }
        func folded(_ k: Int) -> UInt32 {
            let v = text.scalars[k].value
            guard ignoringCase else { return v }
            if v >= 65 && v <= 90 { return v + 32 }
            if v == 0x17F { return 115 }  // LATIN SMALL LETTER LONG S folds to "s"
            return v
        }
        switch folded(i + 1) {
        case 115, 116, 109, 100: return i + 2  // s t m d
        case 114, 118:  // re ve
            return i + 2 < n && folded(i + 2) == 101 ? i + 3 : nil
        case 108:  // ll
            return i + 2 < n && folded(i + 2) == 108 ? i + 3 : nil
        default: return nil
        }
    }

    private static func run(_ c: UnsafeBufferPointer<ScalarClass>, _ i: Int, _ n: Int, _ member: (ScalarClass) -> Bool)
        -> Int
    {
        var end = i
        while end < n && member(c[end]) { end += 1 }
        return end
    }
}
