// The shape of a final answer: a value, an equation, an interval or tuple, a set or bare list, a union,
// or plain text. Built from tokens by splitting at the top level (unions, commas, relations, brackets).
import Foundation

/// A parsed final answer.
public indirect enum MathAnswer: Sendable, Hashable {
    /// A single value or symbolic expression.
    case value(MathExpr)
    /// An equation that is not simply "variable = value" ("y = 2x + 3").
    case equation(MathExpr, MathExpr)
    /// A tuple, ordered pair or interval: elements in order, with its brackets ("(", "]").
    case bracketed([MathAnswer], open: String, close: String)
    /// A set `\{...\}`: order does not matter.
    case set([MathAnswer])
    /// A bare comma list "2, 5": equal to a set with the same elements or a tuple in the same order.
    case list([MathAnswer])
    /// A union of intervals or sets.
    case union([MathAnswer])
    /// Words ("Monday", "(C)", "yes"), compared without case, spaces or punctuation.
    case text(String)

    /// Parses normalized answer text; text that is not mathematics becomes `.text`.
    public static func parse(_ normalized: String) -> MathAnswer {
        let tokens = MathTokenizer.tokenize(normalized)
        let hasNumber = tokens.contains { if case .number = $0.kind { return true } else { return false } }
        let mathTokens = hasNumber ? dropUnits(tokens) : tokens
        if !hasNumber, tokens.contains(where: { if case .word = $0.kind { return true } else { return false } }) {
            return .text(textKey(normalized))
        }
        return (try? parseTop(mathTokens[...])) ?? .text(textKey(normalized))
    }

    /// Whether `tokens` are a function's name and arguments, "f(x)" or "g(a, b)".
    private static func isFunctionName(_ tokens: ArraySlice<MathToken>) -> Bool {
        let kinds = tokens.map(\.kind)
        guard kinds.count >= 4, case .letter = kinds[0], kinds[1] == .symbol("("), kinds.last == .symbol(")") else { return false }
        return kinds[2..<(kinds.count - 1)].allSatisfy {
            if case .letter = $0 { return true }
            return $0 == .symbol(",")
        }
    }

    /// Lowercase letters and digits only, with a lone choice letter unwrapped: "(C)" is "c".
    static func textKey(_ s: String) -> String {
        let key = String(
            s.replacingOccurrences(of: "\\unit", with: "").lowercased().unicodeScalars.filter {
                CharacterSet.alphanumerics.contains($0)
            }.map(Character.init))
        return noSolution.contains(key) ? "nosolution" : key
    }

    /// Spellings of "there is no answer" that graders treat as one.
    private static let noSolution: Set<String> = [
        "none", "nosolution", "nosolutions", "norealsolution", "norealsolutions", "emptyset", "varnothing", "noanswer",
    ]

    /// Unit words and their exponents ("cm^2") go; an answer with a number keeps only the mathematics.
    private static func dropUnits(_ tokens: [MathToken]) -> [MathToken] {
        var kept: [MathToken] = []
        var i = 0
        while i < tokens.count {
            if case .word = tokens[i].kind {
                i += 1
                if i + 1 < tokens.count, tokens[i].kind == .symbol("^") {
                    i += tokens[i + 1].kind == .symbol("{") ? 4 : 2
                }
                // "km/h": the unit's denominator goes with it.
                if i + 1 < tokens.count, tokens[i].kind == .symbol("/"), !tokens[i + 1].spaceBefore {
                    switch tokens[i + 1].kind {
                    case .letter, .word: i += 2
                    default: break
                    }
                }
                continue
            }
            kept.append(tokens[i])
            i += 1
        }
        return kept
    }

    private static func parseTop(_ tokens: ArraySlice<MathToken>) throws -> MathAnswer {
        let unionParts = split(tokens) { $0 == .command("cup") }
        if unionParts.count > 1 { return .union(try unionParts.map(parseItem)) }
        let parts = split(tokens) { $0 == .symbol(",") || $0 == .symbol(";") }.filter { !$0.isEmpty }
        if parts.count > 1 { return .list(try parts.map(parseItem)) }
        return try parseItem(parts.first ?? tokens)
    }

    /// Splits at separators that sit outside every bracket.
    static func split(_ tokens: ArraySlice<MathToken>, where isSeparator: (MathToken.Kind) -> Bool) -> [ArraySlice<
        MathToken
    >] {
        var parts: [ArraySlice<MathToken>] = []
        var depth = 0
        var start = tokens.startIndex
        for i in tokens.indices {
            let kind = tokens[i].kind
            if case .symbol(let s) = kind {
                if ["(", "[", "{", "\\{"].contains(s) { depth += 1 }
                if [")", "]", "}", "\\}"].contains(s) { depth -= 1 }
            }
            if depth == 0 && isSeparator(kind) {
                parts.append(tokens[start..<i])
                start = i + 1
            }
        }
        parts.append(tokens[start..<tokens.endIndex])
        return parts
    }

    private static func parseItem(_ tokens: ArraySlice<MathToken>) throws -> MathAnswer {
        guard let first = tokens.first?.kind, let last = tokens.last?.kind else { throw MathParseError() }
        if case .symbol(let open) = first, case .symbol(let close) = last, tokens.count >= 2,
            closesAtEnd(tokens)
        {
            let inner = tokens.dropFirst().dropLast()
            if open == "\\{" && close == "\\}" {
                let parts = split(inner) { $0 == .symbol(",") }.filter { !$0.isEmpty }
                return .set(try parts.map(parseItem))
            }
            let parts = split(inner) { $0 == .symbol(",") }
            if parts.count > 1, ["(", "["].contains(open), [")", "]"].contains(close) {
                return .bracketed(try parts.map(parseItem), open: open, close: close)
            }
        }
        return try parseRelation(tokens)
    }

    /// Whether the bracket opening the slice is closed by its last token (so "(1)+(2)" is not one group).
    private static func closesAtEnd(_ tokens: ArraySlice<MathToken>) -> Bool {
        var depth = 0
        for i in tokens.indices {
            guard case .symbol(let s) = tokens[i].kind else { continue }
            if ["(", "[", "{", "\\{"].contains(s) { depth += 1 }
            if [")", "]", "}", "\\}"].contains(s) { depth -= 1 }
            if depth == 0 { return i == tokens.index(before: tokens.endIndex) }
        }
        return false
    }

    private static let relations: Set<String> = ["=", "<", ">", "<=", ">="]

    /// "x = 3" is 3; "2 < x <= 5" is the interval (2, 5]; "y = 2x + 3" stays an equation.
    private static func parseRelation(_ tokens: ArraySlice<MathToken>) throws -> MathAnswer {
        var parts: [ArraySlice<MathToken>] = []
        var ops: [String] = []
        var start = tokens.startIndex
        for i in tokens.indices {
            if case .symbol(let s) = tokens[i].kind, relations.contains(s) {
                parts.append(tokens[start..<i])
                ops.append(s)
                start = i + 1
            }
        }
        parts.append(tokens[start..<tokens.endIndex])
        if ops.isEmpty { return .value(try MathExpressionParser.parse(Array(tokens))) }
        if ops.allSatisfy({ $0 == "=" }) {
            let answer = try parseItem(parts[parts.count - 1])
            // "(x, y) = (1, 2)" names the parts of the answer.
            guard let lhs = try? MathExpressionParser.parse(Array(parts[0])) else { return answer }
            // "x = 3" stays an equation so "y = 5 - 2x" can match "2x + y = 5"; equality unwraps it.
            if case .variable = lhs, case .value(let value) = answer { return .equation(lhs, value) }
            if case .variable = lhs { return answer }
            // "f(x) = x^2" names the answer as "y = x^2" does.
            if parts.count == 2, isFunctionName(parts[0]) { return answer }
            // "2 + 3 = 5" is work shown: the answer is the last part.
            if lhs.variables.isEmpty { return answer }
            let rhs = try MathExpressionParser.parse(Array(parts[parts.count - 1]))
            if case .variable = rhs, parts.count == 2 { return .value(lhs) }
            return .equation(lhs, rhs)
        }
        return try inequality(parts.map { try MathExpressionParser.parse(Array($0)) }, ops)
    }

    private static func inequality(_ sides: [MathExpr], _ ops: [String]) throws -> MathAnswer {
        let bound = { (op: String) -> String in op.count == 2 ? "closed" : "open" }
        func interval(_ low: MathExpr, _ lowOp: String, _ high: MathExpr, _ highOp: String) -> MathAnswer {
            .bracketed(
                [.value(low), .value(high)], open: bound(lowOp) == "closed" ? "[" : "(",
                close: bound(highOp) == "closed" ? "]" : ")")
        }
        let isVariable = { (e: MathExpr) -> Bool in if case .variable = e { true } else { false } }
        if sides.count == 2, isVariable(sides[0]) {
            // x > a is (a, ∞); x < a is (-∞, a).
            return ops[0].hasPrefix(">")
                ? interval(sides[1], ops[0], .infinity, "<")
                : interval(.negation(.infinity), "<", sides[1], ops[0])
        }
        if sides.count == 2, isVariable(sides[1]) {
            return ops[0].hasPrefix("<")
                ? interval(sides[0], ops[0], .infinity, "<")
                : interval(.negation(.infinity), "<", sides[0], ops[0])
        }
        if sides.count == 3, isVariable(sides[1]), ops.allSatisfy({ $0.hasPrefix("<") }) {
            return interval(sides[0], ops[0], sides[2], ops[1])
        }
        if sides.count == 3, isVariable(sides[1]), ops.allSatisfy({ $0.hasPrefix(">") }) {
            return interval(sides[2], ops[1], sides[0], ops[0])
        }
        throw MathParseError()
    }
}
