// `grpo pretrain`: a base model from scratch on a task's generated corpus, with a live progress line.
import ArgumentParser
import Cluster
import Foundation
import Training

struct Pretrain: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Pretrain a small base model on a corpus the task generates (direct and worked answers, some wrong).",
        discussion: "Writes a complete model directory (weights, config.json, tokenizer.json, pretrain.json) that "
            + "`grpo train` (model: DIR), `grpo eval` and `grpo sample` take as it is. `init: DIR` in the recipe continues such a "
            + "directory instead of starting from random weights. Recipe keys: docs/pretrain.md.")
    @Argument(help: "The pretraining recipe (YAML).") var recipe: String
    @Option(name: .customLong("set"), help: "Override a recipe key: key=value (dotted keys for sections).")
    var overrides: [String] = []
    @Option(help: "Output model directory (default: runs/NAME).") var out: String?
    @Option(help: "Threads (default: the recipe's, else GRPO_THREADS, else every core).") var threads: Int?

    func run() throws {
        try ProcessGroup.requireSingle("grpo pretrain")
        var config = try PretrainConfig.load(path: recipe, overrides: overrides)
        if let threads { config.threads = threads }
        let dir = URL(fileURLWithPath: out ?? "runs/\(config.name)")
        let start = Date()
        let loss = try Pretrainer.run(config, out: dir) { step, loss in
            let elapsed = Date().timeIntervalSince(start)
            let eta = elapsed / Double(step) * Double(config.steps - step)
            let line = String(format: "\rpretrain step %d/%d  loss %.4f  %.1f steps/s  ETA %@   ", step, config.steps, loss,
                              Double(step) / max(elapsed, 1e-9), Train.duration(eta) as NSString)
            FileHandle.standardError.write(Data(line.utf8))
        }
        FileHandle.standardError.write(Data("\n".utf8))
        print(String(format: "pretrained %d steps (final loss %.4f); model in %@", config.steps, loss, dir.path))
    }
}
