// What a prompt source yields: the question, the prompt the model sees (template applied), and the
// example's other fields, passed to the rewards as TRL passes dataset columns.
import Rewards

/// One example of a task or dataset.
public struct Example: Sendable, Equatable {
    /// The question as written in the data.
    public var question: String
    /// The prompt text given to the model (the template applied to the question).
    public var prompt: String
    /// Every other field (`answer` holds the gold answer for math; `tests` for code).
    public var fields: [String: JSONValue]

    /// An example with its rendered prompt.
    public init(question: String, prompt: String, fields: [String: JSONValue]) {
        self.question = question
        self.prompt = prompt
        self.fields = fields
    }
}

/// A finite, indexable source of examples.
public protocol PromptSource: Sendable {
    /// Name for logs (`gsm8k`, `arithmetic`, a file path).
    var name: String { get }
    /// Number of examples.
    var count: Int { get }
    /// The example at `index` (0..<count).
    func example(at index: Int) -> Example
    /// Rewards that suit this source when a recipe names none.
    var defaultRewards: [String] { get }
}

/// A problem with task or dataset input, naming the file and line or field.
public struct TaskError: Error, CustomStringConvertible, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
