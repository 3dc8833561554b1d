// Python's str operations the templates call, on Unicode scalars as Python counts them: strip with its
// whitespace set, split (on runs of whitespace without a separator), replace, title and capitalize.

enum PythonString {
    /// Python's str.isspace for one character.
    static func isSpace(_ scalar: Unicode.Scalar) -> Bool {
        scalar.properties.isWhitespace || (0x1C...0x1F).contains(scalar.value)
    }

    static func strip(_ s: String, _ chars: String?, leading: Bool, trailing: Bool) -> String {
        let set = chars.map { Set($0.unicodeScalars) }
        let strip: (Unicode.Scalar) -> Bool = { set?.contains($0) ?? isSpace($0) }
        var scalars = s.scalars[...]
        if leading { while let first = scalars.first, strip(first) { scalars.removeFirst() } }
        if trailing { while let last = scalars.last, strip(last) { scalars.removeLast() } }
        return String(scalars: scalars)
    }

    static func capitalize(_ s: String) -> String {
        guard let first = s.unicodeScalars.first else { return s }
        return String(first).uppercased() + String(scalars: s.unicodeScalars.dropFirst()).lowercased()
    }

    static func title(_ s: String) -> String {
        var out = "", previousCased = false
        for scalar in s.unicodeScalars {
            let cased = scalar.properties.isCased
            out += previousCased ? String(scalar).lowercased() : String(scalar).uppercased()
            previousCased = cased
        }
        return out
    }

    /// Start offsets (in scalars) of the non-overlapping occurrences of `needle`, left to right.
    static func occurrences(of needle: String, in scalars: [Unicode.Scalar]) -> [Int] {
        let n = Array(needle.unicodeScalars)
        guard !n.isEmpty, n.count <= scalars.count else { return [] }
        var found: [Int] = [], i = 0
        while i + n.count <= scalars.count {
            if scalars[i] == n[0] && scalars[i..<(i + n.count)].elementsEqual(n) {
                found.append(i)
                i += n.count
            } else {
                i += 1
            }
        }
        return found
    }

    static func replace(_ s: String, _ old: String, _ new: String, count: Int) -> String {
        let scalars = s.scalars
        if old.isEmpty {
            // Python inserts `new` around every character.
            var pieces = scalars.map { String($0) }
            pieces = [""] + pieces.flatMap { [$0, ""] }
            var out = "", done = 0
            for piece in pieces {
                if piece.isEmpty { if count < 0 || done < count { out += new; done += 1 } } else { out += piece }
            }
            return out
        }
        var out = "", last = 0
        let width = old.unicodeScalars.count
        for (k, start) in occurrences(of: old, in: scalars).enumerated() where count < 0 || k < count {
            out += String(scalars: scalars[last..<start]) + new
            last = start + width
        }
        return out + String(scalars: scalars[last...])
    }

    static func split(_ s: String, _ separator: String?, limit: Int, fromRight: Bool) -> [String] {
        let scalars = s.scalars
        guard let separator else {
            // Runs of whitespace separate, and leading or trailing whitespace gives no empty piece; rsplit works
            // on the reversed text.
            let text = fromRight ? Array(scalars.reversed()) : scalars
            var pieces: [String] = [], i = 0
            while true {
                while i < text.count && isSpace(text[i]) { i += 1 }
                if i == text.count { break }
                var j = i
                if limit >= 0 && pieces.count == limit {
                    j = text.count
                } else {
                    while j < text.count && !isSpace(text[j]) { j += 1 }
                }
                pieces.append(fromRight ? String(scalars: text[i..<j].reversed()) : String(scalars: text[i..<j]))
                i = j
            }
            return fromRight ? pieces.reversed() : pieces
        }
        var starts = occurrences(of: separator, in: scalars)
        if limit >= 0 && starts.count > limit { starts = fromRight ? Array(starts.suffix(limit)) : Array(starts.prefix(limit)) }
        var pieces: [String] = [], last = 0
        let width = separator.unicodeScalars.count
        for start in starts {
            pieces.append(String(scalars: scalars[last..<start]))
            last = start + width
        }
        pieces.append(String(scalars: scalars[last...]))
        return pieces
    }
}
