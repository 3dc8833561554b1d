// Recursive-descent parser from tokens to the syntax tree, with jinja2's precedence (lowest first):
// `x if c else y`, or, and, not, comparisons and `in`, + -, ~, * / // %, **, unary -, then postfix
// (`.attr`, `[i]`, `[a:b:c]`, calls) with filters `|f` and tests `is t` binding tightest. Tags: if/elif/else,
// for (with `if` filter and else), set (also `ns.attr` and block form), macro, generation, break, continue.

struct JinjaParser {
    private let source: JinjaSource
    private let tokens: [JinjaToken]
    private var index = 0

    static func parse(_ source: JinjaSource) throws -> [JinjaNode] {
        var parser = JinjaParser(source: source, tokens: try JinjaLexer.tokenize(source))
        let (body, stop) = try parser.parseBody(until: [])
        if let stop { throw source.error(stop.offset, "unexpected '\(stop.tag)' outside any block") }
        return body
    }

    private init(source: JinjaSource, tokens: [JinjaToken]) {
        self.source = source
        self.tokens = tokens
    }

    private var current: JinjaToken { tokens[index] }
    private func peek(_ ahead: Int = 1) -> JinjaToken { tokens[min(index + ahead, tokens.count - 1)] }
    private mutating func advance() -> JinjaToken {
        let token = tokens[index]
        if index < tokens.count - 1 { index += 1 }
        return token
    }

    private func fail(_ message: String, at token: JinjaToken? = nil) -> JinjaError {
        source.error((token ?? current).offset, message)
    }

    private func isName(_ name: String, _ token: JinjaToken? = nil) -> Bool {
        if case .name(name) = (token ?? current).kind { return true }
        return false
    }

    private func isOp(_ op: String, _ token: JinjaToken? = nil) -> Bool {
        if case .op(op) = (token ?? current).kind { return true }
        return false
    }

    private mutating func skipOp(_ op: String) -> Bool {
        if isOp(op) { _ = advance(); return true }
        return false
    }

    private mutating func skipName(_ name: String) -> Bool {
        if isName(name) { _ = advance(); return true }
        return false
    }

    private mutating func expectOp(_ op: String) throws {
        guard skipOp(op) else { throw fail("expected '\(op)', got \(describe(current))") }
    }

    private mutating func expectName() throws -> String {
        guard case .name(let name) = current.kind else { throw fail("expected a name, got \(describe(current))") }
        _ = advance()
        return name
    }

    private mutating func expectBlockEnd() throws {
        guard current.kind == .blockEnd else { throw fail("expected '%}', got \(describe(current))") }
        _ = advance()
    }

    private func describe(_ token: JinjaToken) -> String {
        switch token.kind {
        case .text: return "text"
        case .blockBegin: return "'{%'"
        case .blockEnd: return "'%}'"
        case .variableBegin: return "'{{'"
        case .variableEnd: return "'}}'"
        case .name(let n): return "'\(n)'"
        case .string(let s): return "string '\(s.prefix(20))'"
        case .int(let i): return "\(i)"
        case .double(let d): return "\(d)"
        case .op(let o): return "'\(o)'"
        case .end: return "the end of the template"
        }
    }

    // MARK: statements

    /// Nodes up to one of `stops` (a tag name such as `endif`), which is consumed with its `{%`; returns which stopped it.
    private mutating func parseBody(until stops: Set<String>) throws -> ([JinjaNode], (tag: String, offset: Int)?) {
        var nodes: [JinjaNode] = []
        while true {
            let token = advance()
            switch token.kind {
            case .end:
                if !stops.isEmpty {
                    throw fail("the template ended before \(stops.sorted().map { "'\($0)'" }.joined(separator: " or "))", at: token)
                }
                return (nodes, nil)
            case .text(let text): nodes.append(.text(text))
            case .variableBegin:
                let expression = try parseExpression()
                guard current.kind == .variableEnd else { throw fail("expected '}}', got \(describe(current))") }
                _ = advance()
                nodes.append(.output(expression))
            case .blockBegin:
                let tagToken = current
                let tag = try expectName()
                if stops.contains(tag) || ["endif", "endfor", "endmacro", "endset", "endgeneration", "elif", "else"].contains(tag) {
                    if stops.contains(tag) { return (nodes, (tag, tagToken.offset)) }
                    throw fail("unexpected '\(tag)'", at: tagToken)
                }
                nodes.append(try parseTag(tag, at: tagToken))
            default:
                throw fail("unexpected \(describe(token))", at: token)
            }
        }
    }

