// Turns an answer as people and models write it (LaTeX, unicode, units, currency) into plain math text
// the expression parser reads. Only spelling is changed here; meaning is decided by the parser.
import Foundation

/// Rewrites answer text into the parser's plain form.
public enum LaTeXNormalizer {
    /// Normalizes one extracted answer.
    public static func normalize(_ raw: String) -> String {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        // "1 000" with a no-break or thin space is a thousands separator, not a product.
        s = s.replacingOccurrences(
            of: "(\\d)[\u{00A0}\u{2009}\u{202F}](\\d{3})", with: "$1$2", options: .regularExpression)
        for (from, to) in unicode { s = s.replacingOccurrences(of: from, with: to) }
        s = unwrapText(s)
        // Sizing commands go first: "\\left" must not be read as "\\le" + "ft".
        s = s.replacingOccurrences(
            of: #"\\(?:left|right|big|Big|bigg|Bigg)[lr]?(?![a-zA-Z])"#, with: "",
            options: .regularExpression)
        for (from, to) in commands { s = s.replacingOccurrences(of: from, with: to) }
        s = s.replacingOccurrences(of: #"\^\s*\{?\s*\\circ\s*\}?"#, with: "", options: .regularExpression)
        s = s.replacingOccurrences(of: "\\circ", with: "")
        s = s.replacingOccurrences(of: "$", with: "")
        s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        // A sentence's full stop is not part of the answer; a leading "." is (".5").
        while let last = s.last, ".;:".contains(last) { s.removeLast() }
        // "x \in [2, 5]" and "\therefore x = 3" keep only the answer part.
        if let range = s.range(of: "\\in ") { s = String(s[range.upperBound...]) }
        return s.trimmingCharacters(in: .whitespaces)
    }

    private static let unicode: [(String, String)] = [
        ("\u{2212}", "-"), ("\u{2013}", "-"), ("\u{2014}", "-"), ("\u{00D7}", "*"), ("\u{22C5}", "*"),
        ("\u{00B7}", "*"), ("\u{00F7}", "/"), ("\u{03C0}", "\\pi "), ("\u{221A}", "\\sqrt "), ("\u{221E}", "\\infty "),
        ("\u{2264}", "<="), ("\u{2265}", ">="), ("\u{222A}", "\\cup "), ("\u{00B1}", "\\pm "), ("\u{00B0}", ""),
        ("\u{00A0}", " "), ("\u{2009}", ""), ("\u{202F}", ""), ("\u{00BD}", "(1/2)"), ("\u{00BC}", "(1/4)"),
        ("\u{00BE}", "(3/4)"), ("\u{2153}", "(1/3)"), ("\u{2154}", "(2/3)"), ("\u{2155}", "(1/5)"),
        ("\u{2156}", "(2/5)"), ("\u{2157}", "(3/5)"), ("\u{2158}", "(4/5)"), ("\u{2159}", "(1/6)"),
        ("\u{215A}", "(5/6)"),
        ("\u{215B}", "(1/8)"), ("\u{215C}", "(3/8)"), ("\u{215D}", "(5/8)"), ("\u{215E}", "(7/8)"), ("\u{00B2}", "^2"),
        ("\u{00B3}", "^3"), ("\u{20AC}", ""), ("\u{00A3}", ""),
        ("\u{00A5}", ""), ("\u{2032}", ""), ("\u{2248}", "="),
    ]

    private static let commands: [(String, String)] = [
        ("\\$", ""), ("\\%", "%"), ("\\dfrac", "\\frac"), ("\\tfrac", "\\frac"), ("\\nicefrac", "\\frac"),
        ("\\sfrac", "\\frac"), ("\\dbinom", "\\binom"),
        ("\\tbinom", "\\binom"), ("\\displaystyle", ""), ("\\textstyle", ""), ("\\!", ""), ("\\,", ""),
        ("\\;", " "), ("\\:", " "), ("\\qquad", " "), ("\\quad", " "), ("\\ ", " "), ("~", " "),
        ("\\cdot", "*"), ("\\times", "*"), ("\\ast", "*"), ("\\div", "/"), ("\\geqslant", ">="), ("\\leqslant", "<="),
        ("\\geq", ">="), ("\\leq", "<="), ("\\ge", ">="), ("\\le", "<="), ("\\lt", "<"), ("\\gt", ">"),
        ("\\neq", "!="), ("\\ne", "!="), ("{,}", ""), ("\\lbrace", "\\{"), ("\\rbrace", "\\}"),
        ("\\lvert", "|"), ("\\rvert", "|"), ("\\vert", "|"), ("\\mid", "|"), ("\\colon", ":"), ("\\approx", "="),
        ("\\therefore", ""), ("\\implies", ","), ("\\Rightarrow", ","), ("\\rightarrow", ","), ("\\to", ","),
        ("\\dots", ""), ("\\ldots", ""), ("\\cdots", ""), ("\\varpi", "\\pi"),
    ]

    private static let textCommands = [
        "\\text", "\\textbf", "\\textit", "\\textrm", "\\mathrm", "\\mathbf",
        "\\mathit", "\\mbox", "\\operatorname", "\\mathsf", "\\boldsymbol", "\\bf",
    ]

    /// `\text{...}` and friends: words become `\unit{...}` (dropped by the parser next to a number);
    /// "or" / "and" become list commas, so "3 \text{ or } 5" reads as two answers.
    static func unwrapText(_ input: String) -> String {
        var s = input
        for command in textCommands {
            while let start = s.range(of: command + "{") {
                guard let close = BraceScanner.matchingBrace(in: s, openAt: s.index(before: start.upperBound)) else {
                    s.replaceSubrange(start, with: " ")
                    break
                }
                let inner = String(s[start.upperBound..<close]).trimmingCharacters(in: .whitespaces)
                let replacement: String
                if ["or", "and"].contains(inner.lowercased()) {
                    replacement = ","
                } else if !inner.isEmpty,
                    inner.allSatisfy({ $0.isLetter || $0 == " " || $0 == "." || $0 == "^" || $0.isNumber }),
                    inner.first?.isLetter == true
                {
                    // A word: a unit or label when the answer has a number, the answer itself otherwise.
                    replacement = " \\unit{\(inner)} "
                } else {
                    replacement = " \(inner) "
                }
                s.replaceSubrange(start.lowerBound...close, with: replacement)
            }
        }
        return s
    }
}

/// Brace matching over a string, shared by the normalizer and the answer extractor.
public enum BraceScanner {
    /// The index of the `}` matching the `{` at `open`, honouring nesting and `\{` `\}` escapes; nil if unbalanced.
    public static func matchingBrace(in s: String, openAt open: String.Index) -> String.Index? {
        var depth = 0
        var index = open
        var escaped = false
        while index < s.endIndex {
            let c = s[index]
            if escaped {
                escaped = false
            } else if c == "\\" {
                escaped = true
            } else if c == "{" {
                depth += 1
            } else if c == "}" {
                depth -= 1
                if depth == 0 { return index }
            }
            index = s.index(after: index)
        }
        return nil
    }
}
