// JSON to and from template values. `dumps` writes what Python's json.dumps writes (", " and ": "
// separators, or "," with an indent; only quotes, backslashes and control characters escaped unless
// ensure_ascii), which `tojson` must match byte for byte. `parse` keeps object keys in file order, as
// Python's json.loads does, so a template iterating a dict sees the order the file has.

/// Converts between JSON text and template values.
public enum JinjaJSON {
    /// Python's json.dumps of `value`.
    static func dumps(_ value: JinjaValue, indent: Int? = nil, separators: (String, String)? = nil,
                      sortKeys: Bool = false, ensureASCII: Bool = false) throws -> String {
        let (itemSeparator, keySeparator) = separators ?? (indent == nil ? (", ", ": ") : (",", ": "))
        var out = ""
        func write(_ v: JinjaValue, _ depth: Int) throws {
            func newline(_ level: Int) { if let indent { out += "\n" + String(repeating: " ", count: indent * level) } }
            switch v {
            case .none: out += "null"
            case .bool(let b): out += b ? "true" : "false"
            case .int(let i): out += String(i)
            case .double(let d):
                out += d.isNaN ? "NaN" : d.isInfinite ? (d < 0 ? "-Infinity" : "Infinity") : JinjaValue.pythonFloat(d)
            case .string(let s): out += quote(s, ensureASCII: ensureASCII)
            case .list(let items):
                if items.isEmpty { out += "[]"; return }
                out += "["
                for (i, item) in items.enumerated() {
                    if i > 0 { out += itemSeparator }
                    newline(depth + 1)
                    try write(item, depth + 1)
                }
                newline(depth)
                out += "]"
            case .dict(let dict):
                if dict.keys.isEmpty { out += "{}"; return }
                out += "{"
                let keys = sortKeys ? dict.keys.sorted { $0.unicodeScalars.map(\.value).lexicographicallyPrecedes($1.unicodeScalars.map(\.value)) } : dict.keys
                for (i, key) in keys.enumerated() {
                    if i > 0 { out += itemSeparator }
                    newline(depth + 1)
                    out += quote(key, ensureASCII: ensureASCII) + keySeparator
                    try write(dict[key]!, depth + 1)
                }
                newline(depth)
                out += "}"
            default: throw JinjaFailure("Object of type \(v.typeName) is not JSON serializable")
            }
        }
        try write(value, 0)
        return out
    }

