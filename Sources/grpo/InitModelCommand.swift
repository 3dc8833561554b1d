// `grpo init-model`: a new randomly initialised model directory.
import ArgumentParser
import Foundation
import Models

struct InitModel: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "init-model",
        abstract: "Write a randomly initialised model as a Hugging Face model directory.")
    @Option(help: "A config.json path, or a built-in shape: \(TransformerConfig.builtinNames.joined(separator: ", ")).")
    var config: String
    @Option(help: "Directory to write (created if needed).") var out: String
    @Option(help: "Random seed for the weights.") var seed: UInt64 = 0
    @Option(help: "Weight type on disk: f32 or bf16.") var dtype = "f32"
    @Option(help: "Copy tokenizer files from this model directory.") var tokenizerFrom: String?

    func run() throws {
        guard let type = ["f32": SafeTensors.DType.f32, "bf16": .bf16][dtype.lowercased()] else {
            throw ValidationError("--dtype must be f32 or bf16 (got \(dtype))")
        }
        let model = try Transformer(config: try TransformerConfig.named(config), seed: seed)
        try ModelDirectory.save(model, to: URL(fileURLWithPath: out), dtype: type,
                                tokenizerFrom: tokenizerFrom.map { URL(fileURLWithPath: $0) })
        print("wrote \(out): \(model.config.modelType), \(model.parameterCount) parameters, seed \(seed)")
    }
}
