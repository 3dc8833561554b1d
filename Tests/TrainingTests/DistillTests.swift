// `grpo distill` through the real binary with a fixture teacher (a random tiny model directory) and a
// plugin reward with a rule the test can recompute: traces.jsonl holds exactly the samples of the rollout
// log that the rule accepts, without duplicates and within the per-prompt cap; too few survivors stop
// the command (the traces are still written); `sft:` fine-tunes the student on them.
import Foundation
import RolloutLog
import Testing
import TestSupport

@Suite(.serialized) struct DistillTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("distill-\(UUID().uuidString)")

    func write(_ name: String, _ text: String) throws -> String { try writeScratchFile(name, text, in: Self.directory) }

    /// A random tiny model with the character tokenizer (once per suite run).
    func teacher() throws -> String {
        let dir = Self.directory.appendingPathComponent("teacher").path
        if FileManager.default.fileExists(atPath: dir + "/config.json") { return dir }
        let r = try GRPOBinary.run(["init-model", "--config", "tiny", "--char-tokenizer", "--out", dir, "--seed", "5"])
        #expect(r.status == 0, "\(r.err)")
        return dir
    }

    /// The acceptance rule of the fixture reward: completions of an even number of characters.
    static func accepted(_ completion: String) -> Bool { completion.count % 2 == 0 }

    func recipe(_ extra: String = "") throws -> String {
        let reward = try write("even.py", """
            import json, sys
            for line in sys.stdin:
                c = json.loads(line)["completion"]
                print(json.dumps({"reward": 1.0 if len(c) % 2 == 0 else 0.0}), flush=True)
            """)
        return try write("distill.yaml", """
            name: distill
            teacher: \(try teacher())
            dataset: {task: arithmetic, digits: 1, operations: "+", template: plain}
            reward_funcs: [\(reward)]
            prompts: 20
            num_generations: 6
            max_completion_length: 6
            temperature: 1.5
            max_per_prompt: 2
            \(extra)
            """)
    }

    @Test func keepsExactlyTheTracesTheRewardsAccept() throws {
        let run = Self.directory.appendingPathComponent("run").path
        let r = try GRPOBinary.run(["distill", try recipe(), "--out", run, "--threads", "1"])
        #expect(r.status == 0, "\(r.err)")
        let records = try RolloutLogReader(path: run + "/rollouts.zst").read().records
        #expect(records.count == 20 * 6)
        var expected: [String] = []
        for prompt in Set(records.map(\.promptIndex)).sorted() {
            var seen: Set<String> = [], kept = 0
            for record in records.filter({ $0.promptIndex == prompt }).sorted(by: { $0.sampleIndex < $1.sampleIndex }) {
                // The log holds the plugin's own verdict, and the rule recomputed agrees with it.
                #expect((record.rewards["even.py"] == 1) == Self.accepted(record.completion), "\(record.completion)")
                guard Self.accepted(record.completion) else { continue }
                let key = record.completion.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                guard seen.insert(key).inserted, kept < 2 else { continue }
                kept += 1
                expected.append("\(prompt)/\(record.sampleIndex)/\(record.completion)")
            }
        }
        let lines = try String(contentsOfFile: run + "/traces.jsonl", encoding: .utf8).split(separator: "\n")
        let traces = try lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        let got = traces.map { "\($0["prompt_index"]!)/\($0["sample_index"]!)/\($0["completion"]!)" }
        #expect(!expected.isEmpty && expected.count < records.count, "the rule should keep some and drop some")
        #expect(got == expected)
        for t in traces {
            #expect((t["teacher"] as? String)?.hasSuffix("/teacher") == true && t["reward"] as? Double == 1 && t["prompt"] is String)
        }
        #expect(r.out.contains("\(expected.count) kept"), "\(r.out)")
    }

    @Test func tooFewSurvivorsStopTheCommandAndKeepTheTraces() throws {
        let run = Self.directory.appendingPathComponent("few").path
        let r = try GRPOBinary.run(["distill", try recipe("min_examples: 1000"), "--out", run, "--threads", "1"])
        #expect(r.status != 0 && r.err.contains("traces passed the rewards (min_examples 1000)"), "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: run + "/traces.jsonl"))
    }

    @Test func theStudentIsFineTunedOnTheKeptTraces() throws {
        let sft = try write("student.yaml", """
            name: student
            model: tiny
            dataset: {path: replaced-by-distill.jsonl}
            max_steps: 3
            per_device_train_batch_size: 4
            """)
        let run = Self.directory.appendingPathComponent("student-run").path
        let r = try GRPOBinary.run(["distill", try recipe("sft: \(sft)"), "--out", run, "--threads", "1"])
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: run + "/student/final/model.safetensors"))
        let resolved = try String(contentsOfFile: run + "/student/config.resolved.yaml", encoding: .utf8)
        #expect(resolved.contains("path: \"\(run)/traces.jsonl\""), "\(resolved)")
    }

    @Test func recipeMistakesNameTheKey() throws {
        let missing = try write("noteacher.yaml", "name: x\nprompts: 3\n")
        let a = try GRPOBinary.run(["distill", missing])
        #expect(a.status != 0 && a.err.contains("noteacher.yaml: teacher: is required"), "\(a.err)")
        let b = try GRPOBinary.run(["distill", try recipe("max_per_promt: 3")])
        #expect(b.status != 0 && b.err.contains("max_per_promt: unknown key (did you mean max_per_prompt?)"), "\(b.err)")
        let c = try GRPOBinary.run(["distill", try recipe("num_generations: 0")])
        #expect(c.status != 0 && c.err.contains("num_generations: must be at least 1"), "\(c.err)")
    }
}
