// The chat template a Hugging Face model directory carries: chat_template.jinja, else `chat_template` of
// tokenizer_config.json (a string, or a list of {name, template} where "default" is used), as transformers
// reads them; with `bos_token` and `eos_token` (strings or AddedToken objects) from the same file.
import Foundation

/// Reading a model directory's chat template.
public enum TokenizerConfig {
    /// The chat template of the model directory `directory`.
    public static func chatTemplate(directory: String) throws -> JinjaChatTemplate {
        let (config, configPath) = try read(directory: directory)
        let jinjaPath = (directory as NSString).appendingPathComponent("chat_template.jinja")
        let bos = try token(config["bos_token"], "bos_token", configPath)
        let eos = try token(config["eos_token"], "eos_token", configPath)
        // transformers saves the template to chat_template.jinja now, and that file wins over the JSON field.
        if let text = try? String(contentsOfFile: jinjaPath, encoding: .utf8) {
            return try JinjaChatTemplate(text, name: jinjaPath, bosToken: bos, eosToken: eos)
        }
        switch config["chat_template"] {
        case .string(let text)?:
            return try JinjaChatTemplate(text, name: "\(configPath): chat_template", bosToken: bos, eosToken: eos)
        case .list(let named)?:
            for case .dict(let entry) in named {
                if case .string("default")? = entry["name"], case .string(let text)? = entry["template"] {
                    return try JinjaChatTemplate(text, name: "\(configPath): chat_template[default]", bosToken: bos, eosToken: eos)
                }
            }
            throw TokenizerError(file: configPath, field: "chat_template", "a list of templates without one named \"default\"")
        case nil, .none?:
            throw TokenizerError(file: configPath, field: "chat_template",
                                 "the model has no chat template (no chat_template in tokenizer_config.json, no chat_template.jinja); "
                                 + "use dataset.template: chatml or plain, or give a template file")
        case let other?:
            throw TokenizerError(file: configPath, field: "chat_template", "expected a string (got \(other.typeName))")
        }
    }

    /// The template in `file`, given the special tokens of the model directory `directory` (none without one).
    public static func chatTemplate(file: String, directory: String?) throws -> JinjaChatTemplate {
        guard let text = try? String(contentsOfFile: file, encoding: .utf8) else {
            throw TokenizerError(file: file, field: "", "cannot read the chat template file")
        }
        guard let directory else { return try JinjaChatTemplate(text, name: file) }
        let (config, configPath) = try read(directory: directory)
        return try JinjaChatTemplate(text, name: file, bosToken: try token(config["bos_token"], "bos_token", configPath),
                                     eosToken: try token(config["eos_token"], "eos_token", configPath))
    }

    /// tokenizer_config.json of `directory` (empty when there is none) and its path.
    private static func read(directory: String) throws -> (JinjaDict, String) {
        let configPath = (directory as NSString).appendingPathComponent("tokenizer_config.json")
        guard FileManager.default.fileExists(atPath: configPath) else { return (JinjaDict(), configPath) }
        guard let text = try? String(contentsOfFile: configPath, encoding: .utf8) else {
            throw TokenizerError(file: configPath, field: "", "cannot read the file as UTF-8")
        }
        guard case .dict(let object) = try JinjaJSON.parse(text, name: configPath) else {
            throw TokenizerError(file: configPath, field: "", "expected a JSON object")
        }
        return (object, configPath)
    }

    /// A special token given as a string, as {"content": …}, or null.
    private static func token(_ value: JinjaValue?, _ field: String, _ file: String) throws -> String? {
        switch value {
        case nil, .none?: return nil
        case .string(let s)?: return s
        case .dict(let d)?:
            if case .string(let s)? = d["content"] { return s }
            throw TokenizerError(file: file, field: field, "an AddedToken object without a string content")
        case let other?: throw TokenizerError(file: file, field: field, "expected a string (got \(other.typeName))")
        }
    }
}
