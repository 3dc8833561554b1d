// Everything a run writes besides checkpoints: config.resolved.yaml, one rollout-log frame per step,
// one metrics line per `logging_steps` steps (also as TensorBoard events), and alarms. On resume from step N, logs are cut back to step N first so
// they match the checkpoint exactly.
import Foundation
import RolloutLog

/// The run directory's logs.
final class RunOutput {
    let run: URL
    /// The rollout log (nil for runs that sample nothing, such as `grpo sft`).
    let rollouts: RolloutLogWriter?
    let metrics: MetricsLogWriter
    let alarms: FileHandle
    let tensorboard: TensorBoardWriter
    /// The metrics of the steps since the last written line.
    private var window: [[String: Double]] = []

    init(run: URL, resumedAt: Int?, rolloutLog: Bool = true) throws {
        self.run = run
        rollouts = rolloutLog ? try RolloutLogWriter(path: run.appendingPathComponent("rollouts.zst").path,
                                                     keepingStepsThrough: resumedAt ?? 0) : nil
        // A fresh run keeps no line, not even an old run's step-0 evaluation.
        metrics = try MetricsLogWriter(path: run.appendingPathComponent("metrics.jsonl").path,
                                       keepingStepsThrough: resumedAt ?? -1)
        let alarmsURL = run.appendingPathComponent("alarms.log")
        if !FileManager.default.fileExists(atPath: alarmsURL.path) {
            _ = FileManager.default.createFile(atPath: alarmsURL.path, contents: nil)
        }
        alarms = try FileHandle(forWritingTo: alarmsURL)
        try alarms.seekToEnd()
        tensorboard = try TensorBoardWriter(directory: run)
    }

    func writeResolvedConfig(_ yaml: String) throws {
        try yaml.write(to: run.appendingPathComponent("config.resolved.yaml"), atomically: true, encoding: .utf8)
    }

    /// One frame holding every completion of the step.
    func append(step: Int, groups: [Group], advantages: [Double]) throws {
        var records: [RolloutRecord] = []
        var i = 0
        for group in groups {
            let fields = group.example.fields.mapValues { $0.stringValue ?? $0.jsonText }
            for (s, c) in group.completions.enumerated() {
                var components: [String: Double] = [:], infos: [String: String] = [:]
                for (name, scores) in group.components { if let v = scores[s] { components[name] = v } }
                for (name, texts) in group.infos { if let t = texts[s] { infos[name] = t } }
                records.append(RolloutRecord(
                    step: step, promptIndex: group.datasetIndex, sampleIndex: s, prompt: group.example.prompt,
                    completion: c.text, promptIds: group.promptIds, completionIds: c.completionIds, logprobs: c.logprobs,
                    rewards: components, reward: group.rewards[s], advantage: advantages[i],
                    finishReason: c.finishReason.rawValue, length: c.completionIds.count, seed: group.seeds[s],
                    fields: fields, rewardInfo: infos))
                i += 1
            }
        }
        try rollouts?.append(step: records)
    }

    /// Adds a step's metrics to the logging window; a window's end writes one line (and TensorBoard point)
    /// at `step` holding each metric's mean over the steps of the window that have it, as TRL's
    /// `logging_steps` does. Alarms are written at once.
    func appendMetrics(step: Int, metrics values: [String: Double], alarms raised: [String], endsWindow: Bool = true) throws {
        for alarm in raised { alarms.write(Data("step \(step): \(alarm)\n".utf8)) }
        window.append(values)
        guard endsWindow else { return }
        var sums: [String: (total: Double, count: Int)] = [:]
        for row in window { for (k, v) in row { sums[k, default: (0, 0)].total += v; sums[k]!.count += 1 } }
        window = []
        let means = sums.mapValues { $0.total / Double($0.count) }
        var row = means
        row["step"] = Double(step)
        try metrics.append(row)
        try tensorboard.append(step: step, metrics: means)
    }

    /// Notes the cold start's outcome in the alarms log's neighbour, `cold_start.json`.
    func appendColdStart(steps: Int, loss: Double) throws {
        let data = try JSONSerialization.data(withJSONObject: ["steps": steps, "final_loss": loss], options: [.sortedKeys])
        try data.write(to: run.appendingPathComponent("cold_start.json"), options: .atomic)
    }
}
