// `x.name`, `x[key]` and `x[a:b:c]` as jinja2 resolves them on Python objects: `.name` tries the
// object's methods first (a dict's items/keys/values/get, a str's strip/split/startswith …) and then its
// item; `[key]` the item first; a missing one is `undefined`, and using an undefined one is an error.

enum JinjaMembers {
    static func attribute(_ object: JinjaValue, _ name: String) throws -> JinjaValue {
        switch object {
        case .undefined(let why): throw JinjaFailure(why)
        case .dict(let dict):
            if let method = dictMethod(dict, name) { return method }
            return dict[name] ?? .undefined("'dict object' has no attribute '\(name)'")
        case .namespace(let namespace):
            return namespace.attributes[name] ?? .undefined("the namespace has no attribute '\(name)'")
        case .string(let s):
            return stringMethod(s, name) ?? .undefined("'str object' has no attribute '\(name)'")
        default:
            return .undefined("'\(object.typeName) object' has no attribute '\(name)'")
        }
    }

    static func item(_ object: JinjaValue, _ key: JinjaValue) throws -> JinjaValue {
        switch (object, key) {
        case (.undefined(let why), _): throw JinjaFailure(why)
        case let (.dict(dict), .string(k)): return dict[k] ?? .undefined("'dict object' has no attribute '\(k)'")
        case let (.list(items), .int(i)):
            let j = i < 0 ? items.count + i : i
            return items.indices.contains(j) ? items[j] : .undefined("list index \(i) out of range")
        case let (.string(s), .int(i)):
            let scalars = s.scalars
            let j = i < 0 ? scalars.count + i : i
            return scalars.indices.contains(j) ? .string(String(scalars[j])) : .undefined("string index \(i) out of range")
        case (_, .string(let name)): return try attribute(object, name)
        default: return .undefined("'\(object.typeName) object' has no item \(key.repr)")
        }
    }

    /// Python slicing of a list or str.
    static func slice(_ object: JinjaValue, start: JinjaValue?, stop: JinjaValue?, step: JinjaValue?) throws -> JinjaValue {
        func bound(_ v: JinjaValue?) throws -> Int? {
            switch v {
            case nil, .none?: return nil
            case .int(let i)?: return i
            case .undefined(let why)?: throw JinjaFailure(why)
            case let other?: throw JinjaFailure("slice indices must be integers or None (got \(other.typeName))")
            }
        }
        let step = try bound(step) ?? 1
        guard step != 0 else { throw JinjaFailure("slice step cannot be zero") }
        func indices(_ count: Int) throws -> [Int] {
            func clamp(_ i: Int?, _ whenNil: Int) -> Int {
                guard var i else { return whenNil }
                if i < 0 { i += count }
                return step > 0 ? min(max(i, 0), count) : min(max(i, -1), count - 1)
            }
            let from = clamp(try bound(start), step > 0 ? 0 : count - 1)
            let to = clamp(try bound(stop), step > 0 ? count : -1)
            return Array(Swift.stride(from: from, to: to, by: step))
        }
        switch object {
        case .list(let items): return .list(try indices(items.count).map { items[$0] })
        case .string(let s):
            let scalars = s.scalars
            return .string(String(scalars: try indices(scalars.count).map { scalars[$0] }))
        case .undefined(let why): throw JinjaFailure(why)
        default: throw JinjaFailure("'\(object.typeName)' object is not subscriptable")
        }
    }

    private static func method(_ body: @escaping JinjaFunction) -> JinjaValue { .function(JinjaFunctionBox(body)) }

    private static func dictMethod(_ dict: JinjaDict, _ name: String) -> JinjaValue? {
        switch name {
        case "items": return method { _, _ in .list(dict.items.map { .list([.string($0.0), $0.1]) }) }
        case "keys": return method { _, _ in .list(dict.keys.map { .string($0) }) }
        case "values": return method { _, _ in .list(dict.items.map(\.1)) }
        case "get":
            return method { args, _ in
                guard case .string(let key)? = args.first else { throw JinjaFailure("dict.get takes a string key") }
                return dict[key] ?? (args.count > 1 ? args[1] : .none)
            }
        default: return nil
        }
    }

