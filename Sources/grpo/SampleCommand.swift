// `grpo sample`: completions from a model directory for one prompt, given ids, or a prompts file.
import ArgumentParser
import Foundation
import Generation
import Models
import Tokenizers
import Training

struct Sample: ParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Sample completions from a model.")
    @OptionGroup var compute: ComputeOptions
    @Option(help: "Model directory (with tokenizer.json for text prompts), or a GGUF file (its own tokenizer).") var model: String
    @Option(help: "Tokenizer: a tokenizer.json path, or `char` (default: the model directory's).") var tokenizer: String?
    @Option(help: "A prompt text.") var prompt: String?
    @Option(help: "Prompt token ids, comma separated.") var promptIds: String?
    @Option(help: "JSONL file: one {\"prompt\": TEXT} or {\"prompt_ids\": [...]} per line.") var prompts: String?
    @Option(help: "Completions per prompt.") var n = 1
    @Option(help: "Temperature (0 = greedy).") var temperature: Float = 1
    @Option(help: "Top-p.") var topP: Float = 1
    @Option(help: "Top-k (0 = off).") var topK = 0
    @Option(help: "Min-p (0 = off).") var minP: Float = 0
    @Option(help: "Repetition penalty (1 = off).") var repetitionPenalty: Float = 1
    @Option(help: "Longest completion in tokens.") var maxNewTokens = 128
    @Option(help: "Stop string (repeatable).") var stop: [String] = []
    @Option(help: "Seed.") var seed: UInt64 = 0
    @Flag(help: "One JSON object per completion.") var json = false

    func run() throws {
        compute.apply()
        let gguf = model.hasSuffix(".gguf") ? try GGUFFile(contentsOf: URL(fileURLWithPath: model)) : nil
        let transformer = try gguf.map(GGUFImport.load) ?? ModelDirectory.load(URL(fileURLWithPath: model))
        transformer.training = false
        let tok = try loadTokenizer(gguf: gguf)
        let inputs = try promptList(tok, vocabularySize: transformer.config.vocabSize)
        let params = SamplingParams(temperature: temperature, topK: topK, topP: topP, minP: minP,
                                    repetitionPenalty: repetitionPenalty, maxNewTokens: maxNewTokens, stopStrings: stop)
        let engine = GenerationEngine(model: transformer, decoder: tok.map { TokenizerTextDecoder(tokenizer: $0) })
        let requests = inputs.enumerated().map { i, ids in
            GenerationRequest(promptIds: ids, n: n, params: params, seed: GenerationRequest.seed(seed, i))
        }
        for c in try engine.generate(requests) {
            if json {
                let object: [String: Any] = [
                    "prompt_index": c.promptIndex, "sample_index": c.sampleIndex, "prompt_ids": c.promptIds,
                    "completion_ids": c.completionIds, "text": c.text, "logprobs": c.logprobs.map(Double.init),
                    "finish_reason": c.finishReason.rawValue]
                print(String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self))
            } else {
                print("[\(c.promptIndex).\(c.sampleIndex) \(c.finishReason.rawValue)] \(tok == nil ? "\(c.completionIds)" : c.text)")
            }
        }
    }

    func loadTokenizer(gguf: GGUFFile?) throws -> (any Tokenizer)? {
        if tokenizer == "char" { return CharTokenizer() }
        if let gguf, tokenizer == nil {
            let files = Dictionary(uniqueKeysWithValues: try GGUFTokenizerImport.tokenizerFiles(gguf))
            return try BPETokenizer(json: try JSONSerialization.data(withJSONObject: files["tokenizer.json"]!), file: gguf.path)
        }
        let path = tokenizer ?? URL(fileURLWithPath: model).appendingPathComponent("tokenizer.json").path
        if tokenizer == nil && !FileManager.default.fileExists(atPath: path) { return nil }
        return try BPETokenizer(path: path)
    }

    /// The prompts as token ids; a bad one is an error naming its option or `FILE:LINE`.
    func promptList(_ tok: (any Tokenizer)?, vocabularySize: Int) throws -> [[Int32]] {
        func checked(_ ids: [Int32], _ origin: String) throws -> [Int32] {
            if ids.isEmpty { throw ValidationError("\(origin): the prompt is empty") }
            if let bad = ids.first(where: { $0 < 0 || Int($0) >= vocabularySize }) {
                throw ValidationError("\(origin): token id \(bad) is outside the model's vocabulary (0..<\(vocabularySize))")
            }
            return ids
        }
        func encode(_ text: String, _ origin: String) throws -> [Int32] {
            guard let tok else { throw ValidationError("\(origin): a text prompt needs a tokenizer (--tokenizer)") }
            return try checked(tok.encode(text, addSpecialTokens: true).map(Int32.init), origin)
        }
        func ids(_ s: String, _ origin: String) throws -> [Int32] {
            try checked(s.split(separator: ",").map {
                guard let v = Int32($0.trimmingCharacters(in: .whitespaces)) else {
                    throw ValidationError("\(origin): \"\($0)\" is not a token id")
                }
                return v
            }, origin)
        }
        if let prompt { return [try encode(prompt, "--prompt")] }
        if let promptIds { return [try ids(promptIds, "--prompt-ids")] }
        guard let prompts else { throw ValidationError("give --prompt, --prompt-ids or --prompts FILE.jsonl") }
        guard let text = try? String(contentsOfFile: prompts, encoding: .utf8) else {
            throw ValidationError("\(prompts): cannot read")
        }
        return try text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { n, line in
            guard !line.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
            let origin = "\(prompts):\(n + 1)"
            guard let obj = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw ValidationError("\(origin): not a JSON object")
            }
            if let p = obj["prompt"] as? String { return try encode(p, origin) }
            if let list = obj["prompt_ids"] as? [Int] { return try checked(list.map { Int32(clamping: $0) }, origin) }
            throw ValidationError("\(origin): needs \"prompt\" (a string) or \"prompt_ids\" (a list of integers)")
        }
    }
}
