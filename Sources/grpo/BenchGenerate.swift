// `grpo bench generate`: generated tokens/s of the engine on the standard shapes and batches.
import ArgumentParser
import Autograd
import Foundation
import Generation
import Models

struct BenchGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate",
        abstract: "Generated tokens/s: prompts of 32 tokens, 128 new tokens, temperature 1.",
        discussion: "Also prints the useful GFLOP/s of the weight products and what sgemm reaches on the same products in the same run.")
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print one JSON object instead of a table.") var json = false
    @Option(help: "Model shapes: built-in names (tiny, small) or config.json paths.") var models = ["tiny", "small"]
    @Option(help: "Batch sizes (prompts generated together).") var batches = [8, 64]
    @Option(help: "New tokens per prompt.") var newTokens = 128

    func run() throws {
        compute.apply()
        var reports: [GenerateReport] = []
        for name in models {
            for batch in batches {
                let label = name.hasSuffix(".json") ? URL(fileURLWithPath: name).deletingPathExtension().lastPathComponent : name
                reports.append(try GenerateBenchmark.run(name: label, config: try TransformerConfig.named(name), batch: batch,
                                                         newTokens: newTokens))
            }
        }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(["blasCore": Runtime.blasCoreName, "decodeKernel": Runtime.decodeKernel, "threads": "\(Runtime.threads)"]
                .merging([:]) { a, _ in a }), as: UTF8.self).dropLast() + ",\"generate\":"
                + String(decoding: try encoder.encode(reports), as: UTF8.self) + "}")
            return
        }
        print("OpenBLAS core: \(Runtime.blasCoreName) (\(Runtime.blasCoreSource)), decode kernel \(Runtime.decodeKernel), threads \(Runtime.threads)")
        print("generate (prompt 32, \(newTokens) new, temperature 1)   tokens/s   seconds   GFLOP/s   sgemm GFLOP/s   of sgemm")
        for r in reports {
            print(String(format: "  %-6@ batch %3d %27.0f  %8.2f  %8.1f  %14.1f  %7.0f%%", r.name as NSString, r.batch,
                         r.tokensPerSecond, r.seconds, r.usefulGFLOPS, r.sgemmGFLOPS, 100 * r.usefulGFLOPS / r.sgemmGFLOPS))
        }
        print("GFLOP/s counts the weight products (2 FLOPs per weight per token); sgemm GFLOP/s is OpenBLAS on those")
        print("same products (batch rows × each weight matrix), timed in this run.")
    }
}
