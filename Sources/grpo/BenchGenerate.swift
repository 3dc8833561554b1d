// `grpo bench generate`: generated tokens/s of the engine on the standard shapes and batches.
import ArgumentParser
import Autograd
import Foundation
import Generation
import Models

struct BenchGenerate: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "generate",
        abstract: "Generated tokens/s: prompts of 32 tokens, 128 new tokens, temperature 1.")
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
                reports.append(try GenerateBenchmark.run(name: name, config: try TransformerConfig.named(name), batch: batch,
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
        print("generate (prompt 32, \(newTokens) new, temperature 1)   tokens/s   seconds")
        for r in reports {
            print(String(format: "  %-6@ batch %3d %27.0f  %8.2f", r.name as NSString, r.batch, r.tokensPerSecond, r.seconds))
        }
    }
}
