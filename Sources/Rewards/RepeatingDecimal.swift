// Repeating decimals as exact fractions: `0.\overline{3}` and `0.1\overline{6}` name 1/3 and 1/6 exactly,
// and so does `0.333\ldots` (or "0.3333...") when the digits before the dots repeat a period at least
// twice. A finite decimal without such a mark stays the terminating number it says.
import Foundation

enum RepeatingDecimal {
    /// `text` with every marked repeating decimal written as a parenthesised fraction.
    static func rewrite(_ text: String) -> String {
        guard text.contains("overline") || text.contains("dots") || text.contains("...") || text.contains("…") else { return text }
        var s = text
        s = replace(in: s, pattern: #"(\d*)\.(\d*)\\overline\{(\d+)\}"#) { g in fraction(whole: g[0], fixed: g[1], period: g[2]) }
        s = replace(in: s, pattern: #"(\d*)\.(\d+)\s*(?:\\ldots|\\cdots|\\dots|\.\.\.|…)"#) { g in
            guard let (fixed, period) = period(of: g[1]) else { return nil }
            return fraction(whole: g[0], fixed: fixed, period: period)
        }
        return s
    }

    /// The shortest period the digits end with, repeated at least twice (three times for one digit), and the digits before it.
    private static func period(of digits: String) -> (String, String)? {
        let d = Array(digits)
        for length in 1...max(1, d.count / 2) {
            let needed = length == 1 ? 3 : 2
            guard d.count >= length * needed else { continue }
            let unit = d[(d.count - length)...]
            var start = d.count - length
            while start >= length, d[(start - length)..<start].elementsEqual(unit) { start -= length }
            if (d.count - start) / length >= needed { return (String(d[..<start]), String(unit)) }
        }
        return nil
    }

    /// whole.fixed(period repeating) as "(p/q)", p and q in decimal digits; nil past 18 digits.
    private static func fraction(whole: String, fixed: String, period: String) -> String? {
        guard fixed.count + period.count <= 12, whole.count <= 6 else { return nil }
        let w = Int(whole.isEmpty ? "0" : whole)!, f = Int(fixed.isEmpty ? "0" : fixed)!, p = Int(period)!
        let tenF = Int(pow(10, Double(fixed.count))), nines = Int(pow(10, Double(period.count))) - 1
        // x = w + f/10^F + p/(10^F · (10^P − 1))
        let q = tenF * nines
        return "(\(w * q + f * nines + p)/\(q))"
    }

    private static func replace(in s: String, pattern: String, _ make: ([String]) -> String?) -> String {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return s }
        var out = s
        for match in regex.matches(in: s, range: NSRange(s.startIndex..., in: s)).reversed() {
            let groups = (1..<match.numberOfRanges).map { Range(match.range(at: $0), in: s).map { String(s[$0]) } ?? "" }
            if let replacement = make(groups), let range = Range(match.range, in: out) { out.replaceSubrange(range, with: replacement) }
        }
        return out
    }
}
