// Turns an answer as people and models write it (LaTeX, unicode, units, currency) into plain math text
// the expression parser reads. Only spelling is changed here; meaning is decided by the parser.
import Foundation

/// Rewrites answer text into the parser's plain form.
public enum LaTeXNormalizer {
    /// Normalizes one extracted answer.
    public static func normalize(_ raw: String) -> String {
        var s = raw.trimmingCharacters(in: .whitespacesAndNewlines)
        if s.contains(where: \.isLetter), let digits = NumberWords.digits(wordsOnly(s)) { s = digits }
        if s.unicodeScalars.contains(where: { !$0.isASCII }) { s = replacingUnicode(s) }
        s = RepeatingDecimal.rewrite(s)
        // "2 and 1/2" is a mixed number.
        s = s.replacingOccurrences(of: #"(\d)\s+and\s+(\d+\s*/\s*\d+|\\[dt]?frac)"#, with: "$1 $2", options: .regularExpression)
        if s.contains("{") { s = unwrapText(s) }
        s = rewritingCommands(s)
        s = s.trimmingCharacters(in: .whitespacesAndNewlines)
        // A sentence's full stop is not part of the answer; a leading "." is (".5").
        while let last = s.last, ".;:".contains(last) { s.removeLast() }
        // "x \in [2, 5]" keeps only the answer part.
        if let range = s.range(of: "\\in ") { s = String(s[range.upperBound...]) }
        return s.trimmingCharacters(in: .whitespaces)
    }

    /// The answer without `$`, `\text{}`-style wrappers and a closing full stop: "\text{five}" is "five".
    private static func wordsOnly(_ s: String) -> String {
        var plain = s
        for command in textCommands { plain = plain.replacingOccurrences(of: command + "{", with: "") }
        plain = plain.filter { $0 != "}" && $0 != "$" }
        while let last = plain.last, ".!".contains(last) { plain.removeLast() }
        return plain.trimmingCharacters(in: .whitespaces)
    }

    /// One pass over the scalars; a no-break or thin space between a digit and three more is a
    /// thousands separator ("1 000"), elsewhere a space.
    private static func replacingUnicode(_ s: String) -> String {
        let scalars = Array(s.unicodeScalars)
        var out = ""
        for (i, scalar) in scalars.enumerated() {
            if ["\u{00A0}", "\u{2009}", "\u{202F}"].contains(scalar), i > 0, isDigit(scalars[i - 1]),
                i + 3 < scalars.count, scalars[(i + 1)...(i + 3)].allSatisfy(isDigit)
            {
                continue
            }
            if let replacement = unicode[scalar] { out += replacement } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    private static func isDigit(_ scalar: Unicode.Scalar) -> Bool { ("0"..."9").contains(scalar) }

    /// One pass over the characters: each `\name` is looked up whole, so `\left` is never `\le` + `ft`.
    private static func rewritingCommands(_ s: String) -> String {
        let chars = Array(s)
        var out = ""
        var i = 0
        var skipBrace = false
        while i < chars.count {
            let c = chars[i]
            if c == "\\", i + 1 < chars.count, chars[i + 1].isLetter {
                var j = i + 1
                while j < chars.count && chars[j].isLetter { j += 1 }
                let name = String(chars[(i + 1)..<j])
                if name == "circ" || name == "degree" {
                    skipBrace = droppingDegreeMark(&out)
                } else if sizing.contains(name) {
                    // \left( and \bigl[ are just brackets.
                } else if let replacement = commands[name] {
                    out += replacement
                } else {
                    out += "\\" + name
                }
                i = j
                continue
            }
            if skipBrace && c == "}" {
                skipBrace = false
            } else if c == "\\", i + 1 < chars.count, let replacement = symbols[chars[i + 1]] {
                out += replacement
                i += 1
            } else if c == "{", i + 2 < chars.count, chars[i + 1] == ",", chars[i + 2] == "}" {
                i += 2  // "1{,}000"
            } else if c == "~" {
                out += " "
            } else if c != "$" {
                out.append(c)
                if !c.isWhitespace { skipBrace = false }
            }
            i += 1
        }
        return out
    }

    /// "45^\circ" and "45^{\circ}" are 45: drops the "^" (and "{") already written; true if a "}" must go too.
    private static func droppingDegreeMark(_ out: inout String) -> Bool {
        while out.last?.isWhitespace == true { out.removeLast() }
        var brace = false
        if out.last == "{" {
            out.removeLast()
            brace = true
            while out.last?.isWhitespace == true { out.removeLast() }
        }
        if out.last == "^" { out.removeLast() }
        return brace
    }

    private static let unicode: [Unicode.Scalar: String] = [
        "\u{2212}": "-", "\u{2013}": "-", "\u{2014}": "-", "\u{00D7}": "*", "\u{22C5}": "*", "\u{00B7}": "*",
        "\u{00F7}": "/", "\u{03C0}": "\\pi ", "\u{221A}": "\\sqrt ", "\u{221E}": "\\infty ", "\u{2264}": "<=",
        "\u{2265}": ">=", "\u{222A}": "\\cup ", "\u{00B1}": "\\pm ", "\u{00B0}": "", "\u{00A0}": " ", "\u{2009}": "",
        "\u{202F}": "", "\u{00BD}": "(1/2)", "\u{00BC}": "(1/4)", "\u{00BE}": "(3/4)", "\u{2153}": "(1/3)",
        "\u{2154}": "(2/3)", "\u{2155}": "(1/5)", "\u{2156}": "(2/5)", "\u{2157}": "(3/5)", "\u{2158}": "(4/5)",
        "\u{2159}": "(1/6)", "\u{215A}": "(5/6)", "\u{215B}": "(1/8)", "\u{215C}": "(3/8)", "\u{215D}": "(5/8)",
        "\u{215E}": "(7/8)", "\u{00B2}": "^2", "\u{00B3}": "^3", "\u{20AC}": "", "\u{00A3}": "", "\u{00A5}": "",
        "\u{2032}": "", "\u{2248}": "=", "\u{00A2}": "", "\u{27E8}": "(", "\u{27E9}": ")",
    ]

    /// Sizing commands, dropped: the bracket after them stays.
    private static let sizing: Set<String> = [
        "left", "right", "big", "Big", "bigg", "Bigg", "bigl", "bigr", "Bigl", "Bigr", "biggl", "biggr", "Biggl",
        "Biggr",
    ]

    /// Commands by name (without the backslash) and what they become.
    private static let commands: [String: String] = [
        "dfrac": "\\frac", "tfrac": "\\frac", "nicefrac": "\\frac", "sfrac": "\\frac", "dbinom": "\\binom",
        "tbinom": "\\binom", "displaystyle": "", "textstyle": "", "qquad": " ", "quad": " ", "cdot": "*",
        "times": "*", "ast": "*", "div": "/", "geqslant": ">=", "leqslant": "<=", "geq": ">=", "leq": "<=", "ge": ">=",
        "le": "<=", "lt": "<", "gt": ">", "neq": "!=", "ne": "!=", "lbrace": "\\{", "rbrace": "\\}", "lvert": "|",
        "rvert": "|", "vert": "|", "mid": "|", "colon": ":", "approx": "=", "therefore": "", "implies": ",",
        "Rightarrow": ",", "rightarrow": ",", "to": ",", "dots": "", "ldots": "", "cdots": "", "varpi": "\\pi",
        "langle": "(", "rangle": ")",
    ]

    /// Backslash-symbol commands: spacing goes, escaped currency and percent become plain.
    private static let symbols: [Character: String] = [
        "$": "", "%": "%", "!": "", ",": "", ";": " ", ":": " ", " ": " ",
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
                    inner.allSatisfy({ $0.isLetter || " .^/".contains($0) || $0.isNumber }),
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
