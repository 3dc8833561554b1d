// `--where` expressions: what they match and how bad ones are reported.
import Foundation
import RolloutLog
import Testing

@Suite struct RolloutFilterTests {
    let records = (0..<12).map { sampleRecord(step: 1, index: $0) }

    func matching(_ text: String) throws -> [Int] {
        let filter = try RolloutFilter(parsing: text)
        return records.indices.filter { filter.matches(records[$0]) }
    }

    @Test func comparisonsOnFieldsAndComponents() throws {
        #expect(try matching("reward<0.5") == [2, 4, 8, 10])
        #expect(try matching("rewards.math_answer>=1") == [0, 3, 6, 9])
        #expect(try matching("rewards.math_answer>=1 and length>3") == [3, 6, 9])
        #expect(try matching("rewards.math_answer >= 1  AND  length > 3") == [3, 6, 9])
        #expect(try matching("finish_reason==length") == [4, 9])
        #expect(try matching("finish_reason!='length' and advantage<=0") == [0, 1, 2])
        #expect(try matching("sample_index==0 and prompt_index!=1") == [0, 8])
        #expect(try matching("rewards.missing<10").isEmpty)
    }

    @Test(arguments: [
        ("rewrd<0.5", "unknown field 'rewrd'"),
        ("reward<abc", "'abc' in 'reward<abc' is not a number"),
        ("reward", "no comparison in 'reward'"),
        ("reward< ", "no value after 'reward<'"),
        ("reward<1 and", "no comparison after 'and' number 1"),
        ("finish_reason<stop", "finish_reason takes == or != (got '<'"),
        ("rewards.<1", "unknown field 'rewards.'"),
    ])
    func badExpressionsNameTheToken(text: String, message: String) {
        let error = #expect(throws: RolloutLogError.self) { try RolloutFilter(parsing: text) }
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.hasPrefix("--where: ") == true)
    }
}
