// Reads a Hugging Face tokenizer.json into the parts of a `BPETokenizer`, checking every field it uses
// and naming the file and field (as a JSON path) in each error. Components we do not implement are
// refused by name rather than silently misread.
import Foundation

/// The parts of a tokenizer.json that encoding and decoding need.
struct TokenizerSpec {
    var normalizeNFC = false
    var preTokenizer = PreTokenizer.whole
    var byteLevel = false
    var model: BPEModel
    var addedTokens: [AddedToken]
    var postProcessor = PostProcessor()
    var decoder = Decoder.none
}

/// Parser of tokenizer.json files.
enum TokenizerJSON {
    /// Parses `data`; `file` names the source in errors.
    static func parse(_ data: Data, file: String) throws -> TokenizerSpec {
        let reader = JSONReader(file: file)
        let root: Any
        do {
            root = try JSONSerialization.jsonObject(with: data)
        } catch {
            throw TokenizerError(file: file, field: "", "not valid JSON (\(error.localizedDescription))")
        }
        let top = try reader.object(root, "")
        guard let modelValue = top["model"], !(modelValue is NSNull) else {
            throw reader.fail("model", "missing; a tokenizer.json needs a \"model\" object with type BPE")
        }
        let added = try addedTokens(top["added_tokens"], reader)
        var pre = PreTokenizer.whole
        var byteLevel = false
        if let value = top["pre_tokenizer"], !(value is NSNull) {
            pre = try preTokenizer(value, "pre_tokenizer", reader, byteLevel: &byteLevel)
        }
        let model = try BPEModelJSON.parse(modelValue, reader, byteLevel: byteLevel)
        var spec = TokenizerSpec(
            preTokenizer: pre, byteLevel: byteLevel, model: model,
            addedTokens: resolveIDs(added, vocabulary: model.vocabulary))
        if let value = top["normalizer"], !(value is NSNull) {
            spec.normalizeNFC = try normalizer(value, "normalizer", reader)
        }
        if let value = top["post_processor"], !(value is NSNull) {
            try postProcessor(value, "post_processor", reader, into: &spec.postProcessor)
        }
        if let value = top["decoder"], !(value is NSNull) { spec.decoder = try decoder(value, "decoder", reader) }
        return spec
    }

    /// The ids `tokenizers` gives added tokens on loading: it ignores the file's "id" and takes the
    /// model's id for the same text, or else the next id after the model and the tokens added so far.
    /// The two agree in every published file; where they do not, the library's ids are the ones a
    /// model was trained with.
    private static func resolveIDs(_ tokens: [AddedToken], vocabulary: [String: Int]) -> [AddedToken] {
        var assigned: [String: Int] = [:]
        var largest: Int?
        return tokens.map { token in
            let id: Int
            if let known = assigned[token.content] ?? vocabulary[token.content] {
                id = known
            } else if let largest, largest >= vocabulary.count || vocabulary.isEmpty {
                id = largest + 1
            } else {
                id = vocabulary.count
            }
            assigned[token.content] = id
            largest = max(largest ?? id, id)
            return AddedToken(
                id: id, content: token.content, special: token.special, lstrip: token.lstrip, rstrip: token.rstrip)
        }
    }

    private static func addedTokens(_ value: Any?, _ reader: JSONReader) throws -> [AddedToken] {
        guard let value, !(value is NSNull) else { return [] }
        guard let list = value as? [Any] else { throw reader.fail("added_tokens", "must be an array") }
        return try list.enumerated().map { index, entry in
            let path = "added_tokens[\(index)]"
            let object = try reader.object(entry, path)
            let id = try reader.int(object, "id", path)
            let content = try reader.string(object, "content", path)
            guard id >= 0 else { throw reader.fail("\(path).id", "must not be negative (got \(id))") }
            guard !content.isEmpty else { throw reader.fail("\(path).content", "must not be empty") }
            if try reader.bool(object, "single_word", path, default: false) {
                throw reader.fail("\(path).single_word", "single_word added tokens are not supported")
            }
            return AddedToken(
                id: id, content: content, special: try reader.bool(object, "special", path, default: false),
                lstrip: try reader.bool(object, "lstrip", path, default: false),
                rstrip: try reader.bool(object, "rstrip", path, default: false))
        }
    }