    private static func stringMethod(_ s: String, _ name: String) -> JinjaValue? {
        func text(_ args: [JinjaValue], _ i: Int, _ what: String) throws -> String? {
            guard i < args.count else { return nil }
            switch args[i] {
            case .string(let t): return t
            case .none: return nil
            default: throw JinjaFailure("str.\(name) takes a string \(what) (got \(args[i].typeName))")
            }
        }
        switch name {
        case "strip", "lstrip", "rstrip":
            return method { args, _ in
                let chars = try text(args, 0, "of characters")
                return .string(PythonString.strip(s, chars, leading: name != "rstrip", trailing: name != "lstrip"))
            }
        case "upper": return method { _, _ in .string(s.uppercased()) }
        case "lower": return method { _, _ in .string(s.lowercased()) }
        case "title": return method { _, _ in .string(PythonString.title(s)) }
        case "capitalize": return method { _, _ in .string(PythonString.capitalize(s)) }
        case "startswith", "endswith":
            return method { args, _ in
                let candidates: [JinjaValue]
                switch args.first {
                case .list(let items)?: candidates = items
                case let value?: candidates = [value]
                case nil: throw JinjaFailure("str.\(name) takes a prefix")
                }
                return .bool(try candidates.contains { candidate in
                    guard case .string(let affix) = candidate else { throw JinjaFailure("str.\(name) takes strings") }
                    return name == "startswith" ? s.scalars.starts(with: affix.scalars)
                        : s.scalars.reversed().starts(with: affix.scalars.reversed())
                })
            }
        case "split", "rsplit":
            return method { args, kwargs in
                let separator = try text(args, 0, "separator") ?? kwargs.first { $0.0 == "sep" }.flatMap { if case .string(let t) = $0.1 { t } else { nil } }
                var limit = -1
                if args.count > 1, case .int(let i) = args[1] { limit = i }
                if let m = kwargs.first(where: { $0.0 == "maxsplit" }), case .int(let i) = m.1 { limit = i }
                if separator == "" { throw JinjaFailure("str.\(name): empty separator") }
                return .list(PythonString.split(s, separator, limit: limit, fromRight: name == "rsplit").map { .string($0) })
            }
        case "replace":
            return method { args, _ in
                guard let old = try text(args, 0, "to replace"), let new = try text(args, 1, "replacement") else {
                    throw JinjaFailure("str.replace takes two strings")
                }
                var count = -1
                if args.count > 2, case .int(let i) = args[2] { count = i }
                return .string(PythonString.replace(s, old, new, count: count))
            }
        case "find", "count":
            return method { args, _ in
                guard let needle = try text(args, 0, "to find") else { throw JinjaFailure("str.\(name) takes a string") }
                let ranges = PythonString.occurrences(of: needle, in: s.scalars)
                return .int(name == "count" ? ranges.count : ranges.first ?? -1)
            }
        case "join":
            return method { args, _ in
                guard case .list(let items)? = args.first else { throw JinjaFailure("str.join takes a list") }
                return .string(try items.map { item in
                    guard case .string(let t) = item else { throw JinjaFailure("str.join: items must be strings (got \(item.typeName))") }
                    return t
                }.joined(separator: s))
            }
        case "splitlines":
            return method { _, _ in .list(s.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).map { .string(String($0)) }.dropLastIfEmpty(s)) }
        case "isdigit": return method { _, _ in .bool(!s.isEmpty && s.unicodeScalars.allSatisfy { $0.properties.numericType == .decimal }) }
        case "isspace": return method { _, _ in .bool(!s.isEmpty && s.unicodeScalars.allSatisfy(PythonString.isSpace)) }
        default: return nil
        }
    }
}

extension Array where Element == JinjaValue {
    /// `str.splitlines` gives no empty last item for a trailing newline.
    fileprivate func dropLastIfEmpty(_ s: String) -> [JinjaValue] {
        if let last = s.last, last.isNewline { return Array(dropLast()) }
        return s.isEmpty ? [] : self
    }
}
