// The model's own chat template through the real binary: `grpo tokenize --chat` prints transformers'
// rendering with the SFT mask, `grpo sft` with `dataset.template: model` trains the replies and their
// end-of-turn marker, and `grpo train` with it samples from prompts in the template. The model directory is a
// random tiny model with SmolLM2's tokenizer fixture and chat template in its tokenizer_config.json.
import Foundation
import RolloutLog
import Testing
import TestSupport
import Tokenizers
import Training

@Suite(.serialized) struct ChatTemplateRunTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("chat-template-\(UUID().uuidString)")
    static let tokenizerFixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .appendingPathComponent("../TokenizersTests/Fixtures").standardizedFileURL
    static let smollm2 = tokenizerFixtures.appendingPathComponent("chat-templates/smollm2.jinja")

    func write(_ name: String, _ text: String) throws -> String { try writeScratchFile(name, text, in: Self.directory) }

    /// A tiny random model (vocabulary widened to the tokenizer's) with SmolLM2's tokenizer and chat template.
    static let model: Result<String, Error> = Result {
        let fm = FileManager.default
        let tokenizers = directory.appendingPathComponent("tokenizer-files")
        try fm.createDirectory(at: tokenizers, withIntermediateDirectories: true)
        try fm.copyItem(at: tokenizerFixtures.appendingPathComponent("smollm/tokenizer.json"),
                        to: tokenizers.appendingPathComponent("tokenizer.json"))
        let config: [String: Any] = ["bos_token": "<|im_start|>", "eos_token": "<|im_end|>",
                                     "chat_template": try String(contentsOf: smollm2, encoding: .utf8)]
        try JSONSerialization.data(withJSONObject: config).write(to: tokenizers.appendingPathComponent("tokenizer_config.json"))
        let shape = directory.appendingPathComponent("shape").path
        let r = try GRPOBinary.run(["init-model", "--config", "tiny", "--out", shape])
        guard r.status == 0 else { throw TokenizerError(file: shape, field: "", r.err) }
        var json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: shape + "/config.json"))) as! [String: Any]
        json["vocab_size"] = 1024
        json["eos_token_id"] = 2
        let widened = directory.appendingPathComponent("config.json")
        try JSONSerialization.data(withJSONObject: json).write(to: widened)
        let model = directory.appendingPathComponent("model").path
        let m = try GRPOBinary.run(["init-model", "--config", widened.path, "--out", model, "--tokenizer-from", tokenizers.path])
        guard m.status == 0 else { throw TokenizerError(file: model, field: "", m.err) }
        return model
    }

    static let chat = #"{"messages": [{"role": "user", "content": "What is 2+2?"}, {"role": "assistant", "content": "4"}, {"role": "user", "content": "And {{ 3+3 }}?"}, {"role": "assistant", "content": "6 😀"}]}"#

    @Test func tokenizeChatPrintsTheTemplatesTextIdsAndMask() throws {
        let model = try Self.model.get()
        let chats = try write("chats.jsonl", Self.chat + "\n")
        let r = try GRPOBinary.run(["tokenize", "--tokenizer", model, "--chat", chats])
        #expect(r.status == 0, "\(r.err)")
        let line = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        let text = line["text"] as! String
        #expect(text == "<|im_start|>system\nYou are a helpful AI assistant named SmolLM, trained by Hugging Face<|im_end|>\n"
            + "<|im_start|>user\nWhat is 2+2?<|im_end|>\n<|im_start|>assistant\n4<|im_end|>\n"
            + "<|im_start|>user\nAnd {{ 3+3 }}?<|im_end|>\n<|im_start|>assistant\n6 😀<|im_end|>\n")
        let tokenizer = try BPETokenizer(path: model)
        let ids = line["ids"] as! [Int], mask = line["assistant_mask"] as! [Int]
        #expect(ids == tokenizer.encode(text, addSpecialTokens: false) && mask.count == ids.count)
        #expect(tokenizer.decode(zip(ids, mask).filter { $0.1 == 1 }.map(\.0)) == "4<|im_end|>6 😀<|im_end|>")

        let prompt = try GRPOBinary.run(["tokenize", "--tokenizer", model, "--chat", chats, "--add-generation-prompt"])
        let opened = try JSONSerialization.jsonObject(with: Data(prompt.out.utf8)) as! [String: Any]
        #expect((opened["text"] as! String).hasSuffix("6 😀<|im_end|>\n<|im_start|>assistant\n") && opened["assistant_mask"] == nil)

        let bad = try write("bad.jsonl", "{\"messages\": [{\"role\": \"robot\", \"content\": \"x\"}]}\n")
        let refused = try GRPOBinary.run(["tokenize", "--tokenizer", model, "--chat", bad])
        #expect(refused.status != 0 && refused.err.contains("bad.jsonl: line 1: messages[0].role"), "\(refused.err)")
        let broken = try write("broken.jinja", "{% for m in messages %}{{ m.content ~ }}{% endfor %}")
        let syntax = try GRPOBinary.run(["tokenize", "--tokenizer", model, "--chat", chats, "--chat-template", broken])
        #expect(syntax.status != 0 && syntax.err.contains("broken.jinja:1:"), "\(syntax.err)")
    }

    @Test func sftTrainsTheRepliesOfTheModelsTemplate() throws {
        let model = try Self.model.get()
        let data = try write("sft.jsonl", String(repeating: Self.chat + "\n", count: 8))
        let recipe = try write("sft.yaml", """
            name: sft-chat
            model: \(model)
            dataset: {path: \(data), template: model}
            per_device_train_batch_size: 4
            max_steps: 2
            """)
        let run = Self.directory.appendingPathComponent("sft-run").path
        let r = try GRPOBinary.run(["sft", recipe, "--out", run, "--threads", "2"])
        #expect(r.status == 0, "\(r.err)")
        let resolved = try String(contentsOfFile: run + "/config.resolved.yaml", encoding: .utf8)
        #expect(resolved.contains("template: \"model\""), "\(resolved)")

        // The examples the run trained on: the replies and their <|im_end|>, not the next turn's newline.
        let tokenizer = try BPETokenizer(path: model)
        let template = try TokenizerConfig.chatTemplate(directory: model)
        let examples = try SFTDataset.load(path: data, tokenizer: tokenizer, eos: 2, maxLength: 512, chatTemplate: template).examples
        let e = examples[0]
        #expect(tokenizer.decode(zip(e.ids, e.lossMask).filter { $0.1 == 1 }.map { Int($0.0) }) == "4<|im_end|>6 😀<|im_end|>")
        #expect(tokenizer.decode(e.ids.map(Int.init)).hasSuffix("6 😀<|im_end|>"), "nothing after the last reply")
        #expect(e.prompt.hasSuffix("<|im_start|>assistant\n"))

        let noTemplate = try write("no-template.yaml", "model: tiny\ndataset: {path: \(data), template: model}\nmax_steps: 1\n")
        let refused = try GRPOBinary.run(["sft", noTemplate, "--out", Self.directory.appendingPathComponent("refused").path])
        #expect(refused.status != 0 && refused.err.contains("dataset.template: model needs a model directory"), "\(refused.err)")
    }

    @Test func grpoPromptsAreTheModelsTemplateWithTheTurnOpened() throws {
        let model = try Self.model.get()
        let recipe = try write("grpo.yaml", """
            name: grpo-chat
            model: \(model)
            dataset: {task: arithmetic, digits: 1, operations: "+", template: model, system_prompt: "Answer in <answer> </answer>."}
            prompts_per_step: 2
            num_generations: 2
            max_completion_length: 4
            max_steps: 1
            """)
        let run = Self.directory.appendingPathComponent("grpo-run").path
        let r = try GRPOBinary.run(["train", recipe, "--out", run, "--threads", "2"])
        #expect(r.status == 0, "\(r.err)")
        let records = try RolloutLogReader(path: run + "/rollouts.zst").read().records
        #expect(!records.isEmpty)
        for record in records {
            #expect(record.prompt.hasPrefix("<|im_start|>system\nAnswer in <answer> </answer>.<|im_end|>\n<|im_start|>user\nWhat is "))
            #expect(record.prompt.hasSuffix("?<|im_end|>\n<|im_start|>assistant\n"), "\(record.prompt)")
        }
        // grpo eval asks the same prompts of the model.
        let eval = try GRPOBinary.run(["eval", "--model", model, "--template", "model", "--system-prompt", "Answer in <answer> </answer>.",
                                       "--digits", "1", "--prompts", "2", "--n", "1", "--k", "1", "--max-new-tokens", "2", "--threads", "1"])
        #expect(eval.status == 0 && eval.out.contains("pass@1"), "\(eval.err)")
        // final/ keeps the chat template, so the trained model is evaluated the same way.
        #expect(FileManager.default.contentsEqual(atPath: run + "/final/tokenizer_config.json", andPath: model + "/tokenizer_config.json"))
        let trained = try GRPOBinary.run(["eval", "--model", run + "/final", "--template", "model", "--digits", "1", "--prompts", "1",
                                          "--n", "1", "--k", "1", "--max-new-tokens", "2", "--threads", "1"])
        #expect(trained.status == 0, "\(trained.err)")
        let untemplated = try GRPOBinary.run(["eval", "--model", Self.directory.appendingPathComponent("shape").path, "--template", "model",
                                              "--prompts", "1", "--n", "1", "--k", "1"])
        #expect(untemplated.status != 0 && untemplated.err.contains("chat_template"), "\(untemplated.err)")
        let misplaced = try write("misplaced.yaml", "dataset: {task: arithmetic, system_prompt: hi}\nmax_steps: 1\n")
        let refused = try GRPOBinary.run(["train", misplaced, "--out", Self.directory.appendingPathComponent("misplaced").path])
        #expect(refused.status != 0 && refused.err.contains("applies only with dataset.template: model"), "\(refused.err)")
    }
}
