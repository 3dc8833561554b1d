// `grpo convert`: load a model directory and write it again (dtype change, sharding, a check that a
// checkpoint reads cleanly).
import ArgumentParser
import Foundation
import Models

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a model directory and write it again as F32 or BF16, optionally sharded.")
    @Option(help: "Model directory to read.") var model: String
    @Option(help: "Directory to write.") var out: String
    @Option(help: "Weight type on disk: f32 or bf16.") var dtype = "f32"
    @Option(help: "Largest shard in bytes (default: one file).") var maxShardBytes: Int?

    func run() throws {
        let type = try SafeTensors.DType.option(dtype)
        let source = URL(fileURLWithPath: model)
        let loaded = try ModelDirectory.load(source)
        try ModelDirectory.save(loaded, to: URL(fileURLWithPath: out), dtype: type, maxShardBytes: maxShardBytes,
                                tokenizerFrom: source)
        print("wrote \(out): \(loaded.parameterCount) parameters as \(type.rawValue)")
    }
}
