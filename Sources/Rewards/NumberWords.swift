// Integers written in English words ("twenty-one", "one hundred and five", "3 million", "negative
// seven"), as word-problem answers often are. Only a whole phrase of number words is read, optionally
// followed by a unit word or two ("five apples"), so prose that happens to contain "one" is left alone.

/// Reads English cardinal numbers.
enum NumberWords {
    /// The answer with its leading number phrase written in digits ("5 apples"); nil if it has none.
    static func digits(_ text: String) -> String? {
        let words = text.lowercased().split { $0 == " " || $0 == "-" || $0 == "\n" }.map(String.init)
        // "3 million", "1.5 billion".
        if words.count >= 2, let scale = scales[words[1]], let amount = Double(words[0]), words.count <= 4,
           let whole = Int(exactly: (amount * Double(scale)).rounded()), abs(Double(whole) - amount * Double(scale)) < 1e-6 {
            return ([String(whole)] + words[2...]).joined(separator: " ")
        }
        // "two and a half".
        if words.count >= 4, words.suffix(3) == ["and", "a", "half"], let whole = value(Array(words.dropLast(3))) {
            return "(\(2 * whole + (whole < 0 ? -1 : 1))/2)"
        }
        guard let first = words.first, units[first] != nil || first == "negative" || first == "minus" || first == "a" else { return nil }
        var end = 0
        while end < words.count, isNumberWord(words[end]) || (end > 0 && words[end] == "and") { end += 1 }
        while end > 0, words[end - 1] == "and" { end -= 1 }
        guard end > 0, words.count - end <= 2, words[end...].allSatisfy({ $0.allSatisfy(\.isLetter) }),
              let value = value(Array(words[..<end])) else { return nil }
        return ([String(value)] + words[end...]).joined(separator: " ")
    }

    /// The value of a phrase of number words, or nil when it is not one well-formed number.
    static func value(_ words: [String]) -> Int? {
        var words = words.filter { $0 != "and" }
        var sign = 1
        if let first = words.first, first == "negative" || first == "minus" {
            sign = -1
            words.removeFirst()
        }
        if words.first == "a", words.count > 1, scales[words[1]] != nil || words[1] == "hundred" { words[0] = "one" }
        guard !words.isEmpty else { return nil }
        var total = 0, group = 0, lastScale = Int.max
        var previous: String?
        for word in words {
            if let unit = units[word] {
                // "twenty one" is fine, "five six" and "twenty thirty" are not numbers.
                if let p = previous, units[p] != nil, !(tens.contains(p) && unit < 10 && group % 10 == 0) { return nil }
                group += unit
            } else if word == "hundred" {
                guard group > 0, group < 100 else { return nil }
                group *= 100
            } else if let scale = scales[word] {
                guard group > 0, scale < lastScale else { return nil }
                total += group * scale
                group = 0
                lastScale = scale
            } else {
                return nil
            }
            previous = word
        }
        return sign * (total + group)
    }

    private static func isNumberWord(_ word: String) -> Bool {
        units[word] != nil || word == "hundred" || scales[word] != nil || word == "negative" || word == "minus" || word == "a"
    }

    private static let units: [String: Int] = [
        "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
        "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
        "seventeen": 17, "eighteen": 18, "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50,
        "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90,
    ]
    private static let tens: Set<String> = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
    private static let scales: [String: Int] = ["thousand": 1_000, "million": 1_000_000, "billion": 1_000_000_000]
}
