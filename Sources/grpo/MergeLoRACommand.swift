// `grpo merge-lora`: fold PEFT adapters into their base model and write a plain model directory.
import ArgumentParser
import Foundation
import Models

struct MergeLoRA: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "merge-lora",
        abstract: "Merge LoRA adapters (PEFT layout) into the base model and save the result.")
    @Option(help: "Base model directory.") var model: String
    @Option(help: "Adapter directory (adapter_config.json, adapter_model.safetensors).") var adapter: String
    @Option(help: "Directory to write the merged model to.") var out: String
    @Option(help: "Weight type on disk: f32 or bf16.") var dtype = "f32"

    func run() throws {
        let type = try SafeTensors.DType.option(dtype)
        let base = URL(fileURLWithPath: model)
        let transformer = try ModelDirectory.load(base)
        try transformer.loadLoRA(from: URL(fileURLWithPath: adapter))
        let count = transformer.adapters.count
        try transformer.mergeLoRA()
        try ModelDirectory.save(transformer, to: URL(fileURLWithPath: out), dtype: type, tokenizerFrom: base)
        print("merged \(count) adapters into \(out)")
    }
}
