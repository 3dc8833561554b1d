// The values a Jinja template computes with, behaving as the Python objects jinja2 hands a chat template:
// None, bools, ints, floats, str, lists, insertion-ordered dicts, namespaces, macros and built-in
// functions, plus `undefined` for a name or key that is not there. Strings count, index and slice by
// Unicode scalar, as Python's str does. Printing and repr follow Python's spelling ("True", "None", "['a']").

/// A dict whose keys keep their insertion order, as Python's dict does.
public struct JinjaDict: Equatable {
    /// Keys in insertion order.
    public private(set) var keys: [String] = []
    private var storage: [String: JinjaValue] = [:]

    /// An empty dict.
    public init() {}

    /// The value under `key`, if any.
    public subscript(key: String) -> JinjaValue? {
        get { storage[key] }
        set {
            if let newValue {
                if storage.updateValue(newValue, forKey: key) == nil { keys.append(key) }
            } else if storage.removeValue(forKey: key) != nil {
                keys.removeAll { $0 == key }
            }
        }
    }

    /// (key, value) pairs in order.
    public var items: [(String, JinjaValue)] { keys.map { ($0, storage[$0]!) } }

    public static func == (a: JinjaDict, b: JinjaDict) -> Bool { a.storage == b.storage }
}

/// The attributes of a `namespace()`: shared by reference, so a `set ns.x` inside a loop is seen after it.
public final class JinjaNamespace {
    var attributes = JinjaDict()
    init(_ attributes: JinjaDict) { self.attributes = attributes }
}

/// A `{% macro %}`: its parameters with their defaults, and its body.
struct JinjaMacro {
    let name: String
    let parameters: [(name: String, defaultValue: JinjaExpression?)]
    let body: [JinjaNode]
}

/// A built-in callable (`raise_exception`, `namespace`, a string's `strip` …): positional and keyword arguments.
typealias JinjaFunction = ([JinjaValue], [(String, JinjaValue)]) throws -> JinjaValue

/// A value inside a template.
public enum JinjaValue {
    /// A missing name, attribute or key: false, empty, prints as nothing; `name` says what was missing.
    case undefined(String)
    case none
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case list([JinjaValue])
    case dict(JinjaDict)
    case namespace(JinjaNamespace)
    case macro(JinjaMacroBox)
    case function(JinjaFunctionBox)

    /// A dict from string pairs (messages, tool arguments).
    public static func object(_ pairs: [(String, JinjaValue)]) -> JinjaValue {
        var dict = JinjaDict()
        for (key, value) in pairs { dict[key] = value }
        return .dict(dict)
    }

    var isDefined: Bool { if case .undefined = self { return false } else { return true } }

    /// Python truthiness.
    var isTruthy: Bool {
        switch self {
        case .undefined, .none: return false
        case .bool(let b): return b
        case .int(let i): return i != 0
        case .double(let d): return d != 0
        case .string(let s): return !s.isEmpty
        case .list(let l): return !l.isEmpty
        case .dict(let d): return !d.keys.isEmpty
        case .namespace, .macro, .function: return true
        }
    }

    /// The Python type name, for error messages.
    var typeName: String {
        switch self {
        case .undefined: return "undefined"
        case .none: return "NoneType"
        case .bool: return "bool"
        case .int: return "int"
        case .double: return "float"
        case .string: return "str"
        case .list: return "list"
        case .dict: return "dict"
        case .namespace: return "Namespace"
        case .macro: return "Macro"
        case .function: return "builtin_function"
        }
    }

    /// What `{{ value }}` prints: Python's str().
    var text: String {
        switch self {
        case .undefined: return ""
        case .string(let s): return s
        default: return repr
        }
    }

    /// Python's repr(), as str() of a list or dict shows its items.
    var repr: String {
        switch self {
        case .undefined: return ""
        case .none: return "None"
        case .bool(let b): return b ? "True" : "False"
        case .int(let i): return String(i)
        case .double(let d): return JinjaValue.pythonFloat(d)
        case .string(let s): return JinjaValue.pythonRepr(s)
        case .list(let l): return "[" + l.map(\.repr).joined(separator: ", ") + "]"
        case .dict(let d): return "{" + d.items.map { JinjaValue.pythonRepr($0.0) + ": " + $0.1.repr }.joined(separator: ", ") + "}"
        case .namespace(let n): return "<Namespace " + n.attributes.items.map { "\($0.0)=\($0.1.repr)" }.joined(separator: ", ") + ">"
        case .macro(let m): return "<Macro '\(m.macro.name)'>"
        case .function: return "<built-in function>"
        }
    }

    /// Python's repr of a float: Swift's description already spells it the same (shortest round-trip digits,
    /// "1.0" for whole numbers, "1e-05" and "1e+16" past the same thresholds), checked in the parity fixtures.
    static func pythonFloat(_ d: Double) -> String {
        if d.isNaN { return "nan" }
        if d.isInfinite { return d < 0 ? "-inf" : "inf" }
        return "\(d)"
    }

    /// Python's repr of a str: single quotes unless the text has one and no double quote.
    static func pythonRepr(_ s: String) -> String {
        let quote: Character = s.contains("'") && !s.contains("\"") ? "\"" : "'"
        var out = String(quote)
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case _ where Character(scalar) == quote: out += "\\" + String(quote)
            case _ where scalar.value < 0x20 || scalar.value == 0x7f:
                out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
            default: out.unicodeScalars.append(scalar)
            }
        }
        return out + String(quote)
    }
}

/// Boxes a macro so `JinjaValue` stays a plain enum.
public final class JinjaMacroBox {
    let macro: JinjaMacro
    init(_ macro: JinjaMacro) { self.macro = macro }
}

/// Boxes a built-in function.
public final class JinjaFunctionBox {
    let call: JinjaFunction
    init(_ call: @escaping JinjaFunction) { self.call = call }
}

extension JinjaValue: Equatable {
    /// Python ==: numbers compare by value across int, float and bool; containers item by item.
    public static func == (a: JinjaValue, b: JinjaValue) -> Bool {
        if let x = a.number, let y = b.number { return x == y }
        switch (a, b) {
        case (.none, .none): return true
        case (.undefined, .undefined): return true
        case let (.string(x), .string(y)): return x.unicodeScalars.elementsEqual(y.unicodeScalars)
        case let (.list(x), .list(y)): return x == y
        case let (.dict(x), .dict(y)): return x == y
        case let (.namespace(x), .namespace(y)): return x === y
        case let (.macro(x), .macro(y)): return x === y
        case let (.function(x), .function(y)): return x === y
        default: return false
        }
    }

    /// The value as a number when it is an int, float or bool.
    var number: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        case .bool(let b): return b ? 1 : 0
        default: return nil
        }
    }
}

extension String {
    /// The text's Unicode scalars, the units Python's str counts, indexes and slices.
    var scalars: [Unicode.Scalar] { Array(unicodeScalars) }

    init(scalars: some Sequence<Unicode.Scalar>) {
        var view = String.UnicodeScalarView()
        view.append(contentsOf: scalars)
        self = String(view)
    }
}
