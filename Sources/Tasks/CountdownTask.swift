// A built-in task that needs no download: Countdown, as in TinyZero and the R1-Zero reproductions. Given
// 3 or 4 numbers and a target, write an expression (+ - * /, parentheses) that uses each number at most
// once and equals the target. Every question is solvable: the target is the value of a random expression
// over the drawn numbers, which also gives the worked solution. Train and test are split by a hash of the
// question text, and the test split is drawn from a seed fixed by the task version, as in ArithmeticTask.
import Rewards

/// Countdown questions with their targets and worked solutions.
public struct CountdownTask: PromptSource {
    /// Bump when question generation changes: it fixes the test split.
    public static let version: UInt64 = 1
    /// Targets stay below this, so answers stay short (TinyZero's targets are at most 100).
    static let maxTarget = 1000
    /// Draws tried per asked test question before the split counts as exhausted.
    static let drawsPerTestQuestion = 200
    public let name = "countdown"
    public let defaultRewards = ["countdown", "think_format"]
    public let count: Int
    public let split: TaskSplit
    let seed: UInt64
    let numbers: Int
    let maxNumber: Int
    /// The operators questions and searches draw from, in `+-*/` order.
    let operations: [Character]
    let template: PromptTemplate
    /// Test questions, distinct, drawn once at init.
    private let testQuestions: [Question]

    /// One question: the numbers (sorted), the target, and one solution with its steps.
    public struct Question: Sendable {
        public let numbers: [Int]
        /// The operators the question allows, in `+-*/` order.
        public let operations: [Character]
        public let target: Int
        /// An expression over `numbers` whose value is `target`, e.g. `(25 - 3) * 2`.
        public let solution: String
        /// The solution one operation at a time, e.g. `["25-3=22", "22*2=44"]`.
        public let steps: [String]

        /// "Using the numbers [3, 7, 25], make 46. …": the canonical text, which the split hashes.
        public var text: String {
            "Using the numbers [\(numbers.map(String.init).joined(separator: ", "))], make \(target). "
                + "Use each number at most once, with \(operations.map(String.init).joined(separator: " ")) and parentheses."
        }
    }

    /// Questions over `numbers` (3 or 4) operands drawn from 1...`maxNumber`, combined with `operations`
    /// (a subset of `+-*/`); `count` examples of `split` (the train split is drawn with `seed`, the test split
    /// with the task version's seed; its default count is 500, or as many distinct test questions as the
    /// knobs allow).
    public init(count: Int? = nil, numbers: Int = 3, maxNumber: Int = 25, operations: String = "+-*/",
                split: TaskSplit = .train, template: PromptTemplate = .r1Zero, seed: UInt64 = 0) throws {
        guard (3...4).contains(numbers), (2...99).contains(maxNumber) else {
            throw TaskError("countdown: numbers in 3...4 and max_number in 2...99 are required "
                + "(got numbers \(numbers), max_number \(maxNumber))")
        }
        guard !operations.isEmpty, let ops = Self.operators(operations) else {
            throw TaskError("countdown: operations must be drawn from \"+-*/\" (got \"\(operations)\")")
        }
        self.numbers = numbers
        self.maxNumber = maxNumber
        self.operations = ops
        self.template = template
        self.split = split
        self.seed = seed
        let n = count ?? (split == .train ? 100_000 : 500)
        guard n > 0 else { throw TaskError("countdown: count must be positive") }
        if split == .test {
            // The distinct test questions of small knobs are hard to count, so draw with a fixed budget.
            var seen = Set<String>(), list: [Question] = [], draws = 0
            var stream = SplitMix(0xC0DE_0000 &+ Self.version)
            while list.count < n && draws < n * Self.drawsPerTestQuestion {
                let q = Self.draw(&stream, numbers: numbers, maxNumber: maxNumber, operations: ops)
                if Self.isTest(q), seen.insert(q.text).inserted { list.append(q) }
                draws += 1
            }
            if list.count < n && (count != nil || list.isEmpty) {
                throw TaskError("countdown: the test split of \(numbers) numbers up to \(maxNumber) holds about "
                    + "\(list.count) distinct questions; ask for at most that many (got \(n))")
            }
            testQuestions = list
        } else {
            testQuestions = []
        }
        self.count = split == .test ? testQuestions.count : n
    }

    /// Whether a question belongs to the test split (by a hash of its text).
    public static func isTest(_ q: Question) -> Bool { HashSplit.isTest(q.text) }

    /// The question at `index` of this split.
    public func question(at index: Int) -> Question {
        if split == .test { return testQuestions[index] }
        return HashSplit.trainQuestion(seed: seed, index: index, text: \.text) {
            Self.draw(&$0, numbers: numbers, maxNumber: maxNumber, operations: operations)
        }
    }

