// `grpo sample` with a prompts file, run as a subprocess on a model directory `grpo init-model` wrote:
// one JSON line per completion with the documented keys, and every kind of bad line named by FILE:LINE.
import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct SampleCommandTests {
    /// A random tiny model with the character tokenizer, and a directory for prompt files.
    static let directory: URL = {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sample-\(UUID().uuidString)")
        let made = try? GRPOBinary.run(["init-model", "--config", "tiny", "--char-tokenizer", "--out", dir.appendingPathComponent("model").path])
        precondition(made?.status == 0, "init-model failed: \(made?.err ?? "did not start")")
        return dir
    }()

    func sample(_ lines: [String], _ extra: [String] = []) throws -> (status: Int32, out: String, err: String, file: String) {
        let file = Self.directory.appendingPathComponent("prompts-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: file, atomically: true, encoding: .utf8)
        let r = try GRPOBinary.run(["sample", "--model", Self.directory.appendingPathComponent("model").path,
                                    "--prompts", file.path, "--max-new-tokens", "6", "--threads", "1"] + extra)
        return (r.status, r.out, r.err, file.path)
    }

    @Test func jsonLinePerCompletion() throws {
        let r = try sample([#"{"prompt": "What is 2+2?"}"#, "", #"{"prompt_ids": [5, 6, 7]}"#], ["--n", "2", "--temperature", "0", "--json"])
        #expect(r.status == 0, "\(r.err)")
        let rows = r.out.split(separator: "\n").map { try! JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        #expect(rows.count == 4)
        #expect(rows.map { $0["prompt_index"] as! Int } == [0, 0, 1, 1])
        #expect(rows.map { $0["sample_index"] as! Int } == [0, 1, 0, 1])
        #expect(rows[2]["prompt_ids"] as! [Int] == [5, 6, 7])
        for row in rows {
            let ids = row["completion_ids"] as! [Int], logprobs = row["logprobs"] as! [Double]
            #expect((1...6).contains(ids.count) && logprobs.count == ids.count && logprobs.allSatisfy { $0 <= 0 })
            #expect(["stop", "length"].contains(row["finish_reason"] as! String) && row["text"] is String)
        }
        // Greedy: both samples of a prompt are the same completion.
        #expect(rows[0]["completion_ids"] as! [Int] == rows[1]["completion_ids"] as! [Int])
    }

    @Test(arguments: [
        ("not json", "not a JSON object"),
        (#"{"text": "hi"}"#, #"needs "prompt""#),
        (#"{"prompt_ids": [1, 99999]}"#, "token id 99999 is outside the model's vocabulary"),
        (#"{"prompt_ids": []}"#, "the prompt is empty"),
    ])
    func badLineIsNamed(line: String, message: String) throws {
        let r = try sample([#"{"prompt": "ok"}"#, line])
        #expect(r.status != 0 && r.err.contains("\(r.file):2") && r.err.contains(message), "\(r.err)")
    }
}
