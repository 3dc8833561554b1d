// A built-in task that needs no download: arithmetic questions ("What is 37 + 85?") with exact answers
// and a difficulty knob (digits per operand, operand count, operators). Questions are split into train
// and test by a hash of the question text, so the two never share one; the test split is drawn from a
// seed fixed by the task version, never by the run's seed, so every run evaluates on the same questions.
import Rewards

/// Which side of the fixed train/test partition a source draws from.
public enum TaskSplit: String, Sendable, CaseIterable {
    case train, test
}

/// Arithmetic questions with their answers and worked solutions.
public struct ArithmeticTask: PromptSource {
    /// Bump when question generation changes: it fixes the test split.
    public static let version: UInt64 = 1
    public let name = "arithmetic"
    public let defaultRewards = ["math_answer", "think_format"]
    public let count: Int
    public let split: TaskSplit
    let seed: UInt64
    let digits: Int
    let operands: Int
    let operations: [Character]
    let template: PromptTemplate
    /// Test questions, distinct, drawn once at init.
    private let testQuestions: [Question]

    /// One question: operands and the operator between each pair.
    public struct Question: Hashable, Sendable {
        public let operands: [Int]
        public let operators: [Character]

        /// Evaluated left to right with * before + and -.
        public var answer: Int {
            var terms = [operands[0]], signs: [Int] = [1]
            for (op, x) in zip(operators, operands.dropFirst()) {
                switch op {
                case "*": terms[terms.count - 1] *= x
                case "-": terms.append(x); signs.append(-1)
                default: terms.append(x); signs.append(1)
                }
            }
            return zip(terms, signs).reduce(0) { $0 + $1.0 * $1.1 }
        }

        /// "37 + 85".
        public var text: String {
            var s = String(operands[0])
            for (op, x) in zip(operators, operands.dropFirst()) { s += " \(op) \(x)" }
            return s
        }
    }

    /// Questions with operands of exactly `digits` digits, `operands` of them, joined by `operations`
    /// (+, -, *); `count` examples of `split` (the train split is drawn with `seed`, the test split
    /// with the task version's seed).
    public init(count: Int? = nil, digits: Int = 2, operands: Int = 2, operations: String = "+-",
                split: TaskSplit = .train, template: PromptTemplate = .r1Zero, seed: UInt64 = 0) throws {
        guard (1...6).contains(digits), (2...5).contains(operands), !operations.isEmpty,
              operations.allSatisfy({ "+-*".contains($0) })
        else {
            throw TaskError("arithmetic: digits in 1...6, operands in 2...5 and operations from \"+-*\" are required")
        }
        self.digits = digits
        self.operands = operands
        self.operations = Array(Set(operations)).sorted()
        self.template = template
        self.split = split
        self.seed = seed
        let distinct = Self.distinctQuestions(digits: digits, operands: operands, operators: self.operations.count)
        let testAvailable = max(1, Int(Double(distinct) * Double(HashSplit.testPercent) / 100 * 0.5))
        let n = count ?? (split == .train ? 100_000 : min(500, testAvailable))
        guard n > 0 else { throw TaskError("arithmetic: count must be positive") }
        if split == .test && n > testAvailable {
            throw TaskError("arithmetic: the test split of \(digits)-digit, \(operands)-operand questions holds "
                + "about \(testAvailable) distinct questions; ask for at most that many (got \(n))")
        }
        self.count = n
        if split == .test {
            var seen = Set<Question>(), list: [Question] = []
            var stream = SplitMix(0x7E57_0000 &+ Self.version)
            while list.count < n {
                let q = Self.draw(&stream, digits: digits, operands: operands, operations: self.operations)
                if Self.isTest(q), seen.insert(q).inserted { list.append(q) }
            }
            testQuestions = list
        } else {
            testQuestions = []
        }
    }

    /// Whether a question belongs to the test split (by a hash of its text).
    public static func isTest(_ q: Question) -> Bool { HashSplit.isTest(q.text) }

    /// The question at `index` of this split.
    public func question(at index: Int) -> Question {
        if split == .test { return testQuestions[index] }
        return HashSplit.trainQuestion(seed: seed, index: index, text: \.text) {
            Self.draw(&$0, digits: digits, operands: operands, operations: operations)
        }
    }

    public func example(at index: Int) -> Example {
        let q = question(at: index)
        return Example(question: "What is \(q.text)?", prompt: template.render("What is \(q.text)?"),
                       fields: ["answer": .string(String(q.answer)), "trace": .string(Self.completion(q, work: Self.workedSteps(q)))])
    }

    /// The completion after the prompt's "<think>": the work, then the answer in tags.
    static func completion(_ q: Question, work: String?, answer: Int? = nil) -> String {
        let a = answer ?? q.answer
        return (work.map { "\($0) so \(a)" } ?? "") + "</think> <answer>\(a)</answer>"
    }

    /// Step-by-step work: column addition with carries for sums, one operation per step otherwise.
    /// `slip` adds one to the digit of that column (a careless mistake that the rest then follows).
    static func workedSteps(_ q: Question, slip: Int? = nil) -> String {
        if q.operators.allSatisfy({ $0 == "+" }) {
            var parts: [String] = [], carry = 0, column = 0
            var rest = q.operands
            while rest.contains(where: { $0 > 0 }) || column == 0 {
                let digits = rest.map { $0 % 10 }
                var sum = digits.reduce(0, +) + carry
                if slip == column { sum += 1 }
                parts.append(digits.map(String.init).joined(separator: "+") + (carry > 0 ? "+\(carry)" : "") + "=\(sum)")
                carry = sum / 10
                rest = rest.map { $0 / 10 }
                column += 1
            }
            // Restating the operands first puts every digit a column needs a few characters back.
            return q.operands.map(String.init).joined(separator: "+") + ": " + parts.joined(separator: ", ")
        }
        var parts: [String] = [], value = q.operands[0]
        for (op, x) in zip(q.operators, q.operands.dropFirst()) {
            let next = op == "*" ? value * x : op == "-" ? value - x : value + x
            parts.append("\(value)\(op)\(x)=\(next)")
            value = next
        }
        return parts.joined(separator: ", ")
    }

    /// The answer a column sum with a slip in `column` arrives at.
    static func answer(_ q: Question, slip column: Int) -> Int {
        guard q.operators.allSatisfy({ $0 == "+" }) else { return q.answer + 1 }
        var power = 1
        for _ in 0..<column { power *= 10 }
        return q.answer + power
    }

    static func draw(_ s: inout SplitMix, digits: Int, operands: Int, operations: [Character]) -> Question {
        var low = 1
        for _ in 1..<digits { low *= 10 }
        let span = UInt64(low * 9)
        let xs = (0..<operands).map { _ in low + Int(s.next() % span) }
        let ops = (1..<operands).map { _ in operations[Int(s.next() % UInt64(operations.count))] }
        return Question(operands: xs, operators: ops)
    }

    static func distinctQuestions(digits: Int, operands: Int, operators: Int) -> Int {
        var low = 1
        for _ in 1..<digits { low *= 10 }
        var n = 1.0
        for _ in 0..<operands { n *= Double(low * 9) }
        for _ in 1..<operands { n *= Double(operators) }
        return Int(min(n, 1e12))
    }
}

/// splitmix64: a tiny seeded stream for question generation.
struct SplitMix {
    var state: UInt64
    init(_ seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