    private mutating func parseTag(_ tag: String, at token: JinjaToken) throws -> JinjaNode {
        switch tag {
        case "if": return try parseIf()
        case "for": return try parseFor(at: token)
        case "set": return try parseSet(at: token)
        case "macro": return try parseMacro()
        case "generation":
            try expectBlockEnd()
            let body = try parseBody(until: ["endgeneration"]).0
            try expectBlockEnd()
            return .generation(body)
        case "break", "continue":
            try expectBlockEnd()
            return tag == "break" ? .breakLoop(offset: token.offset) : .continueLoop(offset: token.offset)
        default:
            throw fail("unsupported tag '\(tag)' (chat templates use if, for, set, macro, generation, break, continue)", at: token)
        }
    }

    private mutating func parseIf() throws -> JinjaNode {
        var branches: [(condition: JinjaExpression.Located, body: [JinjaNode])] = []
        var condition = try parseExpression()
        while true {
            try expectBlockEnd()
            let (body, stop) = try parseBody(until: ["elif", "else", "endif"])
            branches.append((condition, body))
            switch stop!.tag {
            case "elif": condition = try parseExpression()
            case "else":
                try expectBlockEnd()
                let otherwise = try parseBody(until: ["endif"]).0
                try expectBlockEnd()
                return .ifBlock(branches: branches, otherwise: otherwise)
            default:
                try expectBlockEnd()
                return .ifBlock(branches: branches, otherwise: [])
            }
        }
    }

    private mutating func parseFor(at token: JinjaToken) throws -> JinjaNode {
        var names = [try expectName()]
        while skipOp(",") { names.append(try expectName()) }
        guard skipName("in") else { throw fail("expected 'in' after the loop variable, got \(describe(current))") }
        // The iterable stops before a loop filter's `if`, so no ternary here.
        let iterable = try parseOr()
        let filter = skipName("if") ? try parseExpression() : nil
        try expectBlockEnd()
        let (body, stop) = try parseBody(until: ["else", "endfor"])
        var otherwise: [JinjaNode] = []
        try expectBlockEnd()
        if stop!.tag == "else" {
            otherwise = try parseBody(until: ["endfor"]).0
            try expectBlockEnd()
        }
        let target: JinjaTarget = names.count == 1 ? .name(names[0]) : .tuple(names)
        return .forLoop(target: target, iterable: iterable, filter: filter, body: body, otherwise: otherwise, offset: token.offset)
    }

    private mutating func parseSet(at token: JinjaToken) throws -> JinjaNode {
        let first = try expectName()
        var target: JinjaTarget = .name(first)
        if skipOp(".") {
            target = .attribute(first, try expectName())
        } else if isOp(",") {
            var names = [first]
            while skipOp(",") { names.append(try expectName()) }
            target = .tuple(names)
        }
        if skipOp("=") {
            let value = try parseExpression()
            try expectBlockEnd()
            return .set(target, value, offset: token.offset)
        }
        try expectBlockEnd()
        let body = try parseBody(until: ["endset"]).0
        try expectBlockEnd()
        return .setBlock(target, body, offset: token.offset)
    }

    private mutating func parseMacro() throws -> JinjaNode {
        let name = try expectName()
        try expectOp("(")
        var parameters: [(name: String, defaultValue: JinjaExpression?)] = []
        while !skipOp(")") {
            if !parameters.isEmpty { try expectOp(",") }
            if skipOp(")") { break }
            let parameter = try expectName()
            parameters.append((parameter, skipOp("=") ? try parseExpression().expression : nil))
        }
        try expectBlockEnd()
        let body = try parseBody(until: ["endmacro"]).0
        try expectBlockEnd()
        return .macro(name: name, parameters: parameters, body: body)
    }

    // MARK: expressions

    mutating func parseExpression() throws -> JinjaExpression.Located {
        let start = current.offset
        var value = try parseOr()
        while skipName("if") {
            let condition = try parseOr()
            let otherwise = skipName("else") ? try parseExpression() : nil
            value = .init(.conditional(value, condition: condition, otherwise: otherwise), start)
        }
        return value
    }

