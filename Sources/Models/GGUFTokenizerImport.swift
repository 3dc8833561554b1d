// The byte-level BPE tokenizer a GGUF file carries (tokenizer.ggml.model "gpt2": tokens, merges,
// token types, special ids, `pre`, chat template) written as the Hugging Face tokenizer.json and
// tokenizer_config.json of its family. llama.cpp names the pre-tokenizer by family (`tokenizer.ggml.pre`);
// each name maps to the normalizer, pre-tokenizer and post-processor Hugging Face ships for that family.
// Models does not import Tokenizers, so the JSON is written here directly.
import Foundation

/// Writes a GGUF file's tokenizer as Hugging Face tokenizer files.
public enum GGUFTokenizerImport {
    /// The Hugging Face split regexes of the Llama-3 and Qwen2 families.
    static let llama3Regex =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}{1,3}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#
    static let qwen2Regex =
        #"(?i:'s|'t|'re|'ve|'m|'ll|'d)|[^\r\n\p{L}\p{N}]?\p{L}+|\p{N}| ?[^\s\p{L}\p{N}]+[\r\n]*|\s*[\r\n]+|\s+(?!\S)|\s+"#

    /// `tokenizer.ggml.pre` values we know.
    public static let preTokenizers = ["gpt-2", "smollm", "starcoder", "llama-bpe", "qwen2"]

    /// GGUF token types (llama.cpp's llama_token_type).
    enum TokenType: Int { case normal = 1, unknown = 2, control = 3, userDefined = 4, unused = 5, byte = 6 }

    /// Writes tokenizer.json, tokenizer_config.json and special_tokens_map.json for `file` into `dir`.
    public static func write(_ file: GGUFFile, to dir: URL) throws {
        let files = try tokenizerFiles(file)
        for (name, object) in files {
            let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
            try AtomicFile.write(data, to: dir.appendingPathComponent(name))
        }
    }

    /// The tokenizer files of `file` as JSON objects by file name.
    public static func tokenizerFiles(_ file: GGUFFile) throws -> [(String, [String: Any])] {
        func fail(_ key: String, _ why: String) -> ModelError { .file(file.path, "metadata \(key): \(why)") }
        guard let model = try file.string("tokenizer.ggml.model") else { throw fail("tokenizer.ggml.model", "missing") }
        guard model == "gpt2" else {
            throw fail("tokenizer.ggml.model", "\"\(model)\" is not supported (only gpt2, byte-level BPE)")
        }
        guard let tokens = try file.strings("tokenizer.ggml.tokens") else { throw fail("tokenizer.ggml.tokens", "missing") }
        let merges = try file.strings("tokenizer.ggml.merges") ?? []
        let types = try file.ints("tokenizer.ggml.token_type") ?? Array(repeating: TokenType.normal.rawValue, count: tokens.count)
        guard types.count == tokens.count else {
            throw fail("tokenizer.ggml.token_type", "\(types.count) entries for \(tokens.count) tokens")
        }
        let pre = try file.string("tokenizer.ggml.pre") ?? "gpt-2"
        guard preTokenizers.contains(pre) else {
            throw fail("tokenizer.ggml.pre", "\"\(pre)\" is not supported (known: \(preTokenizers.joined(separator: ", ")))")
        }
        func special(_ field: String) throws -> String? {
            guard let id = try file.int("tokenizer.ggml.\(field)_token_id") else { return nil }
            guard tokens.indices.contains(id) else {
                throw fail("tokenizer.ggml.\(field)_token_id", "\(id) is not a token id (0..<\(tokens.count))")
            }
            return tokens[id]
        }
        let bos = try special("bos"), eos = try special("eos"), pad = try special("padding"), unk = try special("unknown")
        let addBOS = try file.bool("tokenizer.ggml.add_bos_token") ?? false

        // Control tokens before the first normal one live in the model vocabulary too (StarCoder, SmolLM);
        // later ones are only added tokens (Llama-3, Qwen2), as in the files Hugging Face publishes.
        let firstNormal = types.firstIndex(of: TokenType.normal.rawValue) ?? tokens.count
        var vocab: [String: Int] = [:]
        var added: [[String: Any]] = []
        for (id, (token, type)) in zip(tokens, types).enumerated() {
            let isAdded = type == TokenType.control.rawValue || type == TokenType.userDefined.rawValue
            if !isAdded || id < firstNormal { vocab[token] = id }
            if isAdded {
                let isSpecial = type == TokenType.control.rawValue
                added.append(["id": id, "content": token, "single_word": false, "lstrip": false, "rstrip": false,
                              "normalized": !isSpecial, "special": isSpecial])
            }
        }
        let tokenizer: [String: Any] = [
            "version": "1.0", "truncation": NSNull(), "padding": NSNull(), "added_tokens": added,
            "normalizer": pre == "qwen2" ? ["type": "NFC"] : NSNull(),
            "pre_tokenizer": preTokenizer(pre), "post_processor": postProcessor(addBOS ? bos : nil, tokens: tokens),
            "decoder": ["type": "ByteLevel", "add_prefix_space": true, "trim_offsets": true, "use_regex": true],
            "model": ["type": "BPE", "dropout": NSNull(), "unk_token": unk.map { $0 as Any } ?? NSNull(), "continuing_subword_prefix": NSNull(),
                      "end_of_word_suffix": NSNull(), "fuse_unk": false, "byte_fallback": false,
                      "ignore_merges": pre == "llama-bpe", "vocab": vocab, "merges": merges],
        ]
        var config: [String: Any] = [
            "add_prefix_space": false, "clean_up_tokenization_spaces": false, "tokenizer_class": "GPT2Tokenizer",
            "model_max_length": try file.int("\(try file.string("general.architecture") ?? "llama").context_length") ?? 2048,
            "added_tokens_decoder": Dictionary(uniqueKeysWithValues: added.map { entry in
                (String(entry["id"] as! Int), entry.filter { $0.key != "id" })
            }),
        ]
        var specials: [String: Any] = [:]
        for (key, value) in [("bos_token", bos), ("eos_token", eos), ("pad_token", pad), ("unk_token", unk)] {
            config[key] = value.map { $0 as Any } ?? NSNull()
            if let value { specials[key] = value }
        }
        if let template = try file.string("tokenizer.chat_template") { config["chat_template"] = template }
        return [("tokenizer.json", tokenizer), ("tokenizer_config.json", config), ("special_tokens_map.json", specials)]
    }

    static func preTokenizer(_ pre: String) -> [String: Any] {
        let byteLevel: [String: Any] = ["type": "ByteLevel", "add_prefix_space": false, "trim_offsets": true, "use_regex": true]
        switch pre {
        case "smollm", "starcoder":
            return ["type": "Sequence", "pretokenizers": [["type": "Digits", "individual_digits": true], byteLevel]]
        case "llama-bpe", "qwen2":
            var whole = byteLevel
            whole["use_regex"] = false
            let split: [String: Any] = ["type": "Split", "pattern": ["Regex": pre == "qwen2" ? qwen2Regex : llama3Regex],
                                        "behavior": "Isolated", "invert": false]
            return ["type": "Sequence", "pretokenizers": [split, whole]]
        default:
            return byteLevel
        }
    }

    static func postProcessor(_ bos: String?, tokens: [String]) -> [String: Any] {
        guard let bos, let id = tokens.firstIndex(of: bos) else {
            return ["type": "ByteLevel", "add_prefix_space": true, "trim_offsets": false, "use_regex": true]
        }
        let first: [String: Any] = ["SpecialToken": ["id": bos, "type_id": 0]]
        let single: [[String: Any]] = [first, ["Sequence": ["id": "A", "type_id": 0]]]
        let pair: [[String: Any]] = single + [first, ["Sequence": ["id": "B", "type_id": 1]]]
        return ["type": "TemplateProcessing", "single": single, "pair": pair,
                "special_tokens": [bos: ["id": bos, "ids": [id], "tokens": [bos]]]]
    }
}
