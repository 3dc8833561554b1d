// A built-in task that needs no download: seeded arithmetic questions ("What is 37 + 85?") with exact
// answers, in increasing difficulty by digit count. Small models can learn it on a CPU, which makes
// it the default R1-Zero-style run and a fast test of the whole training loop.
import Rewards

/// Seeded arithmetic questions with their answers.
public struct ArithmeticTask: PromptSource {
    public let name = "arithmetic"
    public let defaultRewards = ["math_answer", "think_format"]
    public let count: Int
    let seed: UInt64
    let digits: Int
    let operations: [Character]
    let template: PromptTemplate

    /// `count` questions with operands of up to `digits` digits using `operations` (+, -, *).
    public init(count: Int = 10_000, digits: Int = 2, operations: String = "+-", template: PromptTemplate = .r1Zero,
                seed: UInt64 = 0) throws {
        guard count > 0, (1...6).contains(digits), !operations.isEmpty, operations.allSatisfy({ "+-*".contains($0) }) else {
            throw TaskError("arithmetic: count > 0, digits in 1...6 and operations from \"+-*\" are required")
        }
        self.count = count
        self.digits = digits
        self.operations = Array(operations)
        self.template = template
        self.seed = seed
    }

    public func example(at index: Int) -> Example {
        // splitmix64 of (seed, index): each question is fixed by its index alone.
        var state = seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        var limit = 1
        for _ in 0..<digits { limit *= 10 }
        let a = Int(next() % UInt64(limit)), b = Int(next() % UInt64(limit))
        let op = operations[Int(next() % UInt64(operations.count))]
        let answer = op == "+" ? a + b : op == "-" ? a - b : a * b
        let question = "What is \(a) \(op) \(b)?"
        // A worked solution in the template's format, for a supervised cold start before RL.
        let trace = "\(a)\(op)\(b)=\(answer)</think> <answer>\(answer)</answer>"
        return Example(question: question, prompt: template.render(question),
                       fields: ["answer": .string(String(answer)), "trace": .string(trace)])
    }
}
