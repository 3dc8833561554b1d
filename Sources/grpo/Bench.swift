// `grpo bench`: speed figures for each engine part, printed or as JSON.
import ArgumentParser
import Autograd

struct Bench: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Measure the speed of an engine part.",
        subcommands: [BenchAutograd.self, BenchTokenize.self])
}

struct BenchAutograd: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "autograd",
        abstract: "sgemm GFLOP/s and transformer forward+backward tokens/s.")
    @OptionGroup var compute: ComputeOptions
    @Flag(help: "Print one JSON object instead of a table.") var json = false

    func run() throws {
        compute.apply()
        print("OpenBLAS core: \(Runtime.blasCoreName) (\(Runtime.blasCoreSource)), threads \(Runtime.threads)")
    }
}