    private mutating func parseOr() throws -> JinjaExpression.Located {
        let start = current.offset
        var left = try parseAnd()
        while skipName("or") { left = .init(.or(left, try parseAnd()), start) }
        return left
    }

    private mutating func parseAnd() throws -> JinjaExpression.Located {
        let start = current.offset
        var left = try parseNot()
        while skipName("and") { left = .init(.and(left, try parseNot()), start) }
        return left
    }

    private mutating func parseNot() throws -> JinjaExpression.Located {
        let start = current.offset
        if skipName("not") { return .init(.not(try parseNot()), start) }
        return try parseCompare()
    }

    private mutating func parseCompare() throws -> JinjaExpression.Located {
        let start = current.offset
        var left = try parseMath1()
        while true {
            if case .op(let op) = current.kind, ["==", "!=", "<", ">", "<=", ">="].contains(op) {
                _ = advance()
                left = .init(.binary(op, left, try parseMath1()), start)
            } else if skipName("in") {
                left = .init(.binary("in", left, try parseMath1()), start)
            } else if isName("not") && isName("in", peek()) {
                _ = advance(); _ = advance()
                left = .init(.binary("not in", left, try parseMath1()), start)
            } else {
                return left
            }
        }
    }

    private mutating func parseMath1() throws -> JinjaExpression.Located {
        let start = current.offset
        var left = try parseConcat()
        while case .op(let op) = current.kind, op == "+" || op == "-" {
            _ = advance()
            left = .init(.binary(op, left, try parseConcat()), start)
        }
        return left
    }

    private mutating func parseConcat() throws -> JinjaExpression.Located {
        let start = current.offset
        var left = try parseMath2()
        while skipOp("~") { left = .init(.binary("~", left, try parseMath2()), start) }
        return left
    }

    private mutating func parseMath2() throws -> JinjaExpression.Located {
        let start = current.offset
        var left = try parsePow()
        while case .op(let op) = current.kind, ["*", "/", "//", "%"].contains(op) {
            _ = advance()
            left = .init(.binary(op, left, try parsePow()), start)
        }
        return left
    }

    private mutating func parsePow() throws -> JinjaExpression.Located {
        let start = current.offset
        var left = try parseUnary()
        while skipOp("**") { left = .init(.binary("**", left, try parseUnary()), start) }
        return left
    }

    /// `-x|f` is `(-x)|f`: the operand of a sign takes no filters, the signed value does.
    private mutating func parseUnary(withFilters: Bool = true) throws -> JinjaExpression.Located {
        let start = current.offset
        var node: JinjaExpression.Located
        if case .op(let op) = current.kind, op == "-" || op == "+" {
            _ = advance()
            node = .init(.unary(op, try parseUnary(withFilters: false)), start)
        } else {
            node = try parsePostfix(try parsePrimary())
        }
        return withFilters ? try parseFilters(node) : node
    }

    private mutating func parsePrimary() throws -> JinjaExpression.Located {
        let token = advance()
        let at = token.offset
        switch token.kind {
        case .name(let name):
            switch name {
            case "true", "True": return .init(.literal(.bool(true)), at)
            case "false", "False": return .init(.literal(.bool(false)), at)
            case "none", "None": return .init(.literal(.none), at)
            default: return .init(.name(name), at)
            }
        case .string(var text):
            // Adjacent string literals join, as in Python.
            while case .string(let more) = current.kind {
                text += more
                _ = advance()
            }
            return .init(.literal(.string(text)), at)
        case .int(let i): return .init(.literal(.int(i)), at)
        case .double(let d): return .init(.literal(.double(d)), at)
        case .op("("):
            if skipOp(")") { return .init(.list([]), at) }
            let first = try parseExpression()
            if skipOp(")") { return first }
            // A tuple: kept as a list (templates only iterate or test membership).
            var items = [first]
            while skipOp(",") {
                if isOp(")") { break }
                items.append(try parseExpression())
            }
            try expectOp(")")
            return .init(.list(items), at)
        case .op("["):
            var items: [JinjaExpression.Located] = []
            while !skipOp("]") {
                if !items.isEmpty { try expectOp(","); if skipOp("]") { break } }
                items.append(try parseExpression())
            }
            return .init(.list(items), at)
        case .op("{"):
            var pairs: [(key: JinjaExpression.Located, value: JinjaExpression.Located)] = []
            while !skipOp("}") {
                if !pairs.isEmpty { try expectOp(","); if skipOp("}") { break } }
                let key = try parseExpression()
                try expectOp(":")
                pairs.append((key, try parseExpression()))
            }
            return .init(.dict(pairs), at)
        default:
            throw fail("expected an expression, got \(describe(token))", at: token)
        }
    }

