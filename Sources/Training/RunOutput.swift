// Everything a run writes besides checkpoints: config.resolved.yaml, one rollout-log frame per step,
// one metrics line per step (also as TensorBoard events), and alarms. On resume from step N, logs are cut back to step N first so
// they match the checkpoint exactly.
import Foundation
import RolloutLog

/// The run directory's logs.
final class RunOutput {
    let run: URL
    let rollouts: RolloutLogWriter
    let metrics: FileHandle
    let alarms: FileHandle
    let tensorboard: TensorBoardWriter

    init(run: URL, resumedAt: Int?) throws {
        self.run = run
        rollouts = try RolloutLogWriter(path: run.appendingPathComponent("rollouts.zst").path,
                                        keepingStepsThrough: resumedAt ?? 0)
        metrics = try Self.appendHandle(run.appendingPathComponent("metrics.jsonl"), keepingStepsThrough: resumedAt ?? 0)
        alarms = try Self.appendHandle(run.appendingPathComponent("alarms.log"), keepingStepsThrough: nil)
        tensorboard = try TensorBoardWriter(directory: run)
    }

    func writeResolvedConfig(_ yaml: String) throws {
        try yaml.write(to: run.appendingPathComponent("config.resolved.yaml"), atomically: true, encoding: .utf8)
    }

    /// One frame holding every completion of the step.
    func append(step: Int, groups: [Group], advantages: [Double], seedBase: UInt64) throws {
        var records: [RolloutRecord] = []
        var i = 0
        for group in groups {
            for (s, c) in group.completions.enumerated() {
                var components: [String: Double] = [:]
                for (name, scores) in group.components { if let v = scores[s] { components[name] = v } }
                records.append(RolloutRecord(
                    step: step, promptIndex: group.datasetIndex, sampleIndex: s, prompt: group.example.prompt,
                    completion: c.text, promptIds: group.promptIds, completionIds: c.completionIds, logprobs: c.logprobs,
                    rewards: components, reward: group.rewards[s], advantage: advantages[i],
                    finishReason: c.finishReason.rawValue, length: c.completionIds.count, seed: UInt64(group.cursor)))
                i += 1
            }
        }
        try rollouts.append(step: records)
    }

    func appendMetrics(step: Int, metrics values: [String: Double], alarms raised: [String]) throws {
        var object: [String: Any] = values.mapValues { $0.isFinite ? $0 as Any : "\($0)" as Any }
        object["step"] = step
        let line = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        metrics.write(line + Data("\n".utf8))
        try metrics.synchronize()
        for alarm in raised { alarms.write(Data("step \(step): \(alarm)\n".utf8)) }
        try tensorboard.append(step: step, metrics: values)
    }

    /// Notes the cold start's outcome in the alarms log's neighbour, `cold_start.json`.
    func appendColdStart(steps: Int, loss: Double) throws {
        let data = try JSONSerialization.data(withJSONObject: ["steps": steps, "final_loss": loss], options: [.sortedKeys])
        try data.write(to: run.appendingPathComponent("cold_start.json"), options: .atomic)
    }

    /// Opens `url` for appending; with `keepingStepsThrough`, drops lines of later steps (and a torn last line).
    static func appendHandle(_ url: URL, keepingStepsThrough maxStep: Int?) throws -> FileHandle {
        if !FileManager.default.fileExists(atPath: url.path) {
            FileManager.default.createFile(atPath: url.path, contents: nil)
        } else if let maxStep {
            let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
            let kept = text.split(separator: "\n").filter { line in
                guard let data = line.data(using: .utf8),
                      let obj = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
                      let step = obj["step"] as? Int else { return false }
                return step <= maxStep
            }
            try (kept.map { $0 + "\n" }.joined()).write(to: url, atomically: true, encoding: .utf8)
        }
        let handle = try FileHandle(forWritingTo: url)
        try handle.seekToEnd()
        return handle
    }
}
