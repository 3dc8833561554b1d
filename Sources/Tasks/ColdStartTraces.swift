// Worked traces for a cold start: each of a built-in task's first training questions with the solution
// its generator knows, written out step by step in the reasoning format, as `prompt`/`completion` JSONL
// that `grpo sft` reads. These are the traces `cold_start_steps` trains on inside `grpo train`.
import Foundation
import Rewards

/// Supervised traces from a task's train split.
public enum ColdStartTraces {
    /// One JSON line per example: `prompt`, `completion` (the worked trace), `answer`, `index`.
    public static func lines(_ source: any PromptSource, count: Int) throws -> [String] {
        try (0..<min(count, source.count)).map { i in
            let example = source.example(at: i)
            guard let trace = example.fields["trace"]?.stringValue else {
                throw TaskError("\(source.name): examples have no worked trace (cold-start traces come from arithmetic and countdown)")
            }
            let object: JSONValue = .object(["prompt": .string(example.prompt), "completion": .string(trace),
                                             "answer": example.fields["answer"] ?? .null, "index": .number(Double(i))])
            return object.jsonText
        }
    }
}
