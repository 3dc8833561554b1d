// `dataset.template: model` for GRPO: each question becomes a chat (`dataset.system_prompt`, then the
// question as the user's message) rendered by the model's own chat template with the assistant's turn
// opened, as transformers' apply_chat_template(add_generation_prompt=True) renders it. A BOS the template
// writes is left out when the tokenizer adds one itself, so the prompt's ids start with one BOS, not two.
import Models
import Tasks
import Tokenizers

/// A prompt source whose prompts are its questions in the model's chat template.
public struct ChatTemplatedSource: PromptSource {
    /// The source whose questions are rendered.
    public let base: any PromptSource
    private let prompts: [String]

    public var name: String { base.name }
    public var count: Int { base.count }
    public var defaultRewards: [String] { base.defaultRewards }

    /// Renders every question of `base` once (a template that fails names the example).
    public init(base: any PromptSource, template: JinjaChatTemplate, systemPrompt: String, tokenizer: any Tokenizer) throws {
        self.base = base
        let addsBOS = template.bosToken.flatMap { tokenizer.id(of: $0) }.map { tokenizer.encode("", addSpecialTokens: true).contains($0) } ?? false
        var prompts: [String] = []
        prompts.reserveCapacity(base.count)
        for i in 0..<base.count {
            var chat = systemPrompt.isEmpty ? [] : [ChatMessage(role: .system, content: systemPrompt)]
            chat.append(ChatMessage(role: .user, content: base.example(at: i).question))
            var prompt = try template.render(chat, addGenerationPrompt: true)
            if addsBOS, let bos = template.bosToken, prompt.hasPrefix(bos) { prompt.removeFirst(bos.count) }
            prompts.append(prompt)
        }
        self.prompts = prompts
    }

    public func example(at index: Int) -> Example {
        var example = base.example(at: index)
        example.prompt = prompts[index]
        return example
    }
}

extension RunSetup {
    /// The Jinja template `dataset.template` names: the model directory's (`model`) or a template file; nil
    /// for the fixed layouts (`chatml`, `plain`, `r1_zero` …).
    static func chatTemplate(_ template: String, model: String) throws -> JinjaChatTemplate? {
        let directory = TransformerConfig.builtin(model) == nil ? model : nil
        if template == "model" {
            guard let directory else {
                throw ConfigError("dataset.template: model needs a model directory with a chat template "
                    + "(model is the built-in shape \(model)); use chatml or plain")
            }
            return try TokenizerConfig.chatTemplate(directory: directory)
        }
        guard template.hasSuffix(".jinja") || template.contains("/") else { return nil }
        return try TokenizerConfig.chatTemplate(file: template, directory: directory)
    }
}