    private static func quote(_ s: String, ensureASCII: Bool) -> String {
        var out = "\""
        func hex(_ v: UInt32) -> String {
            let digits = String(v, radix: 16)
            return "\\u" + String(repeating: "0", count: 4 - digits.count) + digits
        }
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{08}": out += "\\b"
            case "\u{0C}": out += "\\f"
            default:
                if scalar.value < 0x20 {
                    out += hex(scalar.value)
                } else if ensureASCII && scalar.value > 0x7E {
                    if scalar.value > 0xFFFF {
                        let v = scalar.value - 0x10000
                        out += hex(0xD800 + (v >> 10)) + hex(0xDC00 + (v & 0x3FF))
                    } else {
                        out += hex(scalar.value)
                    }
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }

    /// `value` as compact JSON text (Python's json.dumps with ensure_ascii off).
    public static func json(_ value: JinjaValue) throws -> String {
        do { return try dumps(value) } catch let failure as JinjaFailure { throw TokenizerError(file: "<json>", field: "", failure.message) }
    }

    /// Parses JSON text; `name` (a file, or what held the text) goes into the error with the byte offset.
    public static func parse(_ text: String, name: String) throws -> JinjaValue {
        var parser = Parser(bytes: Array(text.utf8), name: name)
        parser.skipSpace()
        let value = try parser.value()
        parser.skipSpace()
        if parser.pos != parser.bytes.count { throw parser.fail("unexpected text after the JSON value") }
        return value
    }

    private struct Parser {
        let bytes: [UInt8]
        let name: String
        var pos = 0

        func fail(_ message: String) -> TokenizerError {
            TokenizerError(file: name, field: "byte \(pos)", "invalid JSON: \(message)")
        }

        mutating func skipSpace() {
            while pos < bytes.count, [0x20, 0x09, 0x0A, 0x0D].contains(bytes[pos]) { pos += 1 }
        }

        mutating func expect(_ literal: String) throws {
            let l = Array(literal.utf8)
            guard pos + l.count <= bytes.count, Array(bytes[pos..<pos + l.count]) == l else { throw fail("expected \(literal)") }
            pos += l.count
        }

        mutating func value() throws -> JinjaValue {
            guard pos < bytes.count else { throw fail("unexpected end") }
            switch bytes[pos] {
            case UInt8(ascii: "{"):
                pos += 1
                var dict = JinjaDict()
                skipSpace()
                if pos < bytes.count && bytes[pos] == UInt8(ascii: "}") { pos += 1; return .dict(dict) }
                while true {
                    skipSpace()
                    guard pos < bytes.count, bytes[pos] == UInt8(ascii: "\"") else { throw fail("expected a string key") }
                    let key = try string()
                    skipSpace()
                    try expect(":")
                    skipSpace()
                    dict[key] = try value()
                    skipSpace()
                    if pos < bytes.count && bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                    try expect("}")
                    return .dict(dict)
                }
            case UInt8(ascii: "["):
                pos += 1
                var items: [JinjaValue] = []
                skipSpace()
                if pos < bytes.count && bytes[pos] == UInt8(ascii: "]") { pos += 1; return .list(items) }
                while true {
                    skipSpace()
                    items.append(try value())
                    skipSpace()
                    if pos < bytes.count && bytes[pos] == UInt8(ascii: ",") { pos += 1; continue }
                    try expect("]")
                    return .list(items)
                }
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "t"): try expect("true"); return .bool(true)
            case UInt8(ascii: "f"): try expect("false"); return .bool(false)
            case UInt8(ascii: "n"): try expect("null"); return .none
            default: return try number()
            }
        }

        mutating func number() throws -> JinjaValue {
            let start = pos
            var isFloat = false
            while pos < bytes.count, "+-0123456789.eE".utf8.contains(bytes[pos]) {
                if "-+".utf8.contains(bytes[pos]) == false && !(0x30...0x39).contains(bytes[pos]) { isFloat = true }
                pos += 1
            }
            let text = String(decoding: bytes[start..<pos], as: UTF8.self)
            if !isFloat, let i = Int(text) { return .int(i) }
            if let d = Double(text), !text.isEmpty { return .double(d) }
            pos = start
            throw fail("unexpected character")
        }

        mutating func string() throws -> String {
            pos += 1
            var out: [UInt8] = []
            while true {
                guard pos < bytes.count else { throw fail("unterminated string") }
                let b = bytes[pos]
                pos += 1
                if b == UInt8(ascii: "\"") { return String(decoding: out, as: UTF8.self) }
                guard b == UInt8(ascii: "\\") else { out.append(b); continue }
                guard pos < bytes.count else { throw fail("unterminated string") }
                let e = bytes[pos]
                pos += 1
                switch e {
                case UInt8(ascii: "n"): out.append(0x0A)
                case UInt8(ascii: "t"): out.append(0x09)
                case UInt8(ascii: "r"): out.append(0x0D)
                case UInt8(ascii: "b"): out.append(0x08)
                case UInt8(ascii: "f"): out.append(0x0C)
                case UInt8(ascii: "/"), UInt8(ascii: "\\"), UInt8(ascii: "\""): out.append(e)
                case UInt8(ascii: "u"):
                    var code = try hex4()
                    if (0xD800..<0xDC00).contains(code), pos + 1 < bytes.count, bytes[pos] == UInt8(ascii: "\\"), bytes[pos + 1] == UInt8(ascii: "u") {
                        pos += 2
                        let low = try hex4()
                        code = 0x10000 + ((code - 0xD800) << 10) + (low - 0xDC00)
                    }
                    out += Array(String(Unicode.Scalar(code) ?? "\u{FFFD}").utf8)
                default: throw fail("bad escape \\\(String(decoding: [e], as: UTF8.self))")
                }
            }
        }

        mutating func hex4() throws -> UInt32 {
            guard pos + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[pos..<pos + 4], as: UTF8.self), radix: 16) else {
                throw fail("bad \\u escape")
            }
            pos += 4
            return v
        }
    }
}
