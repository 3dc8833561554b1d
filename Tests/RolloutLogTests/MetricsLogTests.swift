// metrics.jsonl: round trip with non-finite values, a torn last line, a malformed middle line, resuming.
import Foundation
import RolloutLog
import Testing

@Suite struct MetricsLogTests {
    func row(_ step: Int) -> [String: Double] {
        ["step": Double(step), "reward": 0.25 * Double(step), "loss": 1.0 / 3.0, "rewards/math_answer/mean": 1]
    }

    @Test func roundTripWithNonFiniteValues() throws {
        let path = try temporaryDirectory().appendingPathComponent("metrics.jsonl").path
        let writer = try MetricsLogWriter(path: path)
        try writer.append(row(1))
        try writer.append(["step": 2, "loss": .nan, "kl": .infinity, "grad_norm": -.infinity])
        writer.close()
        let rows = try MetricsLogReader.read(path: path)
        #expect(rows.count == 2 && rows[0] == row(1))
        #expect(rows[1]["loss"]!.isNaN && rows[1]["kl"] == .infinity && rows[1]["grad_norm"] == -.infinity)
        let text = try String(contentsOfFile: path, encoding: .utf8)
        #expect(text.hasPrefix(#"{"step": 1, "loss": 0.3333333333333333, "reward": 0.25"#))
    }

    @Test func tornLastLineIsSkippedThenCut() throws {
        let path = try temporaryDirectory().appendingPathComponent("metrics.jsonl").path
        try writeBytes(Array("{\"step\": 1}\n\n{\"step\": 2, \"note\": \"x\"}\n{\"step\": 3, \"lo".utf8), to: path)
        #expect(try MetricsLogReader.read(path: path) == [["step": 1], ["step": 2]])
        let writer = try MetricsLogWriter(path: path)
        #expect(writer.discardedBytes == #"{"step": 3, "lo"#.utf8.count)
        try writer.append(row(3))
        writer.close()
        #expect(try MetricsLogReader.read(path: path) == [["step": 1], ["step": 2], row(3)])
    }

    @Test func malformedMiddleLineNamesFileAndLine() throws {
        let path = try temporaryDirectory().appendingPathComponent("metrics.jsonl").path
        try writeBytes(Array("{\"step\": 1}\n{\"step\": 2, \"loss\" 0.5}\n{\"step\": 3}\n".utf8), to: path)
        let error = #expect(throws: RolloutLogError.self) { try MetricsLogReader.read(path: path) }
        #expect(error?.description.hasPrefix("\(path):2: ") == true)
    }

    @Test func rowsComeInStepOrderAndResumeDropsLaterSteps() throws {
        let path = try temporaryDirectory().appendingPathComponent("metrics.jsonl").path
        let writer = try MetricsLogWriter(path: path)
        for step in [1, 3, 2, 4, 5] { try writer.append(row(step)) }
        writer.close()
        #expect(try MetricsLogReader.read(path: path).map { $0["step"]! } == [1, 2, 3, 4, 5])
        let resumed = try MetricsLogWriter(path: path, keepingStepsThrough: 3)
        try resumed.append(["step": 4, "reward": 9])
        resumed.close()
        let rows = try MetricsLogReader.read(path: path)
        #expect(rows.map { $0["step"]! } == [1, 2, 3, 4] && rows[3]["reward"] == 9)
    }
}