    private mutating func parsePostfix(_ base: JinjaExpression.Located) throws -> JinjaExpression.Located {
        var node = base
        while true {
            let at = current.offset
            if skipOp(".") {
                guard case .name(let name) = current.kind else {
                    // `x.0` is item 0, as jinja2 allows.
                    if case .int(let i) = current.kind {
                        _ = advance()
                        node = .init(.item(node, .init(.literal(.int(i)), at)), base.offset)
                        continue
                    }
                    throw fail("expected an attribute name after '.', got \(describe(current))")
                }
                _ = advance()
                node = .init(.attribute(node, name), base.offset)
            } else if skipOp("[") {
                node = try parseSubscript(node, base: base.offset)
            } else if isOp("(") {
                node = try parseCall(node, base: base.offset)
            } else {
                return node
            }
        }
    }

    private mutating func parseSubscript(_ node: JinjaExpression.Located, base: Int) throws -> JinjaExpression.Located {
        var parts: [JinjaExpression.Located?] = []
        var isSlice = false
        var part: JinjaExpression.Located? = nil
        while true {
            if skipOp(":") {
                isSlice = true
                parts.append(part)
                part = nil
            } else if skipOp("]") {
                parts.append(part)
                break
            } else {
                part = try parseExpression()
            }
        }
        if !isSlice {
            guard let key = parts[0] else { throw fail("empty subscript []") }
            return .init(.item(node, key), base)
        }
        guard parts.count <= 3 else { throw fail("a slice has at most three parts") }
        return .init(.slice(node, start: parts[0], stop: parts.count > 1 ? parts[1] : nil,
                            step: parts.count > 2 ? parts[2] : nil), base)
    }

    private mutating func parseArguments() throws -> ([JinjaExpression.Located], [(String, JinjaExpression.Located)]) {
        try expectOp("(")
        var args: [JinjaExpression.Located] = [], kwargs: [(String, JinjaExpression.Located)] = []
        while !skipOp(")") {
            if !(args.isEmpty && kwargs.isEmpty) { try expectOp(","); if skipOp(")") { break } }
            if case .name(let name) = current.kind, isOp("=", peek()) {
                _ = advance(); _ = advance()
                kwargs.append((name, try parseExpression()))
            } else {
                if !kwargs.isEmpty { throw fail("a positional argument after keyword arguments") }
                args.append(try parseExpression())
            }
        }
        return (args, kwargs)
    }

    private mutating func parseCall(_ node: JinjaExpression.Located, base: Int) throws -> JinjaExpression.Located {
        let (args, kwargs) = try parseArguments()
        return .init(.call(node, args: args, kwargs: kwargs), base)
    }

    private mutating func parseFilters(_ base: JinjaExpression.Located) throws -> JinjaExpression.Located {
        var node = base
        while true {
            if skipOp("|") {
                let name = try expectName()
                var args: [JinjaExpression.Located] = [], kwargs: [(String, JinjaExpression.Located)] = []
                if isOp("(") { (args, kwargs) = try parseArguments() }
                node = .init(.filter(node, name: name, args: args, kwargs: kwargs), base.offset)
            } else if skipName("is") {
                let negated = skipName("not")
                let name = try expectName()
                var args: [JinjaExpression.Located] = []
                if isOp("(") {
                    args = try parseArguments().0
                } else if startsTestArgument {
                    args = [try parsePostfix(try parsePrimary())]
                }
                node = .init(.test(node, name: name, args: args, negated: negated), base.offset)
            } else {
                return node
            }
        }
    }

    /// `x is divisibleby 3`: a test may take one argument without parentheses.
    private var startsTestArgument: Bool {
        switch current.kind {
        case .string, .int, .double: return true
        case .op(let op): return op == "[" || op == "{"
        case .name(let name): return !["else", "or", "and", "if", "in", "not", "is"].contains(name)
        default: return false
        }
    }
}