    private static func normalizer(_ value: Any, _ path: String, _ reader: JSONReader) throws -> Bool {
        let object = try reader.object(value, path)
        switch try reader.string(object, "type", path) {
        case "NFC": return true
        case "Sequence":
            var nfc = false
            for (index, step) in try reader.array(object, "normalizers", path).enumerated() {
                if try normalizer(step, "\(path).normalizers[\(index)]", reader) { nfc = true }
            }
            return nfc
        case let other:
            throw reader.fail("\(path).type", "unsupported normalizer \"\(other)\" (supported: NFC, Sequence)")
        }
    }

    private static func preTokenizer(
        _ value: Any, _ path: String, _ reader: JSONReader,
        byteLevel: inout Bool
    ) throws -> PreTokenizer {
        let object = try reader.object(value, path)
        switch try reader.string(object, "type", path) {
        case "ByteLevel":
            if try reader.bool(object, "add_prefix_space", path, default: false) {
                throw reader.fail("\(path).add_prefix_space", "add_prefix_space true is not supported")
            }
            byteLevel = true
            return try reader.bool(object, "use_regex", path, default: true) ? .split(.gpt2) : .whole
        case "Split":
            return try split(object, path, reader)
        case "Digits":
            return .digits(individual: try reader.bool(object, "individual_digits", path, default: false))
        case "Sequence":
            let steps = try reader.array(object, "pretokenizers", path)
            return .sequence(
                try steps.indices.map {
                    try preTokenizer(steps[$0], "\(path).pretokenizers[\($0)]", reader, byteLevel: &byteLevel)
                })
        case let other:
            throw reader.fail(
                "\(path).type", "unsupported pre-tokenizer \"\(other)\" (supported: ByteLevel, Split, Digits, Sequence)"
            )
        }
    }

    /// A `Split` step: the hand-written matcher for the three family regexes in `Isolated` mode, the
    /// regex engine for anything else.
    private static func split(_ object: [String: Any], _ path: String, _ reader: JSONReader) throws -> PreTokenizer {
        let pattern = try reader.object(object["pattern"], "\(path).pattern")
        let regex: String
        let field: String
        if let text = pattern["Regex"] as? String {
            (regex, field) = (text, "\(path).pattern.Regex")
        } else if let text = pattern["String"] as? String {
            (regex, field) = (escaped(text), "\(path).pattern.String")
        } else {
            throw reader.fail("\(path).pattern", "must be {\"Regex\": ...} or {\"String\": ...}")
        }
        let name = try reader.string(object, "behavior", path)
        guard let behavior = SplitBehavior(rawValue: name) else {
            let known = SplitBehavior.allCases.map(\.rawValue).joined(separator: ", ")
            throw reader.fail("\(path).behavior", "unknown behavior \"\(name)\" (known: \(known))")
        }
        let invert = try reader.bool(object, "invert", path, default: false)
        if pattern["Regex"] != nil, behavior == .isolated, !invert, let known = SplitPattern(regex: regex) {
            return .split(known)
        }
        do {
            return .regex(RegexSplit(regex: try RegexProgram(regex), behavior: behavior, invert: invert))
        } catch {
            throw reader.fail(field, "cannot use this regex: \(error)")
        }
    }

