// Recursive-descent parser from answer tokens to a `MathExpr`: sums, products (implicit too), powers,
// `\frac`, `\sqrt`, `\binom`, functions, absolute values, factorials, percentages and mixed numbers.
// Depth and length are bounded, so every input ends quickly with a tree or an error, never a crash.

struct MathParseError: Error {}

struct MathExpressionParser {
    private var tokens: [MathToken]
    private var pos = 0
    private var depth = 0
    private static let maxDepth = 200

    init(_ tokens: [MathToken]) { self.tokens = tokens }

    /// Parses the whole token list as one expression.
    static func parse(_ tokens: [MathToken]) throws -> MathExpr {
        guard !tokens.isEmpty, tokens.count <= 2000 else { throw MathParseError() }
        var parser = MathExpressionParser(tokens)
        let expr = try parser.parseSum()
        guard parser.pos == parser.tokens.count else { throw MathParseError() }
        return expr
    }

    private var peek: MathToken.Kind? { pos < tokens.count ? tokens[pos].kind : nil }

    private mutating func take(_ symbol: String) -> Bool {
        guard peek == .symbol(symbol) else { return false }
        pos += 1
        return true
    }

    private mutating func expect(_ symbol: String) throws {
        guard take(symbol) else { throw MathParseError() }
    }

    private mutating func nested<T>(_ body: (inout MathExpressionParser) throws -> T) throws -> T {
        depth += 1
        defer { depth -= 1 }
        guard depth < Self.maxDepth else { throw MathParseError() }
        return try body(&self)
    }

    mutating func parseSum() throws -> MathExpr {
        try nested { p in
            var left = try p.parseProduct()
            while true {
                if p.take("+") {
                    left = .sum(left, try p.parseProduct())
                } else if p.take("-") {
                    left = .difference(left, try p.parseProduct())
                } else if p.peek == .command("pm") || p.peek == .command("mp") {
                    p.pos += 1
                    left = .plusMinus(left, try p.parseProduct())
                } else {
                    return left
                }
            }
        }
    }

    private mutating func parseProduct() throws -> MathExpr {
        var left = try parseUnary()
        while true {
            if take("*") {
                left = .product(left, try parseUnary())
            } else if take("/") {
                left = .quotient(left, try parseUnary())
            } else if startsFactor {
                left = .product(left, try parsePower())
            } else {
                return left
            }
        }
    }

    /// Whether the next token can start an implicitly multiplied factor ("2x", "3\sqrt{2}", "(a)(b)").
    private var startsFactor: Bool {
        switch peek {
        case .number, .letter: return true
        case .command(let name): return !["pm", "mp", "cup", "cap", "in"].contains(name)
        case .symbol(let s): return s == "(" || s == "{"
        default: return false
        }
    }

    /// Whether the next token is a function name ("\sin x \cos x" is a product of two functions).
    private var startsFunction: Bool {
        if case .command(let name)? = peek { return MathTokenizer.functions.contains(name) }
        return false
    }

    private mutating func parseUnary() throws -> MathExpr {
        try nested { p in
            if p.take("-") { return .negation(try p.parseUnary()) }
            if p.take("+") { return try p.parseUnary() }
            if p.peek == .command("pm") {
                p.pos += 1
                return .plusMinus(.number(.exact(Rational(0)!)), try p.parseUnary())
            }
            return try p.parsePower()
        }
    }

    private mutating func parsePower() throws -> MathExpr {
        let base = try parsePostfix()
        guard take("^") else { return base }
        let exponent: MathExpr
        if take("{") {
            exponent = try parseSum()
            try expect("}")
        } else if take("-") {
            exponent = .negation(try parsePostfix())
        } else {
            exponent = try parsePostfix()
        }
        return .power(base, exponent)
    }

    private mutating func parsePostfix() throws -> MathExpr {
        var expr = try parsePrimary()
        while true {
            if take("!") { expr = .factorial(expr) } else if take("%") { expr = .percent(expr) } else { return expr }
        }
    }

    private mutating func parsePrimary() throws -> MathExpr {
        guard let kind = peek else { throw MathParseError() }
        pos += 1
        switch kind {
        case .number(let text):
            let value = Self.number(text)
            return try mixedNumber(after: value, text: text) ?? value
        case .letter(let name):
            return .variable(try subscripted(name))
        case .command(let name):
            return try command(name)
        case .symbol("("):
            let inner = try parseSum()
            try expect(")")
            return inner
        case .symbol("{"):
            let inner = try parseSum()
            try expect("}")
            return inner
        case .symbol("["):
            let inner = try parseSum()
            try expect("]")
            return inner
        case .symbol("|"):
            let inner = try parseSum()
            try expect("|")
            return .function("abs", [inner])
        default:
            throw MathParseError()
        }
    }

