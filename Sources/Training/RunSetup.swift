// Turns a recipe into the objects a run needs: the policy (a built-in shape or a model directory,
// with LoRA when asked), the tokenizer, the prompt source and the weighted reward.
import Autograd
import Foundation
import Generation
import Models
import Rewards
import Tasks
import Tokenizers

enum RunSetup {
    /// The policy model: random init for built-in shapes (seeded), else loaded from the directory.
    static func model(_ name: String, seed: UInt64, tokenizer: any Tokenizer) throws -> Transformer {
        if var shape = TransformerConfig.builtin(name) {
            // A built-in shape speaks the run's tokenizer: its end-of-text token is the EOS.
            if let eos = tokenizer.id(of: "<|endoftext|>") { shape.eosTokenIds = [eos] }
            if let pad = tokenizer.id(of: "<|pad|>") { shape.padTokenId = pad }
            return try Transformer(config: shape, seed: seed)
        }
        let model = try ModelDirectory.load(URL(fileURLWithPath: name))
        guard model.config.vocabSize >= tokenizer.vocabularySize else {
            throw ConfigError("model \(name): vocab_size \(model.config.vocabSize) is smaller than the "
                + "tokenizer's \(tokenizer.vocabularySize) tokens")
        }
        return model
    }

    /// Refuses a run whose longest prompt (cut to max_prompt_length) plus max_completion_length does not fit
    /// the model's positions: past them a model computes nonsense without saying so.
    static func checkLengths(_ config: GRPOConfig, model: Transformer, tokenizer: any Tokenizer,
                             sources: [any PromptSource]) throws {
        let positions = model.config.maxPositionEmbeddings
        var longest = 0
        for source in sources {
            for i in 0..<source.count where longest < config.sampling.maxPromptLength {
                longest = max(longest, tokenizer.encode(source.example(at: i).prompt, addSpecialTokens: true).count)
            }
        }
        longest = min(longest, config.sampling.maxPromptLength)
        guard longest + config.sampling.maxCompletionLength <= positions else {
            throw ConfigError("max_completion_length: \(config.sampling.maxCompletionLength) tokens after the longest prompt "
                + "(\(longest) tokens, max_prompt_length \(config.sampling.maxPromptLength)) pass the model's "
                + "max_position_embeddings (\(positions)); lower max_completion_length or max_prompt_length")
        }
    }

    /// The recipe's `tokenizer` (a tokenizer.json path or `char`), else the model directory's, else characters.
    static func tokenizer(model: String, tokenizer path: String?) throws -> any Tokenizer {
        if let path, path != "char" {
            return try BPETokenizer(path: path)
        }
        if path == nil && TransformerConfig.builtin(model) == nil {
            return try BPETokenizer(path: URL(fileURLWithPath: model).appendingPathComponent("tokenizer.json").path)
        }
        return CharTokenizer()
    }

    /// Writes the run's tokenizer.json (with the tokenizer_config.json, special_tokens_map.json and
    /// chat_template.jinja beside it) into `directory`, so a model directory is complete on its own.
    static func saveTokenizer(model: String, tokenizer path: String?, to directory: URL) throws {
        let target = directory.appendingPathComponent("tokenizer.json")
        var origin = path.flatMap { $0 == "char" ? nil : URL(fileURLWithPath: $0) }
        if path == nil && TransformerConfig.builtin(model) == nil {
            origin = URL(fileURLWithPath: model).appendingPathComponent("tokenizer.json")
        }
        guard let origin else { return try CharTokenizer().save(to: target) }
        try AtomicFile.write(try Data(contentsOf: origin), to: target)
        // The chat template and special tokens travel with the tokenizer, so the saved model renders chats as its source did.
        for name in ["tokenizer_config.json", "special_tokens_map.json", "chat_template.jinja"] {
            let sibling = origin.deletingLastPathComponent().appendingPathComponent(name)
            if FileManager.default.fileExists(atPath: sibling.path) {
                try AtomicFile.write(try Data(contentsOf: sibling), to: directory.appendingPathComponent(name))
            }
        }
    }

    static func source(_ config: GRPOConfig) throws -> any PromptSource {
        try source(config, path: config.data.path, split: .train)
    }

    /// The held-out examples of `eval_steps`: `eval_dataset`, or a built-in task's test split.
    static func evalSource(_ config: GRPOConfig) throws -> (any PromptSource)? {
        guard config.logging.evalSteps > 0 else { return nil }
        return try source(config, path: config.logging.evalDataset, split: .test, count: config.logging.evalSize)
    }

    /// The recipe's task on `split` (`path` for file tasks); a built-in task's test split is fixed by its version.
    static func source(_ config: GRPOConfig, path: String?, split: TaskSplit, count: Int? = nil) throws -> any PromptSource {
        let base = try taskSource(config, path: path, split: split, count: count)
        guard let chat = try chatTemplate(config.data.template, model: config.data.model) else { return base }
        return try ChatTemplatedSource(base: base, template: chat, systemPrompt: config.data.systemPrompt,
                                       tokenizer: try tokenizer(model: config.data.model, tokenizer: config.data.tokenizer))
    }

    /// The task or dataset with a fixed prompt template (`plain` when the model's chat template takes over).
    private static func taskSource(_ config: GRPOConfig, path: String?, split: TaskSplit, count: Int?) throws -> any PromptSource {
        let template = PromptTemplate(rawValue: config.data.template) ?? .plain
        if config.data.task == "arithmetic" {
            return try ArithmeticTask(count: count, digits: config.data.arithmeticDigits, operands: config.data.arithmeticOperands,
                                      operations: config.data.arithmeticOperations, split: split, template: template,
                                      seed: config.run.seed)
        }
        if config.data.task == "countdown" {
            return try CountdownTask(count: count, numbers: config.data.countdownNumbers,
                                     maxNumber: config.data.countdownMaxNumber, operations: config.data.countdownOperations,
                                     split: split, template: template,
                                     seed: config.run.seed)
        }
        var mapping = FieldMapping.preset(config.data.task == "gsm8k" ? "gsm8k" : config.data.style) ?? FieldMapping()
        if let q = config.data.questionField { mapping.question = q }
        if let a = config.data.answerField { mapping.answer = a }
        if let g = config.data.goldFormat { mapping.goldFormat = g }
        return try JSONLDataset(path: path!, mapping: mapping, template: template)
    }

    /// The recipe's rewards (or the source's defaults) with their weights.
    static func rewards(_ config: GRPOConfig, source: any PromptSource,
                        custom: [String: any RewardFunction]) throws -> [WeightedComponent] {
        let names = config.rewards.funcs.isEmpty ? source.defaultRewards : config.rewards.funcs
        let weights = config.rewards.weights ?? Array(repeating: 1, count: names.count)
        return try zip(names, weights).map { name, weight in
            WeightedComponent(try custom[name] ?? RewardRegistry.make(name, options: config.rewards.options[name] ?? [:]),
                              weight: weight)
        }
    }
}