    public func example(at index: Int) -> Example {
        let q = question(at: index)
        return Example(question: q.text, prompt: template.render(q.text),
                       fields: ["numbers": .array(q.numbers.map { .number(Double($0)) }),
                                "target": .number(Double(q.target)), "answer": .string(String(q.target)),
                                "trace": .string(Self.completion(q))])
    }

    /// The completion after the prompt's "<think>": the steps, then the expression in answer tags.
    static func completion(_ q: Question) -> String {
        q.steps.joined(separator: ", ") + " so \(q.solution) = \(q.target)</think> <answer>\(q.solution)</answer>"
    }

    /// `text`'s operators in `+-*/` order, or nil when one is not an operator.
    static func operators(_ text: String) -> [Character]? {
        guard text.allSatisfy({ "+-*/".contains($0) }) else { return nil }
        return Array("+-*/").filter(text.contains)
    }

    /// Draws numbers, then combines random pairs with random operators until one value is left;
    /// redraws the operators until that value is a whole number in 1..<maxTarget, and the numbers when
    /// the operators keep failing (equal numbers under `-` alone always reach zero).
    static func draw(_ s: inout SplitMix, numbers count: Int, maxNumber: Int, operations: [Character]) -> Question {
        while true {
            let drawn = (0..<count).map { _ in 1 + Int(s.next() % UInt64(maxNumber)) }
            for _ in 0..<1000 {
                var steps: [String] = []
                if let term = combine(drawn.map(Term.init), operations: operations, steps: &steps, &s),
                   term.value.isInteger, (1..<maxTarget).contains(term.value.numerator) {
                    return Question(numbers: drawn.sorted(), operations: operations, target: term.value.numerator,
                                    solution: term.text, steps: steps)
                }
            }
        }
    }

    /// One random chain of whole-number operations over `q`'s numbers (each used once) and operators, as a pretraining
    /// corpus's search writes it (larger by smaller under / as under -); nil when a step gives zero, a
    /// fraction or overflows.
    static func attempt(_ q: Question, _ s: inout SplitMix) -> (expression: String, value: Rational, steps: [String])? {
        var steps: [String] = []
        guard let term = combine(q.numbers.map(Term.init), operations: q.operations, steps: &steps, wholeSteps: true, &s)
        else { return nil }
        return (term.text, term.value, steps)
    }

    /// Combines `start` one operation at a time, appending each step to `steps`; nil when a step gives
    /// zero or overflows, or with `wholeSteps` a fraction.
    private static func combine(_ start: [Term], operations: [Character], steps: inout [String],
                                wholeSteps: Bool = false, _ s: inout SplitMix) -> Term? {
        var terms = start
        while terms.count > 1 {
            var a = terms.remove(at: Int(s.next() % UInt64(terms.count)))
            var b = terms.remove(at: Int(s.next() % UInt64(terms.count)))
            let op = operations[Int(s.next() % UInt64(operations.count))]
            // Larger minus smaller keeps every intermediate value positive, so no step reads oddly.
            if (op == "-" || op == "/" && wholeSteps) && a.value.doubleValue < b.value.doubleValue { swap(&a, &b) }
            guard let joined = Term(a, op, b), joined.value.numerator > 0,
                  !wholeSteps || joined.value.isInteger else { return nil }
            steps.append("\(a.stepText)\(op)\(b.stepText)=\(joined.value)")
            terms.append(joined)
        }
        return terms[0]
    }

    /// A subexpression: its exact value, its text with as few parentheses as needed, and its precedence.
    private struct Term {
        let value: Rational
        let text: String
        /// 1 for + and -, 2 for * and /, 3 for a number.
        let precedence: Int

        init(_ n: Int) {
            value = Rational(n)!
            text = String(n)
            precedence = 3
        }

        init?(_ a: Term, _ op: Character, _ b: Term) {
            let result: Rational?
            switch op {
            case "+": result = a.value + b.value
            case "-": result = a.value - b.value
            case "*": result = a.value * b.value
            default: result = a.value / b.value
            }
            guard let result else { return nil }
            value = result
            precedence = op == "+" || op == "-" ? 1 : 2
            // The right side also needs parentheses at equal precedence under - and /: a - (b + c).
            let left = a.precedence < precedence ? "(\(a.text))" : a.text
            let rightBare = b.precedence > precedence || b.precedence == precedence && (op == "+" || op == "*")
            text = "\(left) \(op) \(rightBare ? b.text : "(\(b.text))")"
        }

        /// The value as a step operand: fractions in parentheses, so `8/(1/2)` reads right.
        var stepText: String { value.isInteger ? value.description : "(\(value))" }
    }
}
