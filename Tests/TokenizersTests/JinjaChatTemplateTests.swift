// A model's chat template applied to messages: the SFT mask trains each assistant reply with its
// end-of-turn marker and nothing else, on every fixture template; {% generation %} blocks win when
// present; tokenizer_config.json and chat_template.jinja are read as transformers reads them.
import Foundation
import Testing
import Tokenizers

@Suite struct JinjaChatTemplateTests {
    private let chat = [
        ChatMessage(role: .system, content: "Be brief."),
        ChatMessage(role: .user, content: "What is 12+30?"),
        ChatMessage(role: .assistant, content: "42 😀"),
        ChatMessage(role: .user, content: "And {{ 7*6 }}?"),
        ChatMessage(role: .assistant, content: " Also 42. "),
    ]

    static func template(_ name: String, bos: String?, eos: String?) throws -> JinjaChatTemplate {
        let path = JinjaParityTests.directory.appendingPathComponent("\(name).jinja").path
        return try JinjaChatTemplate(try String(contentsOfFile: path, encoding: .utf8), name: path, bosToken: bos, eosToken: eos)
    }

    /// Each template, and the trained text it should give for the two replies of `chat`.
    static let expectations: [(name: String, bos: String?, eos: String?, trained: [String])] = [
        ("smollm2", "<|im_start|>", "<|im_end|>", ["42 😀<|im_end|>", " Also 42. <|im_end|>"]),
        ("qwen2.5", nil, "<|im_end|>", ["42 😀<|im_end|>", " Also 42. <|im_end|>"]),
        ("llama3.2", "<|begin_of_text|>", "<|eot_id|>", ["42 😀<|eot_id|>", "Also 42.<|eot_id|>"]),  // the template trims
        ("mistral-nemo", "<s>", "</s>", ["42 😀</s>", " Also 42. </s>"]),
        // Phi-3.5 ends a chat without a generation prompt with EOS: the last turn trains it too.
        ("phi3.5", "<s>", "<|endoftext|>", ["42 😀<|end|>", " Also 42. <|end|>\n<|endoftext|>"]),
    ]

    @Test func maskTrainsRepliesAndTheirEndOfTurnOnEveryTemplate() throws {
        for e in Self.expectations {
            let template = try Self.template(e.name, bos: e.bos, eos: e.eos)
            for messages in [chat, Array(chat.dropFirst())] {
                let (text, ranges) = try template.trainedRanges(messages)
                #expect(text == (try template.render(messages)), "\(e.name)")
                let bytes = Array(text.utf8)
                #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == e.trained, "\(e.name)")
            }
        }
    }

    @Test func smolLM2MaskMatchesTheFixedChatMLLayout() throws {
        // SmolLM2's template is ChatML with a default system prompt: the fixed layout must give the same ids and mask.
        let tokenizer = try Fixtures.tokenizer("smollm")
        let jinja = try Self.template("smollm2", bos: "<|im_start|>", eos: "<|im_end|>")
        let fixed = ChatTemplate(format: .chatml, endOfTurn: "<|im_end|>",
                                 defaultSystemPrompt: "You are a helpful AI assistant named SmolLM, trained by Hugging Face")
        for messages in [chat, Array(chat.dropFirst())] {
            let ours = try jinja.encode(messages, with: tokenizer)
            let expected = try fixed.encode(messages, with: tokenizer)
            #expect(ours == expected)
            #expect(ours.assistantMask.contains(true))
        }
    }

    @Test func maskFollowsTheTokenizersNormalisation() throws {
        // Qwen2's tokenizer normalises to NFC: a decomposed "é" in a reply shrinks, and the mask moves with it.
        let tokenizer = try Fixtures.tokenizer("qwen2")
        let template = try Self.template("qwen2.5", bos: nil, eos: "<|im_end|>")
        let messages = [ChatMessage(role: .user, content: "Cafe\u{301}?"), ChatMessage(role: .assistant, content: "Cafe\u{301} is coffee.")]
        let encoded = try template.encode(messages, with: tokenizer)
        #expect(encoded.ids == tokenizer.encode(tokenizer.normalize(try template.render(messages)), addSpecialTokens: false))
        let trained = zip(encoded.ids, encoded.assistantMask).filter(\.1).map(\.0)
        #expect(tokenizer.decode(trained) == tokenizer.normalize("Cafe\u{301} is coffee.<|im_end|>"))
    }

    @Test func generationBlocksDecideTheMask() throws {
        let text = "{% for m in messages %}[{{ m.role }}]{% if m.role == 'assistant' %}{% generation %}{{ m.content }}<end>"
            + "{% endgeneration %}{% else %}{{ m.content }}{% endif %}\n{% endfor %}"
        let template = try JinjaChatTemplate(text, name: "inline")
        let (rendered, ranges) = try template.trainedRanges(Array(chat.prefix(3)))
        let bytes = Array(rendered.utf8)
        #expect(ranges.map { String(decoding: bytes[$0], as: UTF8.self) } == ["42 😀<end>"])
    }

    @Test func readsTheModelDirectory() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("jinja-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let config = dir.appendingPathComponent("tokenizer_config.json")
        // bos_token as an AddedToken object, as older tokenizer_config.json files write it.
        try #"{"bos_token": {"content": "<s>", "lstrip": false}, "eos_token": "</s>", "chat_template": "{{ bos_token }}{% for m in messages %}{{ m.content }}{{ eos_token }}{% endfor %}"}"#
            .write(to: config, atomically: true, encoding: .utf8)
        let fromConfig = try TokenizerConfig.chatTemplate(directory: dir.path)
        #expect(try fromConfig.render([ChatMessage(role: .user, content: "hi")]) == "<s>hi</s>")

        // chat_template.jinja wins over the JSON field, as in transformers.
        try "{{ messages[0].content }}!{{ eos_token }}\n".write(to: dir.appendingPathComponent("chat_template.jinja"), atomically: true, encoding: .utf8)
        #expect(try TokenizerConfig.chatTemplate(directory: dir.path).render([ChatMessage(role: .user, content: "hi")]) == "hi!</s>")

        try FileManager.default.removeItem(at: dir.appendingPathComponent("chat_template.jinja"))
        try #"{"eos_token": "</s>"}"#.write(to: config, atomically: true, encoding: .utf8)
        let error = try #require(throws: TokenizerError.self) { try TokenizerConfig.chatTemplate(directory: dir.path) }
        #expect(error.file == config.path && error.field == "chat_template")

        try #"{"chat_template": "{% if %}"}"#.write(to: config, atomically: true, encoding: .utf8)
        let syntax = try #require(throws: JinjaError.self) { try TokenizerConfig.chatTemplate(directory: dir.path) }
        #expect(syntax.template == "\(config.path): chat_template" && syntax.line == 1 && syntax.column == 7)
    }
}
