// `grpo logs rescore` run as a user runs it: a real log on disk, the real binary, the built-in math
// checker scoring the logged completions against each record's gold answer.
import Foundation
import RolloutLog
import Testing
import TestSupport

@Suite struct RescoreCommandTests {
    /// Two steps of three completions to "What is 2+3?": right, wrong, and no answer tag; the logged
    /// math score claims the opposite of the truth for the first two.
    func log() throws -> URL {
        let dir = try temporaryDirectory()
        let completions = ["2+3=5</think> <answer>5</answer>", "2+3=6</think> <answer>6</answer>", "I do not know"]
        let logged = [0.0, 1.0, 0.0]
        let steps = (1...2).map { step in
            completions.indices.map { i in
                RolloutRecord(step: step, promptIndex: 0, sampleIndex: i, prompt: "What is 2+3?", completion: completions[i],
                              promptIds: [1], completionIds: [2, 3], logprobs: [-0.5, -0.25], rewards: ["math_answer": logged[i]],
                              reward: logged[i], advantage: 0, finishReason: "stop", length: 2, seed: 0, fields: ["answer": "5"])
            }
        }
        _ = try writeLog(in: dir, steps: steps)
        return dir
    }

    @Test func rescoresEveryLoggedCompletion() throws {
        let dir = try log()
        let result = try GRPOBinary.run(["logs", "rescore", dir.path, "--reward", "math_answer"])
        #expect(result.status == 0, "\(result.err)")
        let lines = result.out.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(lines.count == 6)
        #expect(lines.map { $0["step"] as! Int } == [1, 1, 1, 2, 2, 2])
        #expect(lines.map { $0["reward"] as! Double } == [1, 0, 0, 1, 0, 0])
        #expect(lines.map { $0["logged"] as! Double } == [0, 1, 0, 0, 1, 0])
        #expect(result.err.contains("6 rollouts rescored, mean 0.3333, 4 differ from the log"), "\(result.err)")
    }

    @Test func oneStepAndBadRewardName() throws {
        let dir = try log()
        let one = try GRPOBinary.run(["logs", "rescore", dir.path, "--reward", "math_answer", "--step", "2"])
        #expect(one.status == 0 && one.out.split(separator: "\n").count == 3, "\(one.err)")
        let bad = try GRPOBinary.run(["logs", "rescore", dir.path, "--reward", "math_anwser"])
        #expect(bad.status != 0 && bad.err.contains("math_anwser"), "\(bad.err)")
    }
}
