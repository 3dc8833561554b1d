// Datasets: GSM8K and MATH golds are extracted, every field reaches the rewards, and bad lines are
// errors naming file:line and the field to set.
import Foundation
import Rewards
import Tasks
import Testing

private func file(_ text: String) throws -> String {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("data-\(UUID().uuidString).jsonl")
    try text.write(to: url, atomically: true, encoding: .utf8)
    return url.path
}

private func error(_ body: () throws -> Any) -> String {
    do { _ = try body(); return "" } catch { return "\(error)" }
}

@Suite struct JSONLDatasetTests {
    @Test func gsm8kAndMathGoldsAndFields() throws {
        let gsm = try file(#"{"question": "Q1?", "answer": "so 2+3=5\n#### 1,205", "id": 7}"# + "\n\n")
        let d = try JSONLDataset(path: gsm, mapping: FieldMapping(), template: .r1Zero)
        #expect(d.count == 1)
        let e = d.example(at: 0)
        #expect(e.fields["answer"] == .string("1,205") && e.fields["id"] == .number(7))
        #expect(e.prompt.hasSuffix("Assistant: <think>") && e.prompt.contains("Q1?"))
        let math = try file(#"{"problem": "P", "solution": "We get \\boxed{\\frac{1}{2}} and so \\boxed{\\dfrac{3}{4}}."}"#)
        let m = try JSONLDataset(path: math, mapping: FieldMapping.preset("math")!, template: .plain)
        #expect(m.example(at: 0).fields["answer"] == .string("\\dfrac{3}{4}") && m.example(at: 0).prompt == "P\n")
    }

    @Test func badInputNamesFileLineAndField() throws {
        let missing = error { try JSONLDataset(path: "/nonexistent.jsonl", mapping: FieldMapping(), template: .plain) }
        #expect(missing.contains("/nonexistent.jsonl") && missing.contains("cannot read"))
        let notJSON = try file("{\"question\": \"a\", \"answer\": \"#### 1\"}\n{oops\n")
        #expect(error { try JSONLDataset(path: notJSON, mapping: FieldMapping(), template: .plain) }.contains("\(notJSON):2: not a JSON object"))
        let noQuestion = try file("{\"prompt\": \"a\", \"answer\": \"#### 1\"}")
        #expect(error { try JSONLDataset(path: noQuestion, mapping: FieldMapping(), template: .plain) }
            .contains(":1: field \"question\" is missing or not a string (set dataset.question_field"))
        let noGold = try file(#"{"question": "a", "answer": "no marker here"}"#)
        #expect(error { try JSONLDataset(path: noGold, mapping: FieldMapping(), template: .plain) }
            .contains(":1: no gsm8k answer in field \"answer\""))
        let empty = try file("\n")
        #expect(error { try JSONLDataset(path: empty, mapping: FieldMapping(), template: .plain) }.contains("no examples"))
    }

    @Test func arithmeticIsSeededAndCorrect() throws {
        let task = try ArithmeticTask(count: 50, digits: 2, operations: "+-*", seed: 4)
        for i in 0..<50 {
            let e = task.example(at: i)
            let parts = e.question.dropFirst("What is ".count).dropLast().split(separator: " ")
            let (a, op, b) = (Int(parts[0])!, parts[1], Int(parts[2])!)
            let expected = op == "+" ? a + b : op == "-" ? a - b : a * b
            #expect(e.fields["answer"] == .string(String(expected)))
            #expect(e == task.example(at: i))
        }
        #expect(throws: TaskError.self) { try ArithmeticTask(digits: 9) }
    }
}
