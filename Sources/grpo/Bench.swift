// `grpo bench`: speed figures for each engine part, printed or as JSON.
import ArgumentParser
import Autograd
import Foundation
import Models

struct GemmResult: Codable {
    let m, n, k: Int
    let gflops: Double
}

struct AutogradBenchResult: Codable {
    let blasCore, blasCoreSource: String
    let threads: Int
    let sgemm: [GemmResult]
    let trainStep: [TrainStepReport]

    func jsonString() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

struct Bench: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the speed of an engine part.",
        subcommands: [BenchAutograd.self, BenchGenerate.self, BenchGRPO.self, BenchTokenize.self, BenchRolloutLog.self])
}

struct BenchAutograd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "autograd",
        abstract: "sgemm GFLOP/s and transformer forward+backward tokens/s.")
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print one JSON object instead of a table.") var json = false

    @Option(help: "Model shapes: built-in names (tiny, small) or config.json paths.")
    var models = ["tiny", "small"]
    @Option(help: "Timed steps per model shape.") var steps = 5

    func run() throws {
        compute.apply()
        let gemmShapes = [(2048, 256, 256), (2048, 688, 256), (2048, 256, 688), (2048, 512, 256),
                          (2048, 512, 512), (2048, 1376, 512), (2048, 512, 1376), (2048, 4096, 512), (1024, 1024, 1024)]
        let gemm = gemmShapes.map { m, n, k in
            GemmResult(m: m, n: n, k: k, gflops: GemmBenchmark.gflops(m: m, n: n, k: k))
        }
        var reports: [TrainStepReport] = []
        for name in models {
            // The standard workloads of ../shared/bench: 8 × 256 tokens for tiny, 4 × 512 otherwise.
            let (batch, seq) = name == "tiny" ? (8, 256) : (4, 512)
            let config = try TransformerConfig.named(name)
            reports.append(try TrainStepBenchmark.run(name: name, config: config, batch: batch, sequence: seq,
                                                      steps: steps))
        }
        let result = AutogradBenchResult(blasCore: Runtime.blasCoreName, blasCoreSource: Runtime.blasCoreSource,
                                         threads: Runtime.threads, sgemm: gemm, trainStep: reports)
        if json {
            print(try result.jsonString())
            return
        }
        print("OpenBLAS core: \(result.blasCore) (\(result.blasCoreSource)), threads \(result.threads)")
        print("sgemm (M×K · K×N)            GFLOP/s")
        for g in gemm { print(String(format: "  %5d × %5d × %5d   %8.1f", g.m, g.k, g.n, g.gflops)) }
        print("train step (fwd + bwd + AdamW)  tokens/s   s/step  sgemm%  step GFLOP/s  sgemm GFLOP/s at its shapes")
        for r in reports {
            print(String(format: "  %-6@ %2d × %-4d %9.0f  %7.3f  %5.1f%%  %11.1f  %10.1f (%.0f%%)", r.name as NSString,
                         r.batch, r.sequence, r.tokensPerSecond, r.secondsPerStep, 100 * r.sgemmFraction,
                         r.stepGFLOPS, r.sgemmGFLOPSAtStepShapes, 100 * r.stepGFLOPS / r.sgemmGFLOPSAtStepShapes))
        }
    }
}
