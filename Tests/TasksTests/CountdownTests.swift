// The countdown task and its reward: every question is solved by its own trace, the splits never share a
// question and the test split does not move with the run's seed; the reward credits exactly the
// expressions that use given numbers at most once and equal the target, in exact arithmetic.
import Rewards
import Tasks
import Testing

@Suite struct CountdownTests {
    static func score(_ answer: String, numbers: [Int], target: Int) -> RewardResult {
        let fields: [String: JSONValue] = ["numbers": .array(numbers.map { .number(Double($0)) }),
                                           "target": .number(Double(target))]
        let completion = "try</think> <answer>\(answer)</answer>"
        return CountdownReward().scoreItem(RewardItem(completion: completion, fields: fields))
    }

    @Test(arguments: [(3, 25), (4, 25), (3, 99), (4, 9)])
    func everyQuestionIsSolvedByItsOwnTrace(numbers: Int, maxNumber: Int) throws {
        let reward = CountdownReward()
        for task in [try CountdownTask(numbers: numbers, maxNumber: maxNumber, split: .test),
                     try CountdownTask(count: 2000, numbers: numbers, maxNumber: maxNumber, seed: 3)] {
            #expect(task.count > 100)
            for i in 0..<task.count {
                let example = task.example(at: i)
                let given = example.fields["numbers"]?.arrayValue ?? []
                #expect(given.count == numbers && given.allSatisfy { (1...maxNumber).contains(Int($0.numberValue!)) })
                let result = reward.scoreItem(RewardItem(prompt: example.prompt,
                                                         completion: example.fields["trace"]!.stringValue!,
                                                         fields: example.fields))
                #expect(result.score == 1, "\(example.question): \(result.info)")
            }
        }
    }

    @Test(arguments: [(3, 25), (4, 9)])
    func trainAndTestNeverShareAQuestion(numbers: Int, maxNumber: Int) throws {
        let test = try CountdownTask(numbers: numbers, maxNumber: maxNumber, split: .test)
        let testQuestions = Set((0..<test.count).map { test.example(at: $0).question })
        #expect(testQuestions.count == test.count, "test questions repeat")
        for seed: UInt64 in [0, 7] {
            let train = try CountdownTask(count: 5000, numbers: numbers, maxNumber: maxNumber, seed: seed)
            let questions = (0..<train.count).map { train.example(at: $0).question }
            #expect(Set(questions).count > 1000, "the train split should be varied")
            let shared = questions.filter(testQuestions.contains)
            #expect(shared.isEmpty, "seed \(seed): \(shared.prefix(3))")
        }
    }

    @Test func testSplitIsFixedByTheTaskVersionNotTheSeed() throws {
        let a = try CountdownTask(split: .test, seed: 1), b = try CountdownTask(split: .test, seed: 99)
        #expect(a.count == 500 && b.count == 500)
        #expect((0..<a.count).allSatisfy { a.example(at: $0) == b.example(at: $0) })
        let trainA = try CountdownTask(count: 50, seed: 1), trainB = try CountdownTask(count: 50, seed: 99)
        #expect((0..<50).contains { trainA.example(at: $0) != trainB.example(at: $0) })
    }

    @Test func exampleCarriesNumbersTargetAndAnswer() throws {
        let example = try CountdownTask(count: 1, seed: 5).example(at: 0)
        let target = try #require(example.fields["target"]?.numberValue)
        #expect(example.fields["answer"] == .string(String(Int(target))))
        #expect(example.question.hasPrefix("Using the numbers [") && example.question.contains("make \(Int(target))."))
        #expect(example.prompt.contains(example.question))
    }

    @Test func badKnobsAndTooManyTestQuestionsAreErrors() {
        #expect(throws: TaskError.self) { try CountdownTask(numbers: 5) }
        #expect(throws: TaskError.self) { try CountdownTask(maxNumber: 100) }
        #expect(throws: TaskError.self) { try CountdownTask(count: 500, numbers: 3, maxNumber: 2, split: .test) }
    }

    @Test func rewardCreditsOnlyCorrectExpressions() {
        let numbers = [3, 7, 25]
        #expect(Self.score("(25 - 3) * 7 / 7", numbers: [3, 7, 7, 25], target: 22).score == 1)
        #expect(Self.score("25 + 3 * 7", numbers: numbers, target: 46).score == 1)
        #expect(Self.score("25+3*7 = 46", numbers: numbers, target: 46).score == 1)
        #expect(Self.score("25 + 7", numbers: numbers, target: 32).score == 1, "a subset of the numbers is allowed")
        let wrong = Self.score("25 + 3 * 7 - 1", numbers: numbers, target: 46)
        #expect(wrong.score == 0 && wrong.info["reason"] == "uses 1, which is not given")
        let off = Self.score("25 + 7 * 3 - 3", numbers: numbers, target: 46)
        #expect(off.score == 0 && off.info["reason"] == "uses 3 twice (given once)")
        let value = Self.score("(25 + 3) + 7", numbers: numbers, target: 46)
        #expect(value.score == 0 && value.info["reason"] == "value 35 ≠ 46")
        #expect(value.info["extracted"] == "(25 + 3) + 7")
        let twiceOk = Self.score("7 + 7 + 3", numbers: [7, 3, 7], target: 17)
        #expect(twiceOk.score == 1, "a number given twice may be used twice")
    }

