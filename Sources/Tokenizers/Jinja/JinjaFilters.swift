// The filters (`x | name(args)`) and tests (`x is name`) chat templates use, with jinja2's behaviour;
// `tojson` is transformers' override (json.dumps with ensure_ascii off, indent and separators allowed).

enum JinjaFilters {
    /// Argument `i`, or keyword `name`, or nil.
    private static func argument(_ args: [JinjaValue], _ kwargs: [(String, JinjaValue)], _ i: Int, _ name: String) -> JinjaValue? {
        if i < args.count { return args[i] }
        return kwargs.first { $0.0 == name }?.1
    }

    private static func string(_ value: JinjaValue, _ filter: String) throws -> String {
        switch value {
        case .string(let s): return s
        case .undefined: return ""
        default: return value.text
        }
    }

    static func apply(_ name: String, _ value: JinjaValue, args: [JinjaValue], kwargs: [(String, JinjaValue)],
                      renderer: JinjaRenderer) throws -> JinjaValue {
        if case .undefined(let why) = value, !["default", "d", "length", "count", "string", "list", "tojson", "safe"].contains(name) {
            throw JinjaFailure(why)
        }
        switch name {
        case "safe": return value
        case "trim":
            let chars = argument(args, kwargs, 0, "chars").flatMap { if case .string(let c) = $0 { c } else { nil } }
            return .string(PythonString.strip(try string(value, name), chars, leading: true, trailing: true))
        case "upper": return .string(try string(value, name).uppercased())
        case "lower": return .string(try string(value, name).lowercased())
        case "capitalize": return .string(PythonString.capitalize(try string(value, name)))
        case "title": return .string(PythonString.title(try string(value, name)))
        case "string": return .string(value.text)
        case "length", "count":
            switch value {
            case .string(let s): return .int(s.unicodeScalars.count)
            case .list(let l): return .int(l.count)
            case .dict(let d): return .int(d.keys.count)
            case .undefined: return .int(0)
            default: throw JinjaFailure("object of type '\(value.typeName)' has no len()")
            }
        case "default", "d":
            let fallback = argument(args, kwargs, 0, "default_value") ?? .string("")
            let boolean = argument(args, kwargs, 1, "boolean")?.isTruthy ?? false
            return !value.isDefined || (boolean && !value.isTruthy) ? fallback : value
        case "first", "last":
            let items = try renderer.iterate(value, offset: 0)
            return (name == "first" ? items.first : items.last) ?? .undefined("\(name) of an empty sequence")
        case "join":
            let separator = try string(argument(args, kwargs, 0, "d") ?? .string(""), name)
            var items = try renderer.iterate(value, offset: 0)
            if case .string(let attribute)? = argument(args, kwargs, 1, "attribute") {
                items = try items.map { try JinjaMembers.attribute($0, attribute) }
            }
            return .string(items.map(\.text).joined(separator: separator))
        case "replace":
            guard case .string(let old)? = argument(args, kwargs, 0, "old"), case .string(let new)? = argument(args, kwargs, 1, "new") else {
                throw JinjaFailure("replace takes two strings")
            }
            var count = -1
            if case .int(let c)? = argument(args, kwargs, 2, "count") { count = c }
            return .string(PythonString.replace(try string(value, name), old, new, count: count))
        case "items":
            guard case .dict(let dict) = value else { throw JinjaFailure("items needs a mapping (got \(value.typeName))") }
            return .list(dict.items.map { .list([.string($0.0), $0.1]) })
        case "list": return .list(try renderer.iterate(value, offset: 0))
        case "reverse":
            if case .string(let s) = value { return .string(String(scalars: s.scalars.reversed())) }
            return .list(try renderer.iterate(value, offset: 0).reversed())
        case "int":
            let fallback = argument(args, kwargs, 0, "default") ?? .int(0)
            switch value {
            case .int: return value
            case .bool(let b): return .int(b ? 1 : 0)
            case .double(let d): return d.isFinite ? .int(Int(d)) : fallback
            case .string(let s):
                let t = PythonString.strip(s, nil, leading: true, trailing: true).replacingOccurrences(of: "_", with: "")
                if let i = Int(t) { return .int(i) }
                if let d = Double(t), d.isFinite { return .int(Int(d)) }
                return fallback
            default: return fallback
            }
        case "float":
            let fallback = argument(args, kwargs, 0, "default") ?? .double(0)
            if let n = value.number { return .double(n) }
            if case .string(let s) = value, let d = Double(PythonString.strip(s, nil, leading: true, trailing: true)) { return .double(d) }
            return fallback
        case "abs":
            switch value {
            case .int(let i): return .int(abs(i))
            case .double(let d): return .double(abs(d))
            default: throw JinjaFailure("bad operand type for abs(): '\(value.typeName)'")
            }
        case "tojson":
            var indent: Int? = nil
            if case .int(let i)? = argument(args, kwargs, 0, "indent") { indent = i }
            var separators: (String, String)? = nil
            if case .list(let pair)? = kwargs.first(where: { $0.0 == "separators" })?.1, pair.count == 2,
               case .string(let item) = pair[0], case .string(let key) = pair[1] {
                separators = (item, key)
            }
            let sortKeys = kwargs.first { $0.0 == "sort_keys" }?.1.isTruthy ?? false
            let ensureASCII = kwargs.first { $0.0 == "ensure_ascii" }?.1.isTruthy ?? false
            return .string(try JinjaJSON.dumps(value, indent: indent, separators: separators, sortKeys: sortKeys, ensureASCII: ensureASCII))
        case "selectattr", "rejectattr", "select", "reject":
            let byAttribute = name.hasSuffix("attr")
            var rest = args
            var attribute: String? = nil
            if byAttribute {
                guard case .string(let a)? = rest.first else { throw JinjaFailure("\(name) takes an attribute name") }
                attribute = a
                rest.removeFirst()
            }
            let keep = name.hasPrefix("select")
            return .list(try renderer.iterate(value, offset: 0).filter { item in
                let subject = try attribute.map { try JinjaMembers.attribute(item, $0) } ?? item
                guard case .string(let testName)? = rest.first else { return subject.isTruthy == keep }
                return try test(testName, subject, args: Array(rest.dropFirst())) == keep
            })
        case "map":
            let items = try renderer.iterate(value, offset: 0)
            if case .string(let attribute)? = kwargs.first(where: { $0.0 == "attribute" })?.1 {
                let fallback = kwargs.first { $0.0 == "default" }?.1
                return .list(try items.map { item in
                    let v = try JinjaMembers.attribute(item, attribute)
                    return v.isDefined ? v : fallback ?? v
                })
            }
            guard case .string(let filter)? = args.first else { throw JinjaFailure("map takes a filter name or attribute=") }
            return .list(try items.map { try apply(filter, $0, args: Array(args.dropFirst()), kwargs: [], renderer: renderer) })
        case "unique":
            var seen: [JinjaValue] = []
            for item in try renderer.iterate(value, offset: 0) where !seen.contains(item) { seen.append(item) }
            return .list(seen)
        case "sort":
            let reverse = argument(args, kwargs, 0, "reverse")?.isTruthy ?? false
            let attribute = kwargs.first { $0.0 == "attribute" }?.1
            let items = try renderer.iterate(value, offset: 0)
            let keys = try items.map { item -> JinjaValue in
                guard case .string(let a)? = attribute else { return item }
                return try JinjaMembers.attribute(item, a)
            }
            var failure: Error? = nil
            let order = items.indices.sorted { i, j in
                do { let c = try JinjaOperators.compare(keys[i], keys[j]); return reverse ? c > 0 : c < 0 } catch { failure = error; return false }
            }
            if let failure { throw failure }
            return .list(order.map { items[$0] })
        case "indent":
            var width = 4
            if case .int(let w)? = argument(args, kwargs, 0, "width") { width = w }
            let first = argument(args, kwargs, 1, "first")?.isTruthy ?? false
            let blank = argument(args, kwargs, 2, "blank")?.isTruthy ?? false
            let pad = String(repeating: " ", count: width)
            let lines = try string(value, name).split(separator: "\n", omittingEmptySubsequences: false)
            return .string(lines.enumerated().map { i, line in
                (i == 0 && !first) || (line.isEmpty && !blank) ? String(line) : pad + line
            }.joined(separator: "\n"))
        default:
            throw JinjaFailure("unknown filter '\(name)'")
        }
    }

