// The arithmetic task's held-out split: no question is in both splits, the test split does not move
// with the run's seed, and every operand has exactly the asked digits.
import Rewards
import Tasks
import Testing

@Suite struct ArithmeticSplitTests {
    @Test(arguments: [(2, 2, "+"), (2, 3, "+-"), (1, 2, "+-*")])
    func trainAndTestNeverShareAQuestion(digits: Int, operands: Int, operations: String) throws {
        let test = try ArithmeticTask(digits: digits, operands: operands, operations: operations, split: .test)
        let testQuestions = Set((0..<test.count).map { test.example(at: $0).question })
        #expect(testQuestions.count == test.count, "test questions repeat")
        for seed: UInt64 in [0, 7] {
            let train = try ArithmeticTask(count: 20_000, digits: digits, operands: operands, operations: operations,
                                           seed: seed)
            let shared = (0..<train.count).map { train.example(at: $0).question }.filter(testQuestions.contains)
            #expect(shared.isEmpty, "seed \(seed): \(shared.prefix(3))")
        }
    }

    @Test func testSplitIsFixedByTheTaskVersionNotTheSeed() throws {
        let a = try ArithmeticTask(split: .test, seed: 1), b = try ArithmeticTask(split: .test, seed: 99)
        #expect(a.count == 500 && (0..<a.count).allSatisfy { a.example(at: $0) == b.example(at: $0) })
        let trainA = try ArithmeticTask(count: 50, seed: 1), trainB = try ArithmeticTask(count: 50, seed: 99)
        #expect((0..<50).contains { trainA.example(at: $0) != trainB.example(at: $0) })
    }

    @Test func operandsHaveExactlyTheAskedDigitsAndAnswersAreRight() throws {
        let task = try ArithmeticTask(count: 300, digits: 3, operands: 3, operations: "+", seed: 5)
        for i in 0..<task.count {
            let q = task.question(at: i)
            #expect(q.operands.count == 3 && q.operands.allSatisfy { (100...999).contains($0) })
            #expect(task.example(at: i).fields["answer"] == .string(String(q.operands.reduce(0, +))))
        }
    }

    @Test func askingForMoreTestQuestionsThanExistIsAnError() {
        #expect(throws: TaskError.self) { try ArithmeticTask(count: 1000, digits: 1, operations: "+", split: .test) }
    }
}
