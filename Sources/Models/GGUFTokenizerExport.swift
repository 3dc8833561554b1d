// A Hugging Face byte-level BPE tokenizer (tokenizer.json, tokenizer_config.json) as the GGUF metadata
// llama.cpp reads: tokenizer.ggml.model "gpt2", tokens by id (ids the files do not name become
// "[PADn]", unused), token types (added special tokens control, other added tokens user-defined),
// merges, special ids, add_bos_token, `pre` recognised from the pre-tokenizer, and the chat template.
// The inverse of GGUFTokenizerImport; read as plain JSON because Models does not import Tokenizers.
import Foundation

/// Reads a model directory's tokenizer into GGUF metadata.
public enum GGUFTokenizerExport {
    /// The tokenizer.ggml.* and tokenizer.chat_template entries for the tokenizer in `dir`, with
    /// `vocabularySize` tokens (the model's embedding rows).
    public static func metadata(_ dir: URL, vocabularySize: Int, config: TransformerConfig) throws -> [(String, GGUFValue)] {
        let url = dir.appendingPathComponent("tokenizer.json")
        let path = url.path
        func fail(_ field: String, _ why: String) -> ModelError { .file(path, "\(field): \(why)") }
        guard let data = try? Data(contentsOf: url) else { throw ModelError.file(path, "cannot read (a GGUF file needs the tokenizer)") }
        guard let root = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else { throw fail("", "not a JSON object") }
        guard let model = root["model"] as? [String: Any], model["type"] as? String == "BPE",
              let vocab = model["vocab"] as? [String: Int] else {
            throw fail("model", "must be a BPE model with a vocab object (GGUF export supports byte-level BPE)")
        }
        let pre = try preName(root["pre_tokenizer"], fail)
        var tokens = (0..<vocabularySize).map { "[PAD\($0)]" }
        var types = [Int32](repeating: Int32(GGUFTokenizerImport.TokenType.unused.rawValue), count: vocabularySize)
        for (token, id) in vocab {
            guard tokens.indices.contains(id) else { throw fail("model.vocab[\"\(token)\"]", "id \(id) is outside the model's \(vocabularySize) embeddings") }
            tokens[id] = token
            types[id] = Int32(GGUFTokenizerImport.TokenType.normal.rawValue)
        }
        for (index, entry) in ((root["added_tokens"] as? [[String: Any]]) ?? []).enumerated() {
            guard let id = entry["id"] as? Int, let content = entry["content"] as? String, tokens.indices.contains(id) else {
                throw fail("added_tokens[\(index)]", "needs an id inside the model's \(vocabularySize) embeddings and a content")
            }
            tokens[id] = content
            let special = entry["special"] as? Bool ?? false
            types[id] = Int32((special ? GGUFTokenizerImport.TokenType.control : .userDefined).rawValue)
        }
        let merges: [String] = try ((model["merges"] as? [Any]) ?? []).enumerated().map { index, merge in
            if let text = merge as? String { return text }
            if let pair = merge as? [String], pair.count == 2 { return pair.joined(separator: " ") }
            throw fail("model.merges[\(index)]", "must be \"left right\" or [\"left\", \"right\"]")
        }
        var entries: [(String, GGUFValue)] = [
            ("tokenizer.ggml.model", .string("gpt2")), ("tokenizer.ggml.pre", .string(pre)),
            ("tokenizer.ggml.tokens", .array(.string, tokens.map { .string($0) })),
            ("tokenizer.ggml.token_type", .array(.int32, types.map { .int32($0) })),
            ("tokenizer.ggml.merges", .array(.string, merges.map { .string($0) })),
        ]
        for (key, id) in [("bos", config.bosTokenId), ("eos", config.eosTokenIds.first), ("padding", config.padTokenId)] {
            if let id { entries.append(("tokenizer.ggml.\(key)_token_id", .uint32(UInt32(id)))) }
        }
        if let unk = model["unk_token"] as? String, let id = tokens.firstIndex(of: unk) {
            entries.append(("tokenizer.ggml.unknown_token_id", .uint32(UInt32(id))))
        }
        let post = root["post_processor"] as? [String: Any]
        let addsBOS = post?["type"] as? String == "TemplateProcessing"
            && ((post?["single"] as? [[String: Any]])?.first?["SpecialToken"] != nil)
        entries.append(("tokenizer.ggml.add_bos_token", .bool(addsBOS)))
        let configURL = dir.appendingPathComponent("tokenizer_config.json")
        if let configData = try? Data(contentsOf: configURL),
           let tokenizerConfig = try? JSONSerialization.jsonObject(with: configData) as? [String: Any],
           let template = tokenizerConfig["chat_template"] as? String {
            entries.append(("tokenizer.chat_template", .string(template)))
        }
        return entries
    }

    /// llama.cpp's `pre` name for a tokenizer.json pre_tokenizer we know.
    static func preName(_ value: Any?, _ fail: (String, String) -> ModelError) throws -> String {
        guard let pre = value as? [String: Any] else { throw fail("pre_tokenizer", "missing (needed to name llama.cpp's pre-tokenizer)") }
        func isByteLevel(_ p: [String: Any]?, regex: Bool) -> Bool {
            p?["type"] as? String == "ByteLevel" && (p?["use_regex"] as? Bool ?? true) == regex
        }
        if isByteLevel(pre, regex: true) { return "gpt-2" }
        let steps = (pre["pretokenizers"] as? [[String: Any]]) ?? []
        if pre["type"] as? String == "Sequence", steps.count == 2 {
            if steps[0]["type"] as? String == "Digits", steps[0]["individual_digits"] as? Bool == true,
               isByteLevel(steps[1], regex: true) { return "smollm" }
            let regex = (steps[0]["pattern"] as? [String: Any])?["Regex"] as? String
            if steps[0]["type"] as? String == "Split", isByteLevel(steps[1], regex: false) {
                if regex == GGUFTokenizerImport.llama3Regex { return "llama-bpe" }
                if regex == GGUFTokenizerImport.qwen2Regex { return "qwen2" }
            }
        }
        throw fail("pre_tokenizer", "not one llama.cpp names (GPT-2 ByteLevel, SmolLM digits + ByteLevel, Llama-3 or Qwen2 split)")
    }
}
