// `grpo data`: datasets the other commands read, made from the built-in tasks.
import ArgumentParser
import Foundation
import Tasks

struct DataCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "data", abstract: "Make datasets from the built-in tasks.",
                                                    subcommands: [ColdStart.self])
}

struct ColdStart: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "cold-start",
        abstract: "Worked step-by-step traces from a built-in task's train split, as prompt/completion JSONL for grpo sft.",
        discussion: "Every trace is right (the task's generator knows the solution) and in the think/answer format; "
            + "no question of the task's test split is used. See docs/sft.md.")
    @Option(help: "Task: arithmetic or countdown.") var task = "arithmetic"
    @Option(help: "Traces to write (the first N training questions).") var n = 300
    @Option(help: "Output JSONL file.") var out: String
    @OptionGroup var knobs: TaskOptions
    @Option(help: "Seed of the training questions (the test split does not depend on it).") var seed: UInt64 = 0

    func run() throws {
        guard n >= 1 else { throw ValidationError("--n: must be at least 1") }
        if knobs.usesModelTemplate { throw ValidationError("--template model applies to grpo eval; cold-start traces take a fixed template") }
        guard let source = try knobs.builtin(task, split: .train, count: n, seed: seed) else {
            throw ValidationError("--task: cold-start traces come from arithmetic or countdown (got \"\(task)\")")
        }
        let lines = try ColdStartTraces.lines(source, count: n)
        let url = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: url, options: .atomic)
        print("wrote \(lines.count) \(task) traces to \(out)")
    }
}