    @Test func rewardDividesExactly() {
        #expect(Self.score("8 / (3 / 6)", numbers: [3, 6, 8], target: 16).score == 1)
        #expect(Self.score("(8 - 6) / 3", numbers: [3, 6, 8], target: 1).score == 0, "2/3 is not 1")
        #expect(Self.score("(8 - 6) / 3 * 3", numbers: [3, 3, 6, 8], target: 2).score == 1)
        let zero = Self.score("8 / (6 - 6)", numbers: [6, 6, 8], target: 8)
        #expect(zero.score == 0 && zero.info["reason"] == "division by zero")
    }

    @Test(arguments: ["no tags at all 46", "<answer></answer>", "<answer>25 + 3 * 7", "<answer>25 + x</answer>",
                      "<answer>-3 + 49</answer>", "<answer>25 + 21.0</answer>", "<answer>(25 + 21</answer>",
                      "<answer>25 + 21)</answer>", "<answer>25 3 + 7</answer>", "<answer>46 = 46 = 46</answer>",
                      "<answer>25 × 3</answer>", "<answer>" + String(repeating: "(", count: 100_000) + "46</answer>"])
    func junkScoresZero(completion: String) {
        let fields: [String: JSONValue] = ["numbers": [3, 7, 25, 21, 46], "target": 46]
        let result = CountdownReward().scoreItem(RewardItem(completion: completion, fields: fields))
        #expect(result.score == 0)
        #expect(result.info["reason"]?.stringValue?.isEmpty == false)
    }

    @Test func lastAnswerTagCounts() {
        let fields: [String: JSONValue] = ["numbers": [3, 7, 25], "target": 46]
        let text = "<answer>25 + 7</answer> no wait <answer>25 + 3 * 7</answer>"
        #expect(CountdownReward().scoreItem(RewardItem(completion: text, fields: fields)).score == 1)
        let flipped = "<answer>25 + 3 * 7</answer> no wait <answer>25 + 7</answer>"
        #expect(CountdownReward().scoreItem(RewardItem(completion: flipped, fields: fields)).score == 0)
    }

    @Test func missingGoldsAreNotApplicableAndRegistryKnowsTheReward() throws {
        let noNumbers = CountdownReward().scoreItem(RewardItem(completion: "<answer>1</answer>", fields: ["target": 1]))
        #expect(noNumbers.score == nil && noNumbers.info["reason"] != nil)
        let badNumbers = CountdownReward().scoreItem(
            RewardItem(completion: "<answer>1</answer>", fields: ["numbers": ["a"], "target": 1]))
        #expect(badNumbers.score == nil)
        let noTarget = CountdownReward().scoreItem(
            RewardItem(completion: "<answer>1</answer>", fields: ["numbers": [1]]))
        #expect(noTarget.score == nil)
        let renamed = try RewardRegistry.make("countdown", options: ["numbers_field": "nums"]) as? CountdownReward
        let item = RewardItem(completion: "<answer>2 * 3</answer>", fields: ["nums": [2, 3], "target": "6"])
        #expect(renamed?.scoreItem(item).score == 1)
        #expect(throws: RewardError.self) { try RewardRegistry.make("countdown", options: ["target_field": 3]) }
    }

    @Test func defaultRewardsAreCountdownAndFormat() throws {
        #expect(try CountdownTask(count: 1).defaultRewards == ["countdown", "think_format"])
    }

    @Test func operationsLimitTheOperatorsAndTheirText() throws {
        let task = try CountdownTask(count: 200, numbers: 3, maxNumber: 30, operations: "-+", seed: 4)
        for i in 0..<task.count {
            let q = task.question(at: i)
            #expect(!q.solution.contains("*") && !q.solution.contains("/") && q.steps.allSatisfy { !$0.contains("*") && !$0.contains("/") })
            #expect(q.text.hasSuffix("with + - and parentheses."), "\(q.text)")
            #expect(Self.score(q.solution, numbers: q.numbers, target: q.target).score == 1)
        }
        let all = try CountdownTask(count: 50, seed: 4)
        #expect((0..<all.count).contains { all.question(at: $0).solution.contains("*") })
        #expect(all.question(at: 0).text.hasSuffix("with + - * / and parentheses."))
        #expect(throws: TaskError.self) { try CountdownTask(operations: "+^") }
        #expect(throws: TaskError.self) { try CountdownTask(operations: "") }
    }
}

