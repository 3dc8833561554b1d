// Chat templates: the rendered text, and an assistant mask that selects exactly the assistant replies.
import Foundation
import Testing
import Tokenizers

@Suite struct ChatTemplateTests {
    private let chat = [
        ChatMessage(role: .system, content: "You are a helpful assistant."),
        ChatMessage(role: .user, content: "What is 12+30?"),
        ChatMessage(role: .assistant, content: "It's 42. 😀"),
        ChatMessage(role: .user, content: "And café?"),
        ChatMessage(role: .assistant, content: "Cafe\u{301} is coffee."),
    ]

    @Test func chatmlText() {
        let text = ChatTemplate.chatml.render(Array(chat.prefix(2)), addGenerationPrompt: true)
        #expect(
            text == "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n"
                + "<|im_start|>user\nWhat is 12+30?<|im_end|>\n<|im_start|>assistant\n")
    }

    /// One conversation rendered by Qwen2's real Jinja template (scripts/make_fixtures.py).
    struct Render: Decodable {
        let messages: [ChatMessage]
        let addGenerationPrompt: Bool
        let text: String

        enum CodingKeys: String, CodingKey {
            case messages, text
            case addGenerationPrompt = "add_generation_prompt"
        }
    }

    @Test func qwen2TextIsTheJinjaTemplates() throws {
        let data = try Data(contentsOf: Fixtures.directory.appendingPathComponent("chat/qwen2.json"))
        let renders = try JSONDecoder().decode([Render].self, from: data)
        #expect(renders.count == 6)
        for render in renders {
            let text = ChatTemplate.qwen2.render(render.messages, addGenerationPrompt: render.addGenerationPrompt)
            #expect(text == render.text)
        }
    }

    @Test func plainText() {
        let text = ChatTemplate.plain().render(Array(chat.prefix(3)), addGenerationPrompt: false)
        #expect(
            text == "System: You are a helpful assistant.\nUser: What is 12+30?\n"
                + "Assistant: It's 42. 😀<|endoftext|>\n")
        #expect(ChatTemplate.plain().render([chat[1]], addGenerationPrompt: true) == "User: What is 12+30?\nAssistant:")
    }

    @Test(arguments: ["qwen2", "smollm"])
    func chatmlMaskSelectsAssistantReplies(family: String) throws {
        let tokenizer = try Fixtures.tokenizer(family)
        let encoded = try ChatTemplate.chatml.encode(chat, with: tokenizer)
        let text = ChatTemplate.chatml.render(chat)
        #expect(encoded.ids == tokenizer.encode(tokenizer.normalize(text), addSpecialTokens: false))
        #expect(encoded.assistantMask.count == encoded.ids.count)
        let trained = zip(encoded.ids, encoded.assistantMask).filter(\.1).map(\.0)
        #expect(
            tokenizer.decode(trained) == tokenizer.normalize("It's 42. 😀<|im_end|>Cafe\u{301} is coffee.<|im_end|>"))
        #expect(encoded.assistantMask.last == false)  // the newline after <|im_end|> is not trained
    }

    @Test func plainMaskWithGPT2() throws {
        let tokenizer = try Fixtures.tokenizer("gpt2-real")
        let encoded = try ChatTemplate.plain().encode(Array(chat.prefix(3)), with: tokenizer)
        let trained = zip(encoded.ids, encoded.assistantMask).filter(\.1).map(\.0)
        #expect(tokenizer.decode(trained) == " It's 42. 😀<|endoftext|>")
        #expect(encoded.assistantMask.filter { $0 }.count == trained.count)
        #expect(encoded.assistantMask.first == false)
    }

    @Test func plainMaskWithCharacters() throws {
        let tokenizer = CharTokenizer()
        let messages = [ChatMessage(role: .user, content: "2+2?"), ChatMessage(role: .assistant, content: "4")]
        let encoded = try ChatTemplate.plain().encode(messages, with: tokenizer)
        let trained = zip(encoded.ids, encoded.assistantMask).filter(\.1).map(\.0)
        #expect(tokenizer.decode(trained) == " 4<|endoftext|>")
        #expect(tokenizer.decode(encoded.ids) == "User: 2+2?\nAssistant: 4<|endoftext|>\n")
    }

    @Test func chatmlNeedsItsSpecialTokens() throws {
        let tokenizer = try Fixtures.tokenizer("gpt2")
        let error = try #require(throws: TokenizerError.self) { try ChatTemplate.chatml.encode(chat, with: tokenizer) }
        #expect(error.description.contains("<|im_start|>"))
    }
}
