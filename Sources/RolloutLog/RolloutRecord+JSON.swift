// A record's JSON line, written straight into a byte buffer. Hand-written rather than JSONEncoder because
// encoding sits on the training step's path and a record is mostly ids and floats (see
// `grpo bench rolloutlog`). The output is deterministic (reward names sorted) so a resumed run writes
// byte-identical frames. Floats use Swift's shortest round-trip form; non-finite ones become the strings
// "NaN", "Infinity", "-Infinity", which `RolloutRecord.makeDecoder()` reads back.

extension RolloutRecord {
    /// This record as one line of JSON, without the newline.
    public func jsonLine() -> String {
        var bytes: [UInt8] = []
        appendJSON(to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Appends this record's JSON object (no newline) to `out`.
    func appendJSON(to out: inout [UInt8]) {
        out.append(contentsOf: #"{"step":"#.utf8)
        JSONBytes.int(step, to: &out)
        out.append(contentsOf: #","prompt_index":"#.utf8)
        JSONBytes.int(promptIndex, to: &out)
        out.append(contentsOf: #","sample_index":"#.utf8)
        JSONBytes.int(sampleIndex, to: &out)
        out.append(contentsOf: #","prompt":"#.utf8)
        JSONBytes.string(prompt, to: &out)
        out.append(contentsOf: #","completion":"#.utf8)
        JSONBytes.string(completion, to: &out)
        out.append(contentsOf: #","prompt_ids":"#.utf8)
        JSONBytes.ints(promptIds, to: &out)
        out.append(contentsOf: #","completion_ids":"#.utf8)
        JSONBytes.ints(completionIds, to: &out)
        out.append(contentsOf: #","logprobs":["#.utf8)
        for (i, value) in logprobs.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.float(value, to: &out)
        }
        out.append(contentsOf: #"],"rewards":{"#.utf8)
        for (i, name) in rewards.keys.sorted().enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.string(name, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONBytes.double(rewards[name]!, to: &out)
        }
        out.append(contentsOf: #"},"reward":"#.utf8)
        JSONBytes.double(reward, to: &out)
        out.append(contentsOf: #","advantage":"#.utf8)
        JSONBytes.double(advantage, to: &out)
        out.append(contentsOf: #","finish_reason":"#.utf8)
        JSONBytes.string(finishReason, to: &out)
        out.append(contentsOf: #","length":"#.utf8)
        JSONBytes.int(length, to: &out)
        out.append(contentsOf: #","seed":"#.utf8)
        out.append(contentsOf: String(seed).utf8)
        if let fields { Self.appendTexts(fields, key: "fields", to: &out) }
        if let rewardInfo { Self.appendTexts(rewardInfo, key: "reward_info", to: &out) }
        out.append(UInt8(ascii: "}"))
    }

    /// `,"key":{"name":"text",…}` with the names sorted.
    private static func appendTexts(_ texts: [String: String], key: String, to out: inout [UInt8]) {
        out.append(contentsOf: ",\"\(key)\":{".utf8)
        for (i, name) in texts.keys.sorted().enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            JSONBytes.string(name, to: &out)
            out.append(UInt8(ascii: ":"))
            JSONBytes.string(texts[name]!, to: &out)
        }
        out.append(UInt8(ascii: "}"))
    }
}

/// JSON scalars appended to a byte buffer.
enum JSONBytes {
    static func int(_ value: Int, to out: inout [UInt8]) {
        // Short decimal strings are stored inline in String, so this does not allocate.
        out.append(contentsOf: String(value).utf8)
    }

    static func ints(_ values: [Int32], to out: inout [UInt8]) {
        out.append(UInt8(ascii: "["))
        for (i, value) in values.enumerated() {
            if i > 0 { out.append(UInt8(ascii: ",")) }
            out.append(contentsOf: String(value).utf8)
        }
        out.append(UInt8(ascii: "]"))
    }

    static func float(_ value: Float, to out: inout [UInt8]) {
        if value.isFinite {
            out.append(contentsOf: value.description.utf8)
        } else {
            nonFinite(value.isNaN, value < 0, to: &out)
        }
    }

    static func double(_ value: Double, to out: inout [UInt8]) {
        if value.isFinite {
            out.append(contentsOf: value.description.utf8)
        } else {
            nonFinite(value.isNaN, value < 0, to: &out)
        }
    }

    /// Python's json module writes these bare; we quote them so strict JSON readers accept the line.
    private static func nonFinite(_ isNaN: Bool, _ negative: Bool, to out: inout [UInt8]) {
        let text = isNaN ? #""NaN""# : negative ? #""-Infinity""# : #""Infinity""#
        out.append(contentsOf: text.utf8)
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// A JSON string literal: quotes, backslashes and control characters escaped, everything else raw UTF-8.
    static func string(_ value: String, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for byte in value.utf8 {
            switch byte {
            case UInt8(ascii: "\""): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\"")])
            case UInt8(ascii: "\\"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "\\")])
            case UInt8(ascii: "\n"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "n")])
            case UInt8(ascii: "\t"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "t")])
            case UInt8(ascii: "\r"): out.append(contentsOf: [UInt8(ascii: "\\"), UInt8(ascii: "r")])
            case 0..<0x20:
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hexDigits[Int(byte >> 4)])
                out.append(hexDigits[Int(byte & 15)])
            default: out.append(byte)
            }
        }
        out.append(UInt8(ascii: "\""))
    }
}
