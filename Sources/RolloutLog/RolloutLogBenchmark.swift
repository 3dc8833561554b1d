// `grpo bench rolloutlog`: writes synthetic but realistic steps (8 prompts × 8 samples, ~200-token
// English-like completions with their ids and log-probs) through the real writer, then reads them back,
// and reports JSON MB/s, ms per step frame and the size against plain JSONL. Log-probs dominate the
// compressed size, so they are made the way the sampler makes them: a float32 logit minus a float32
// log-normaliser of magnitude 10-20, which rounds confident tokens' log-probs to a few distinct values.
// `randomLogprobs` instead draws full 24-bit mantissas, the worst case.
import Foundation

/// Throughput and size of the rollout log on synthetic steps.
public struct RolloutLogBenchmarkReport: Codable, Sendable {
    public let steps, recordsPerStep, jsonBytes, compressedBytes: Int
    /// JSON megabytes per second through `append` (encode, compress, write, fsync).
    public let writeMBps: Double
    /// Milliseconds per step frame through `append`, and the part of them spent in fsync.
    public let msPerFrame, syncMsPerFrame: Double
    /// JSON megabytes per second through the reader (decompress and decode).
    public let readMBps: Double
    /// Plain JSONL size over compressed size.
    public let ratio: Double
}

/// Runs the rollout log benchmark.
public enum RolloutLogBenchmark {
    /// Writes `steps` steps of `prompts` × `samples` records to a new log at `keep` (a temporary file
    /// deleted afterwards when nil) and reads it back.
    public static func run(steps: Int = 30, prompts: Int = 8, samples: Int = 8, level: Int32 = 3,
                           randomLogprobs: Bool = false, keep: String? = nil) throws -> RolloutLogBenchmarkReport
    {
        let temporary = FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(getpid()).zst")
        let path = keep ?? temporary.path
        try? FileManager.default.removeItem(atPath: path)
        defer { if keep == nil { try? FileManager.default.removeItem(atPath: path) } }
        var generator = SyntheticRollouts(seed: 7, randomLogprobs: randomLogprobs)
        let data = (1...steps).map { generator.step($0, prompts: prompts, samples: samples) }
        let writer = try RolloutLogWriter(path: path, level: level)
        for records in data { try writer.append(step: records) }
        let writeSeconds = writer.appendSeconds
        writer.close()
        let readStart = DispatchTime.now().uptimeNanoseconds
        let contents = try RolloutLogReader(path: path).read()
        let readSeconds = Double(DispatchTime.now().uptimeNanoseconds - readStart) / 1e9
        guard contents.records.count == steps * prompts * samples else {
            let expected = steps * prompts * samples
            throw RolloutLogError.file(path, "read back \(contents.records.count) records of \(expected)")
        }
        let json = writer.jsonBytesWritten
        return RolloutLogBenchmarkReport(
            steps: steps, recordsPerStep: prompts * samples, jsonBytes: json,
            compressedBytes: writer.compressedBytesWritten, writeMBps: Double(json) / writeSeconds / 1e6,
            msPerFrame: writeSeconds * 1e3 / Double(steps), syncMsPerFrame: writer.syncSeconds * 1e3 / Double(steps),
            readMBps: Double(json) / readSeconds / 1e6,
            ratio: Double(json) / Double(writer.compressedBytesWritten))
    }
}

/// Deterministic made-up rollouts shaped like a math-reasoning GRPO run.
struct SyntheticRollouts {
    private var state: UInt64
    let randomLogprobs: Bool
    private static let words = """
        the a of to and is in that we so it for this with as be then let first number sum total answer check \
        now which means each next step compute add subtract multiply divide result equals twice half more less \
        than left right side both value remaining after before group per so therefore hence thus since because \
        wait actually hmm okay good verify again apples bananas boxes students pages hours minutes dollars cents \
        price cost sold bought gave kept split equally between among ratio percent of rate speed distance time
        """.split(separator: " ").map(String.init)

    init(seed: UInt64, randomLogprobs: Bool) {
        state = seed
        self.randomLogprobs = randomLogprobs
    }

    /// SplitMix64.
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func uniform() -> Double { Double(next() >> 11) / Double(1 << 53) }

    /// Words drawn with a skew towards the start of the list, like real word frequencies.
    mutating func text(words count: Int) -> (String, [Int32]) {
        var words: [String] = []
        var ids: [Int32] = []
        for _ in 0..<count {
            let index = Int(pow(uniform(), 2.2) * Double(Self.words.count))
            words.append(Self.words[index])
            ids.append(Int32(index * 37 + 1_000))
            if uniform() < 0.08 {
                let n = Int(next() % 1000)
                words.append(String(n))
                ids.append(Int32(20_000 + n))
            }
        }
        return (words.joined(separator: " "), ids)
    }

    /// A sampled token's log-prob: 70% confident tokens (mean NLL 0.01), 30% uncertain (mean NLL 1).
    mutating func logprob() -> Float {
        let nll = -log(max(uniform(), 1e-12)) * (uniform() < 0.7 ? 0.01 : 1.0)
        if randomLogprobs { return Float(-nll) }
        let logZ = Float(10 + 10 * uniform())
        let logit = Float(Double(logZ) - nll)
        return logit - logZ
    }

    mutating func step(_ step: Int, prompts: Int, samples: Int) -> [RolloutRecord] {
        var records: [RolloutRecord] = []
        for p in 0..<prompts {
            let (question, questionIds) = text(words: 40)
            let prompt = "<|im_start|>user\n\(question)?<|im_end|>\n<|im_start|>assistant\n<think>"
            let gold = Int(next() % 500)
            var group: [RolloutRecord] = []
            for s in 0..<samples {
                let (reasoning, reasoningIds) = text(words: 170 + Int(next() % 60))
                let correct = uniform() < 0.4
                let answer = correct ? gold : Int(next() % 500)
                let completion = "\(reasoning)</think>\n<answer>\(answer)</answer>"
                let ids = reasoningIds + [151_668, 27, 9_217, Int32(20_000 + answer), 522, 9_217, 29]
                let logprobs = ids.map { _ in logprob() }
                let rewards = ["math_answer": correct ? 1.0 : 0.0, "format": 1.0]
                group.append(
                    RolloutRecord(
                        step: step, promptIndex: p, sampleIndex: s, prompt: prompt, completion: completion,
                        promptIds: questionIds, completionIds: ids, logprobs: logprobs, rewards: rewards,
                        reward: rewards.values.reduce(0, +), advantage: 0, finishReason: "stop",
                        length: ids.count, seed: next()))
            }
            let mean = group.map(\.reward).reduce(0, +) / Double(samples)
            let variance = group.map { ($0.reward - mean) * ($0.reward - mean) }.reduce(0, +) / Double(samples)
            let std = variance.squareRoot()
            for i in group.indices { group[i].advantage = (group[i].reward - mean) / (std + 1e-4) }
            records += group
        }
        return records
    }
}
