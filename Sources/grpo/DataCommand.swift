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
    @Option(help: "Arithmetic: digits per operand.") var digits = 2
    @Option(help: "Arithmetic: operand count.") var operands = 2
    @Option(help: "Arithmetic: operators to draw from (+, -, *).") var operations = "+"
    @Option(help: "Countdown: numbers per question (3 or 4).") var numbers = 3
    @Option(help: "Countdown: the largest number drawn (2...99).") var maxNumber = 25
    @Option(help: "Prompt template: r1_zero_short, r1_zero, chatml, plain.") var template = "r1_zero_short"
    @Option(help: "Seed of the training questions (the test split does not depend on it).") var seed: UInt64 = 0

    func run() throws {
        guard n >= 1 else { throw ValidationError("--n: must be at least 1") }
        guard let template = PromptTemplate(rawValue: template) else { throw ValidationError("--template: unknown template \"\(template)\"") }
        let source: any PromptSource
        switch task {
        case "arithmetic":
            source = try ArithmeticTask(count: n, digits: digits, operands: operands, operations: operations, split: .train,
                                        template: template, seed: seed)
        case "countdown":
            source = try CountdownTask(count: n, numbers: numbers, maxNumber: maxNumber, split: .train, template: template, seed: seed)
        default:
            throw ValidationError("--task: cold-start traces come from arithmetic or countdown (got \"\(task)\")")
        }
        let lines = try ColdStartTraces.lines(source, count: n)
        let url = URL(fileURLWithPath: out)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try Data(lines.map { $0 + "\n" }.joined().utf8).write(to: url, options: .atomic)
        print("wrote \(lines.count) \(task) traces to \(out)")
    }
}