    /// `value is name(args)`.
    static func test(_ name: String, _ value: JinjaValue, args: [JinjaValue]) throws -> Bool {
        let other = args.first ?? .none
        switch name {
        case "defined": return value.isDefined
        case "undefined": return !value.isDefined
        case "none": if case .none = value { return true } else { return false }
        case "string": if case .string = value { return true } else { return false }
        case "mapping": if case .dict = value { return true } else { return false }
        case "iterable":
            switch value {
            case .string, .list, .dict: return true
            default: return false
            }
        case "sequence":
            switch value {
            case .string, .list, .dict: return true
            default: return false
            }
        case "number":
            switch value {
            case .int, .double, .bool: return true
            default: return false
            }
        case "integer": if case .int = value { return true } else { return false }
        case "float": if case .double = value { return true } else { return false }
        case "boolean": if case .bool = value { return true } else { return false }
        case "true": if case .bool(true) = value { return true } else { return false }
        case "false": if case .bool(false) = value { return true } else { return false }
        case "callable":
            switch value {
            case .function, .macro: return true
            default: return false
            }
        case "equalto", "eq", "==": return value == other
        case "ne", "!=": return value != other
        case "sameas":
            switch (value, other) {
            case (.none, .none): return true
            case let (.bool(x), .bool(y)): return x == y
            default: return value == other && value.typeName == other.typeName
            }
        case "in": return try JinjaOperators.contains(other, value)
        case "lt", "lessthan", "<": return try JinjaOperators.compare(value, other) < 0
        case "le", "<=": return try JinjaOperators.compare(value, other) <= 0
        case "gt", "greaterthan", ">": return try JinjaOperators.compare(value, other) > 0
        case "ge", ">=": return try JinjaOperators.compare(value, other) >= 0
        case "odd", "even", "divisibleby":
            guard case .int(let i) = value else { throw JinjaFailure("'\(name)' needs an integer (got \(value.typeName))") }
            if name == "odd" { return i % 2 != 0 }
            if name == "even" { return i % 2 == 0 }
            guard case .int(let d) = other, d != 0 else { throw JinjaFailure("divisibleby needs a non-zero integer") }
            return i % d == 0
        case "lower", "upper":
            guard case .string(let s) = value else { return false }
            return name == "lower" ? s.lowercased() == s : s.uppercased() == s
        default:
            throw JinjaFailure("unknown test '\(name)'")
        }
    }
}
