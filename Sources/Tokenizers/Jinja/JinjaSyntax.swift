// The parsed form of a Jinja template: statements (`JinjaNode`) holding expressions (`JinjaExpression`),
// each remembering the byte offset it starts at so a render error can name line and column.

/// An expression inside {{ }} or a tag.
indirect enum JinjaExpression {
    case literal(JinjaLiteral)
    case name(String)
    case list([Located])
    case dict([(key: Located, value: Located)])
    case attribute(Located, String)
    case item(Located, Located)
    case slice(Located, start: Located?, stop: Located?, step: Located?)
    case call(Located, args: [Located], kwargs: [(String, Located)])
    case filter(Located, name: String, args: [Located], kwargs: [(String, Located)])
    case test(Located, name: String, args: [Located], negated: Bool)
    case unary(String, Located)
    case binary(String, Located, Located)
    case and(Located, Located)
    case or(Located, Located)
    case not(Located)
    case conditional(Located, condition: Located, otherwise: Located?)

    /// An expression and the offset it starts at.
    struct Located {
        let expression: JinjaExpression
        let offset: Int
        init(_ expression: JinjaExpression, _ offset: Int) {
            self.expression = expression
            self.offset = offset
        }
    }
}

/// A constant written in the template (kept apart from `JinjaValue` so the syntax tree is Sendable).
enum JinjaLiteral: Sendable {
    case none, bool(Bool), int(Int), double(Double), string(String)

    var value: JinjaValue {
        switch self {
        case .none: return .none
        case .bool(let b): return .bool(b)
        case .int(let i): return .int(i)
        case .double(let d): return .double(d)
        case .string(let s): return .string(s)
        }
    }
}

/// Where `set` and `for` put values: a name, `ns.attr`, or a tuple of names.
enum JinjaTarget {
    case name(String)
    case attribute(String, String)
    case tuple([String])
}

/// A statement of the template.
indirect enum JinjaNode {
    case text(String)
    case output(JinjaExpression.Located)
    case ifBlock(branches: [(condition: JinjaExpression.Located, body: [JinjaNode])], otherwise: [JinjaNode])
    case forLoop(target: JinjaTarget, iterable: JinjaExpression.Located, filter: JinjaExpression.Located?,
                 body: [JinjaNode], otherwise: [JinjaNode], offset: Int)
    case set(JinjaTarget, JinjaExpression.Located, offset: Int)
    /// `{% set x %}…{% endset %}`: the rendered body, as a string.
    case setBlock(JinjaTarget, [JinjaNode], offset: Int)
    case macro(name: String, parameters: [(name: String, defaultValue: JinjaExpression?)], body: [JinjaNode])
    /// `{% generation %}…{% endgeneration %}`: the assistant text transformers' mask trains on.
    case generation([JinjaNode])
    case breakLoop(offset: Int)
    case continueLoop(offset: Int)
}

// The tree is built once and only read after: sharing it across threads is safe.
extension JinjaExpression: @unchecked Sendable {}
extension JinjaExpression.Located: @unchecked Sendable {}
extension JinjaTarget: Sendable {}
extension JinjaNode: @unchecked Sendable {}
