// Binary operators with Python's meaning: + on numbers, strings and lists, ~ joins str() of both sides,
// / is true division and // floors, comparisons order numbers and strings, `in` looks into strings,
// lists and dict keys. Using an undefined value in arithmetic is an error, as with jinja2's Undefined.
import Foundation

enum JinjaOperators {
    static func binary(_ op: String, _ a: JinjaValue, _ b: JinjaValue) throws -> JinjaValue {
        switch op {
        case "~": return .string(a.text + b.text)
        case "==": return .bool(a == b)
        case "!=": return .bool(a != b)
        case "in": return .bool(try contains(b, a))
        case "not in": return .bool(!(try contains(b, a)))
        default: break
        }
        for value in [a, b] { if case .undefined(let why) = value { throw JinjaFailure(why) } }
        switch op {
        case "<", ">", "<=", ">=":
            let order = try compare(a, b, op)
            switch op {
            case "<": return .bool(order < 0)
            case ">": return .bool(order > 0)
            case "<=": return .bool(order <= 0)
            default: return .bool(order >= 0)
            }
        case "+":
            switch (a, b) {
            case let (.string(x), .string(y)): return .string(x + y)
            case let (.list(x), .list(y)): return .list(x + y)
            default: return try arithmetic(op, a, b)
            }
        case "*":
            switch (a, b) {
            case let (.string(s), .int(n)), let (.int(n), .string(s)): return .string(String(repeating: s, count: max(n, 0)))
            case let (.list(l), .int(n)), let (.int(n), .list(l)): return .list(Array(repeating: l, count: max(n, 0)).flatMap { $0 })
            default: return try arithmetic(op, a, b)
            }
        default: return try arithmetic(op, a, b)
        }
    }

    private static func unsupported(_ op: String, _ a: JinjaValue, _ b: JinjaValue) -> JinjaFailure {
        JinjaFailure("unsupported operand type(s) for \(op): '\(a.typeName)' and '\(b.typeName)'")
    }

    private static func arithmetic(_ op: String, _ a: JinjaValue, _ b: JinjaValue) throws -> JinjaValue {
        guard let x = a.number, let y = b.number else { throw unsupported(op, a, b) }
        let integers: (Int, Int)? = {
            switch (a, b) {
            case let (.int(i), .int(j)): return (i, j)
            case let (.int(i), .bool(q)): return (i, q ? 1 : 0)
            case let (.bool(p), .int(j)): return (p ? 1 : 0, j)
            case let (.bool(p), .bool(q)): return (p ? 1 : 0, q ? 1 : 0)
            default: return nil
            }
        }()
        if (op == "/" || op == "//" || op == "%") && y == 0 { throw JinjaFailure("division by zero") }
        switch op {
        case "+": return integers.map { .int($0.0 &+ $0.1) } ?? .double(x + y)
        case "-": return integers.map { .int($0.0 &- $0.1) } ?? .double(x - y)
        case "*": return integers.map { .int($0.0 &* $0.1) } ?? .double(x * y)
        case "/": return .double(x / y)
        case "//":
            if let (i, j) = integers { return .int(Int((Double(i) / Double(j)).rounded(.down))) }
            return .double((x / y).rounded(.down))
        case "%":
            // Python's modulo takes the divisor's sign.
            if let (i, j) = integers { let r = i % j; return .int(r != 0 && (r < 0) != (j < 0) ? r + j : r) }
            let r = x.truncatingRemainder(dividingBy: y)
            return .double(r != 0 && (r < 0) != (y < 0) ? r + y : r)
        case "**":
            if let (i, j) = integers, j >= 0 {
                var result = 1
                for _ in 0..<min(j, 64) { result = result &* i }
                return .int(result)
            }
            return .double(pow(x, y))
        default: throw unsupported(op, a, b)
        }
    }

    /// -1, 0 or 1; numbers with numbers, strings by code point, lists item by item.
    static func compare(_ a: JinjaValue, _ b: JinjaValue, _ op: String = "<") throws -> Int {
        if let x = a.number, let y = b.number { return x < y ? -1 : x > y ? 1 : 0 }
        switch (a, b) {
        case let (.string(x), .string(y)):
            let xs = x.unicodeScalars.map(\.value), ys = y.unicodeScalars.map(\.value)
            return xs.lexicographicallyPrecedes(ys) ? -1 : xs == ys ? 0 : 1
        case let (.list(xs), .list(ys)):
            for (x, y) in zip(xs, ys) {
                let order = try compare(x, y, op)
                if order != 0 { return order }
            }
            return xs.count < ys.count ? -1 : xs.count > ys.count ? 1 : 0
        default:
            throw JinjaFailure("'\(op)' not supported between instances of '\(a.typeName)' and '\(b.typeName)'")
        }
    }

    /// Python's `needle in haystack`.
    static func contains(_ haystack: JinjaValue, _ needle: JinjaValue) throws -> Bool {
        switch haystack {
        case .string(let s):
            guard case .string(let n) = needle else {
                throw JinjaFailure("'in <string>' requires string as left operand, not \(needle.typeName)")
            }
            return n.isEmpty || !PythonString.occurrences(of: n, in: s.scalars).isEmpty
        case .list(let items): return items.contains(needle)
        case .dict(let dict):
            guard case .string(let key) = needle else { return false }
            return dict[key] != nil
        case .undefined: return false
        default: throw JinjaFailure("argument of type '\(haystack.typeName)' is not iterable")
        }
    }
}