    static func number(_ text: String) -> MathExpr {
        if let exact = Rational(decimal: Substring(text)) { return .number(.exact(exact)) }
        return .bigLiteral(text)
    }

    /// "3\frac{1}{2}" and "3 1/2" are 3½, not 3 × ½: the way people write mixed numbers.
    private mutating func mixedNumber(after whole: MathExpr, text: String) throws -> MathExpr? {
        guard text.allSatisfy(\.isNumber) else { return nil }
        if peek == .command("frac") {
            let saved = pos
            pos += 1
            if let numerator = try? parseArgument(), let denominator = try? parseArgument(),
                case .number(.exact(let n)) = numerator, case .number(.exact(let d)) = denominator,
                n.isInteger, d.isInteger, n.numerator < d.numerator
            {
                return .sum(whole, .quotient(numerator, denominator))
            }
            pos = saved
        }
        if pos + 2 < tokens.count, tokens[pos].spaceBefore, case .number(let n) = tokens[pos].kind,
            tokens[pos + 1].kind == .symbol("/"), case .number(let d) = tokens[pos + 2].kind,
            n.allSatisfy(\.isNumber), d.allSatisfy(\.isNumber), let a = Int(n), let b = Int(d), a < b
        {
            pos += 3
            return .sum(whole, .quotient(Self.number(n), Self.number(d)))
        }
        return nil
    }

    /// "x_1", "a_{n}": the subscript becomes part of the variable's name.
    private mutating func subscripted(_ name: String) throws -> String {
        guard take("_") else { return name }
        var suffix = ""
        if take("{") {
            while let kind = peek, kind != .symbol("}") {
                pos += 1
                switch kind {
                case .number(let t), .letter(let t), .symbol(let t), .word(let t), .command(let t): suffix += t
                }
            }
            try expect("}")
        } else if let kind = peek {
            pos += 1
            switch kind {
            case .number(let t):
                suffix = String(t.prefix(1))
                if t.count > 1 { splitNumber(t) }
            case .letter(let t): suffix = t
            default: throw MathParseError()
            }
        }
        return name + "_" + suffix
    }

    /// A LaTeX argument: a braced group, or a single token ("\frac12" is ½).
    private mutating func parseArgument() throws -> MathExpr {
        if take("{") {
            let inner = try parseSum()
            try expect("}")
            return inner
        }
        if case .number(let text)? = peek, text.count > 1, text.allSatisfy(\.isNumber) {
            pos += 1
            splitNumber(text)
            return Self.number(String(text.prefix(1)))
        }
        return try parsePostfix()
    }

    /// Puts back the digits after the first of a number token that LaTeX reads one digit at a time.
    private mutating func splitNumber(_ text: String) {
        tokens.insert(MathToken(kind: .number(String(text.dropFirst())), spaceBefore: false), at: pos)
    }

    private mutating func command(_ name: String) throws -> MathExpr {
        switch name {
        case "frac", "cfrac":
            let numerator = try parseArgument()
            return .quotient(numerator, try parseArgument())
        case "binom":
            let n = try parseArgument()
            return .function("binom", [n, try parseArgument()])
        case "sqrt":
            var index = MathExpr.number(.exact(Rational(2)!))
            if take("[") {
                index = try parseSum()
                try expect("]")
            }
            return .root(try parseArgument(), index: index)
        case "pi": return .pi
        case "infty", "infin": return .infinity
        default:
            guard MathTokenizer.functions.contains(name) else { throw MathParseError() }
            return try function(name)
        }
    }

    /// `\sin x`, `\ln(2)`, `\log_2 8`, `\sin^2 x`.
    private mutating func function(_ name: String) throws -> MathExpr {
        var base: MathExpr?
        if name == "log", take("_") { base = try parseArgument() }
        var power: MathExpr?
        if take("^") { power = try parseArgument() }
        let argument: MathExpr
        if take("(") {
            argument = try parseSum()
            try expect(")")
        } else {
            argument = try parseProductOfPowers()
        }
        var result = MathExpr.function(name, base.map { [argument, $0] } ?? [argument])
        if let power { result = .power(result, power) }
        return result
    }

    /// "\sin 2x" takes "2x" as its argument; it stops at + and -.
    private mutating func parseProductOfPowers() throws -> MathExpr {
        var expr = try parsePower()
        while startsFactor, peek != .symbol("("), !startsFunction { expr = .product(expr, try parsePower()) }
        return expr
    }
}