    /// A regex matching `text` literally.
    private static func escaped(_ text: String) -> String {
        var result = ""
        for scalar in text.unicodeScalars {
            if scalar.isASCII && !(scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)) {
                result.unicodeScalars.append("\\")
            }
            result.unicodeScalars.append(scalar)
        }
        return result
    }

    private static func postProcessor(
        _ value: Any, _ path: String, _ reader: JSONReader,
        into result: inout PostProcessor
    ) throws {
        let object = try reader.object(value, path)
        switch try reader.string(object, "type", path) {
        case "ByteLevel": return
        case "Sequence":
            let steps = try reader.array(object, "processors", path)
            for index in steps.indices {
                try postProcessor(steps[index], "\(path).processors[\(index)]", reader, into: &result)
            }
        case "TemplateProcessing":
            let specials = try reader.object(object["special_tokens"], "\(path).special_tokens")
            var beforeSequence = true
            for (index, item) in try reader.array(object, "single", path).enumerated() {
                let itemPath = "\(path).single[\(index)]"
                let entry = try reader.object(item, itemPath)
                if entry["Sequence"] != nil {
                    beforeSequence = false
                    continue
                }
                let special = try reader.object(entry["SpecialToken"], "\(itemPath).SpecialToken")
                let name = try reader.string(special, "id", "\(itemPath).SpecialToken")
                let known = try reader.object(specials[name], "\(path).special_tokens.\(name)")
                let ids = try reader.array(known, "ids", "\(path).special_tokens.\(name)").map { $0 as? Int }
                guard ids.allSatisfy({ $0 != nil }) else {
                    throw reader.fail("\(path).special_tokens.\(name).ids", "must be an array of integers")
                }
                if beforeSequence { result.prefix += ids.map { $0! } } else { result.suffix += ids.map { $0! } }
            }
        case let other:
            throw reader.fail(
                "\(path).type",
                "unsupported post-processor \"\(other)\" (supported: ByteLevel, TemplateProcessing, Sequence)")
        }
    }

    private static func decoder(_ value: Any, _ path: String, _ reader: JSONReader) throws -> Decoder {
        let object = try reader.object(value, path)
        switch try reader.string(object, "type", path) {
        case "ByteLevel": return .byteLevel
        case "Fuse": return .fuse
        case let other:
            throw reader.fail("\(path).type", "unsupported decoder \"\(other)\" (supported: ByteLevel, Fuse)")
        }
    }
}

/// Typed access to parsed JSON with errors that name the file and field.
struct JSONReader {
    let file: String

    func fail(_ field: String, _ message: String) -> TokenizerError {
        TokenizerError(file: file, field: field, message)
    }

    func object(_ value: Any?, _ path: String) throws -> [String: Any] {
        guard let value else { throw fail(path, "missing") }
        guard let object = value as? [String: Any] else { throw fail(path, "must be a JSON object") }
        return object
    }

    func array(_ object: [String: Any], _ key: String, _ path: String) throws -> [Any] {
        guard let value = object[key] else { throw fail(join(path, key), "missing") }
        guard let array = value as? [Any] else { throw fail(join(path, key), "must be an array") }
        return array
    }

    func string(_ object: [String: Any], _ key: String, _ path: String) throws -> String {
        guard let value = object[key] else { throw fail(join(path, key), "missing") }
        guard let string = value as? String else { throw fail(join(path, key), "must be a string") }
        return string
    }

    func int(_ object: [String: Any], _ key: String, _ path: String) throws -> Int {
        guard let value = object[key] else { throw fail(join(path, key), "missing") }
        guard let number = value as? NSNumber, let int = Int(exactly: number.doubleValue) else {
            throw fail(join(path, key), "must be an integer")
        }
        return int
    }

    func bool(_ object: [String: Any], _ key: String, _ path: String, default fallback: Bool) throws -> Bool {
        guard let value = object[key], !(value is NSNull) else { return fallback }
        guard let bool = value as? Bool else { throw fail(join(path, key), "must be true or false") }
        return bool
    }

    func join(_ path: String, _ key: String) -> String { path.isEmpty ? key : "\(path).\(key)" }
}
