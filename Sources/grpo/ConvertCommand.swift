// `grpo convert`: load a model directory and write it again (dtype change, sharding, a check that a
// checkpoint reads cleanly), or import a llama.cpp GGUF file as a Hugging Face model directory.
import ArgumentParser
import Foundation
import Models

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite a model directory as F32 or BF16 (optionally sharded), or import a GGUF file.",
        discussion: """
            grpo convert --model DIR --out DIR2 [--dtype bf16] rewrites a model directory.
            grpo convert --from-gguf FILE.gguf --out DIR imports a llama.cpp file (llama or qwen2; F32, F16, BF16,
            Q8_0, Q4_0, Q4_1, Q4_K, Q5_K, Q6_K tensors, dequantised) with its byte-level BPE tokenizer.
            See docs/gguf.md.
            """)
    @Option(help: "Model directory to read.") var model: String?
    @Option(help: "GGUF file to import (instead of --model).") var fromGguf: String?
    @Option(help: "Directory to write.") var out: String
    @Option(help: "Weight type on disk: f32 or bf16.") var dtype = "f32"
    @Option(help: "Largest shard in bytes (default: one file).") var maxShardBytes: Int?

    func validate() throws {
        guard (model == nil) != (fromGguf == nil) else {
            throw ValidationError("give exactly one of --model DIR and --from-gguf FILE")
        }
    }

    func run() throws {
        let dtype = try SafeTensors.DType.option(self.dtype)
        if let fromGguf {
            let loaded = try GGUFImport.convert(URL(fileURLWithPath: fromGguf), to: URL(fileURLWithPath: out),
                                                dtype: dtype, maxShardBytes: maxShardBytes)
            print("wrote \(out): \(loaded.parameterCount) parameters as \(dtype.rawValue), with tokenizer.json from \(fromGguf)")
            return
        }
        let source = URL(fileURLWithPath: model!)
        let loaded = try ModelDirectory.load(source)
        try ModelDirectory.save(loaded, to: URL(fileURLWithPath: out), dtype: dtype, maxShardBytes: maxShardBytes,
                                tokenizerFrom: source)
        print("wrote \(out): \(loaded.parameterCount) parameters as \(dtype.rawValue)")
    }
}
