// `grpo bench rolloutlog`: rollout log write and read throughput and size against plain JSONL.
import ArgumentParser
import Foundation
import RolloutLog

struct BenchRolloutLog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rolloutlog",
        abstract: "Rollout log MB/s, ms per step frame and size vs plain JSONL on synthetic 64-record steps.")
    @Option(help: "Steps to write.") var steps = 30
    @Option(help: "Prompts per step.") var prompts = 8
    @Option(help: "Samples per prompt.") var samples = 8
    @Option(help: "zstd level.") var level: Int32 = 3
    @Flag(help: "Log-probs with full random mantissas (worst case for size) instead of float32 log-softmax ones.")
    var randomLogprobs = false
    @Option(help: "Keep the log at this path (replacing it) instead of deleting it.") var keep: String?
    @Flag(help: "Print one JSON object instead of a line.") var json = false

    func run() throws {
        let r = try RolloutLogBenchmark.run(steps: steps, prompts: prompts, samples: samples, level: level,
                                         randomLogprobs: randomLogprobs, keep: keep)
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys]
            encoder.keyEncodingStrategy = .convertToSnakeCase
            print(String(decoding: try encoder.encode(r), as: UTF8.self))
        } else {
            print(String(
                format: "write %.1f MB/s of JSON, %.2f ms per %d-record frame (%.2f ms of it fsync); read %.1f MB/s; "
                    + "%.2f MB as JSONL -> %.2f MB (%.1f× smaller), %d steps",
                r.writeMBps, r.msPerFrame, r.recordsPerStep, r.syncMsPerFrame, r.readMBps, Double(r.jsonBytes) / 1e6,
                Double(r.compressedBytes) / 1e6, r.ratio, r.steps))
        }
    }
}
