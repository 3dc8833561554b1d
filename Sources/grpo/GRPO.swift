// The `grpo` command line: it parses and prints; the work lives in the library modules.
import ArgumentParser
import Autograd

@main
struct GRPO: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "grpo",
        abstract: "Train small language models to reason with reinforcement learning, on CPUs.",
        subcommands: [Train.self, SFT.self, Distill.self, Pretrain.self, DataCommand.self, Evaluate.self, Sample.self, RewardCommand.self, Logs.self, RecipeKeysCommand.self, TokenizeCommand.self, InitModel.self,
                      Convert.self, MergeLoRA.self, Bench.self])
}

/// Options every compute command shares.
struct ComputeOptions: ParsableArguments {
    @Option(help: "Threads for OpenBLAS and our kernels (default: GRPO_THREADS, else every core).")
    var threads: Int?

    func apply() { Runtime.configure(threads: threads) }
}
