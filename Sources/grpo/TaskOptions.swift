// The built-in tasks' knobs as command-line options, shared by `grpo eval` and `grpo data`.
import ArgumentParser
import Tasks
import Training

struct TaskOptions: ParsableArguments {
    @Option(help: "Arithmetic: digits per operand.") var digits = 2
    @Option(help: "Arithmetic: operand count.") var operands = 2
    @Option(help: "Operators to draw from: arithmetic's from + - * (default +), Countdown's from + - * / (default all four).")
    var operations: String?
    @Option(help: "Countdown: numbers per question (3 or 4).") var numbers = 3
    @Option(help: "Countdown: the largest number drawn (2...99).") var maxNumber = 25
    @Option(help: "Prompt template: r1_zero_short, r1_zero, chatml, plain, or model (grpo eval: the model directory's chat template).")
    var template = "r1_zero_short"
    @Option(help: "With --template model: the system message before each question (empty: none).")
    var systemPrompt = GRPOConfig().data.systemPrompt

    /// Whether prompts go through the model's own chat template.
    var usesModelTemplate: Bool { template == "model" }

    /// The `--template` value as a template (`plain` under the model's chat template, which renders the question).
    func promptTemplate() throws -> PromptTemplate {
        if usesModelTemplate { return .plain }
        guard let t = PromptTemplate(rawValue: template) else { throw ValidationError("--template: unknown template \"\(template)\"") }
        return t
    }

    /// `task` (arithmetic or countdown) with these knobs, or nil for any other task.
    func builtin(_ task: String, split: TaskSplit, count: Int?, seed: UInt64) throws -> (any PromptSource)? {
        let template = try promptTemplate()
        switch task {
        case "arithmetic":
            return try ArithmeticTask(count: count, digits: digits, operands: operands, operations: operations ?? "+", split: split,
                                      template: template, seed: seed)
        case "countdown":
            return try CountdownTask(count: count, numbers: numbers, maxNumber: maxNumber, operations: operations ?? "+-*/",
                                     split: split, template: template, seed: seed)
        default:
            return nil
        }
    }
}
