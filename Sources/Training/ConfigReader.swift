// Typed reading of a YAML mapping with errors that name the file, the key and what to change, and a
// check for unknown keys (with the nearest known one suggested), so a typo never passes silently.
import Foundation
import Rewards

/// A recipe problem: `file: key: what is wrong and what to change`.
public struct ConfigError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

/// Reads values out of one YAML mapping, remembering which keys were used.
struct ConfigReader {
    let file: String
    let prefix: String
    let values: [String: Any]

    init(file: String, prefix: String = "", values: [String: Any]) {
        self.file = file
        self.prefix = prefix
        self.values = values
    }

    func fail(_ key: String, _ why: String) -> ConfigError { ConfigError("\(file): \(prefix)\(key): \(why)") }

    func has(_ key: String) -> Bool { values[key] != nil && !(values[key] is NSNull) }

    func string(_ key: String, _ fallback: String) throws -> String { try optionalString(key) ?? fallback }

    func optionalString(_ key: String) throws -> String? {
        guard has(key) else { return nil }
        if let s = values[key] as? String { return s }
        if let n = values[key] as? NSNumber { return n.stringValue }
        throw fail(key, "expected a string")
    }

    func int(_ key: String, _ fallback: Int) throws -> Int { try optionalInt(key) ?? fallback }

    func optionalInt(_ key: String) throws -> Int? {
        guard has(key) else { return nil }
        if let i = values[key] as? Int { return i }
        if let d = values[key] as? Double, d == d.rounded() { return Int(d) }
        if let s = values[key] as? String, let i = Int(s) { return i }
        throw fail(key, "expected an integer (got \(values[key]!))")
    }

    func double(_ key: String, _ fallback: Double) throws -> Double { try optionalDouble(key) ?? fallback }

    func optionalDouble(_ key: String) throws -> Double? {
        guard has(key) else { return nil }
        if let d = values[key] as? Double { return d }
        if let i = values[key] as? Int { return Double(i) }
        if let s = values[key] as? String, let d = Double(s) { return d }
        throw fail(key, "expected a number (got \(values[key]!))")
    }

    func bool(_ key: String, _ fallback: Bool) throws -> Bool {
        guard has(key) else { return fallback }
        if let b = values[key] as? Bool { return b }
        if let s = values[key] as? String, ["true", "false"].contains(s.lowercased()) { return s.lowercased() == "true" }
        throw fail(key, "expected true or false (got \(values[key]!))")
    }

    /// true, false, or nil for `auto` (also when the key is absent).
    func autoBool(_ key: String) throws -> Bool? {
        guard has(key) else { return nil }
        if let text = values[key] as? String, text == "auto" { return nil }
        guard let value = values[key] as? Bool else { throw fail(key, "expected true, false or auto") }
        return value
    }

    func strings(_ key: String, _ fallback: [String]) throws -> [String] {
        guard has(key) else { return fallback }
        if let s = values[key] as? String { return [s] }
        guard let list = values[key] as? [Any] else { throw fail(key, "expected a list of strings") }
        return try list.map {
            guard let s = $0 as? String else { throw fail(key, "expected a list of strings (found \($0))") }
            return s
        }
    }

    func doubles(_ key: String) throws -> [Double]? {
        guard has(key) else { return nil }
        guard let list = values[key] as? [Any] else { throw fail(key, "expected a list of numbers") }
        return try list.map {
            if let d = $0 as? Double { return d }
            if let i = $0 as? Int { return Double(i) }
            throw fail(key, "expected a list of numbers (found \($0))")
        }
    }

    func choice(_ key: String, _ fallback: String, from allowed: [String]) throws -> String {
        let v = try string(key, fallback)
        guard allowed.contains(v) else { throw fail(key, "\"\(v)\" is not one of \(allowed.joined(separator: ", "))") }
        return v
    }

    func mapping(_ key: String) throws -> ConfigReader? {
        guard has(key) else { return nil }
        guard let m = values[key] as? [String: Any] else { throw fail(key, "expected a mapping of keys to values") }
        return ConfigReader(file: file, prefix: "\(prefix)\(key).", values: m)
    }

    /// The starting model from `model` or `init` (the same key; both may be given only if they agree),
    /// a relative directory looked up beside the recipe too.
    func startingModel(_ fallback: String) throws -> String {
        let model = GRPOConfig.resolveModelPath(try string("model", fallback), recipe: file)
        guard let start = try optionalString("init") else { return model }
        let resolved = GRPOConfig.resolveModelPath(start, recipe: file)
        if has("model") && GRPOTrainer.initPath(resolved) != GRPOTrainer.initPath(model) {
            throw fail("init", "\(start) and model: \(model) name different starting models; keep one")
        }
        return resolved
    }

    /// A YAML value as JSON (reward options are passed to rewards as JSON).
    static func json(_ value: Any, _ error: ConfigError) throws -> JSONValue {
        switch value {
        case let b as Bool: return .bool(b)
        case let i as Int: return .number(Double(i))
        case let d as Double: return .number(d)
        case let s as String: return .string(s)
        case is NSNull: return .null
        case let list as [Any]: return .array(try list.map { try json($0, error) })
        case let map as [String: Any]: return .object(try map.mapValues { try json($0, error) })
        default: throw error
        }
    }

    /// Throws on the first key not in `known`, suggesting the closest known key.
    func rejectUnknown(_ known: [String]) throws {
        for key in values.keys.sorted() where !known.contains(key) {
            let nearest = known.min { editDistance($0, key) < editDistance($1, key) }
            let hint = nearest.map { editDistance($0, key) <= 3 ? " (did you mean \($0)?)" : "" } ?? ""
            throw fail(key, "unknown key\(hint); see docs/recipes.md for every key")
        }
    }
}

func editDistance(_ a: String, _ b: String) -> Int {
    let a = Array(a), b = Array(b)
    var row = Array(0...b.count)
    for i in 1...max(1, a.count) where !a.isEmpty {
        var previous = row[0]
        row[0] = i
        for j in 1...max(1, b.count) where !b.isEmpty {
            let old = row[j]
            row[j] = min(row[j] + 1, row[j - 1] + 1, previous + (a[i - 1] == b[j - 1] ? 0 : 1))
            previous = old
        }
    }
    return a.isEmpty ? b.count : row[b.count]
}
