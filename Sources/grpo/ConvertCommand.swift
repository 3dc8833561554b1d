// `grpo convert`: load a model directory and write it again (dtype change, sharding, a check that a
// checkpoint reads cleanly), import a llama.cpp GGUF file as a Hugging Face model directory, or export a
// model directory as a GGUF file llama.cpp runs.
import ArgumentParser
import Foundation
import Models

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Rewrite a model directory as F32 or BF16 (optionally sharded), or import or export GGUF.",
        discussion: """
            grpo convert --model DIR --out DIR2 [--dtype bf16] rewrites a model directory.
            grpo convert --from-gguf FILE.gguf --out DIR imports a llama.cpp file (llama or qwen2; F32, F16, BF16,
            Q8_0, Q4_0, Q4_1, Q4_K, Q5_K, Q6_K tensors, dequantised) with its byte-level BPE tokenizer.
            grpo convert --model DIR --to-gguf OUT.gguf [--type f16|q8_0|f32] writes a file llama.cpp loads.
            See docs/gguf.md.
            """)
    @Option(help: "Model directory to read.") var model: String?
    @Option(help: "GGUF file to import (instead of --model).") var fromGguf: String?
    @Option(help: "Directory to write (with --model or --from-gguf).") var out: String?
    @Option(help: "GGUF file to write from --model (instead of --out).") var toGguf: String?
    @Option(help: "Matrix type in the GGUF file: f16, q8_0 or f32 (norms stay F32).") var type = "f16"
    @Option(help: "Weight type on disk: f32 or bf16.") var dtype = "f32"
    @Option(help: "Largest shard in bytes (default: one file).") var maxShardBytes: Int?

    func validate() throws {
        guard (model == nil) != (fromGguf == nil) else {
            throw ValidationError("give exactly one of --model DIR and --from-gguf FILE")
        }
        guard (out == nil) != (toGguf == nil) else { throw ValidationError("give exactly one of --out DIR and --to-gguf FILE") }
        if toGguf != nil && model == nil { throw ValidationError("--to-gguf needs --model DIR") }
        if GGUFExport.WeightType(rawValue: type) == nil {
            throw ValidationError("--type must be one of f16, q8_0, f32 (got \(type))")
        }
    }

    func run() throws {
        let dtype = try SafeTensors.DType.option(self.dtype)
        if let fromGguf {
            let loaded = try GGUFImport.convert(URL(fileURLWithPath: fromGguf), to: URL(fileURLWithPath: out!),
                                                dtype: dtype, maxShardBytes: maxShardBytes)
            print("wrote \(out!): \(loaded.parameterCount) parameters as \(dtype.rawValue), with tokenizer.json from \(fromGguf)")
            return
        }
        let source = URL(fileURLWithPath: model!)
        let loaded = try ModelDirectory.load(source)
        if let toGguf {
            let weightType = GGUFExport.WeightType(rawValue: type)!
            try GGUFExport.write(loaded, tokenizerDir: source, to: URL(fileURLWithPath: toGguf), type: weightType)
            print("wrote \(toGguf): \(loaded.parameterCount) parameters, matrices as \(weightType.rawValue)")
            return
        }
        try ModelDirectory.save(loaded, to: URL(fileURLWithPath: out!), dtype: dtype, maxShardBytes: maxShardBytes,
                                tokenizerFrom: source)
        print("wrote \(out!): \(loaded.parameterCount) parameters as \(dtype.rawValue)")
    }
}
