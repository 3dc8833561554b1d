// `grpo init-model`: a new randomly initialised model directory.
import ArgumentParser
import Foundation
import Models
import Tokenizers

struct InitModel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init-model",
        abstract: "Write a randomly initialised model as a Hugging Face model directory.")
    @Option(help: "A config.json path, or a built-in shape: \(TransformerConfig.builtinNames.joined(separator: ", ")).")
    var config: String
    @Option(help: "Directory to write (created if needed).") var out: String
    @Option(help: "Random seed for the weights.") var seed: UInt64 = 0
    @Option(help: "Weight type on disk: f32 or bf16.") var dtype = "f32"
    @Option(help: "Copy tokenizer files from this model directory.") var tokenizerFrom: String?
    @Flag(help: "Write the built-in character tokenizer's tokenizer.json (and its EOS/pad ids) into the directory.")
    var charTokenizer = false

    func run() throws {
        let type = try SafeTensors.DType.option(dtype)
        var shape = try TransformerConfig.named(config)
        let chars = CharTokenizer()
        if charTokenizer {
            shape.eosTokenIds = [chars.id(of: "<|endoftext|>")!]
            shape.padTokenId = chars.id(of: "<|pad|>")
        }
        let model = try Transformer(config: shape, seed: seed)
        try ModelDirectory.save(model, to: URL(fileURLWithPath: out), dtype: type,
                                tokenizerFrom: tokenizerFrom.map { URL(fileURLWithPath: $0) })
        if charTokenizer { try chars.save(to: URL(fileURLWithPath: out).appendingPathComponent("tokenizer.json")) }
        print("wrote \(out): \(model.config.modelType), \(model.parameterCount) parameters, seed \(seed)")
    }
}
