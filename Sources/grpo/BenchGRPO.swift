// `grpo bench grpo`: seconds per GRPO step (8 prompts × 8 completions, 64 new tokens, a cheap reward).
import ArgumentParser
import Autograd
import Foundation
import Training

struct BenchGRPO: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "grpo",
        abstract: "Seconds per GRPO step: 8 prompts × 8 completions of up to 64 tokens, a cheap reward.")
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print JSON instead of a table.") var json = false
    @Option(help: "Built-in model shapes (random weights, character tokenizer) or model directories (their own weights and tokenizer, e.g. SmolLM2 imported from GGUF).")
    var models = ["tiny", "small"]
    @Option(help: "Timed steps per shape (after one warm-up).") var steps = 3

    func run() async throws {
        compute.apply()
        var reports: [GRPOStepReport] = []
        for name in models { reports.append(try await GRPOStepBenchmark.run(name: name, steps: steps, threads: compute.threads)) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            print(String(decoding: try encoder.encode(reports), as: UTF8.self))
            return
        }
        print("OpenBLAS core: \(Runtime.blasCoreName) (\(Runtime.blasCoreSource)), decode kernel \(Runtime.decodeKernel), threads \(Runtime.threads)")
        print("GRPO step (8 × 8 completions, ≤ 64 new tokens)   s/step   sampling   scoring   training   logging")
        for r in reports {
            print(String(format: "  %-6@ %35.2f %10.2f %9.3f %10.2f %9.3f", r.name as NSString, r.secondsPerStep,
                         r.generationSeconds, r.rewardSeconds, r.trainingSeconds, r.loggingSeconds))
        }
        print("training split                                 log-probs   forward   backward   optimiser")
        for r in reports {
            print(String(format: "  %-6@ %48.3f %9.3f %10.3f %11.3f", r.name as NSString, r.logprobSeconds, r.forwardSeconds,
                         r.backwardSeconds, r.optimizerSeconds))
        }
    }
}
