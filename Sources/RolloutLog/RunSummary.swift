// What `grpo logs summary` prints and the report's table shows: a run directory's rollout log read frame
// by frame (never all records at once) and its metrics log, boiled down to a few rows.
import Foundation

/// The log files of a run directory.
public struct RunFiles: Sendable {
    /// The run directory.
    public let directory: String
    /// `rollouts.zst`, when present.
    public let rollouts: String?
    /// `metrics.jsonl`, when present.
    public let metrics: String?

    /// The logs in `run`; also accepts a bare run name under `runs/`. Errors when neither log exists.
    public init(run: String) throws {
        let fm = FileManager.default
        var isDirectory: ObjCBool = false
        var dir = run
        if !fm.fileExists(atPath: run, isDirectory: &isDirectory) || !isDirectory.boolValue,
            fm.fileExists(atPath: "runs/\(run)")
        {
            dir = "runs/\(run)"
        }
        directory = dir
        let rollouts = "\(dir)/rollouts.zst"
        let metrics = "\(dir)/metrics.jsonl"
        self.rollouts = fm.fileExists(atPath: rollouts) ? rollouts : nil
        self.metrics = fm.fileExists(atPath: metrics) ? metrics : nil
        if self.rollouts == nil && self.metrics == nil {
            throw RolloutLogError.file(run, "no rollouts.zst or metrics.jsonl here (is it a run directory?)")
        }
    }
}

/// Counts and means over a run's logs.
public struct RunSummary: Sendable {
    /// A mean and how many values went into it.
    public struct Mean: Sendable {
        public var sum = 0.0, count = 0
        public var value: Double { count > 0 ? sum / Double(count) : .nan }
        mutating func add(_ x: Double) {
            sum += x
            count += 1
        }
    }

    /// Rollout records read.
    public var records = 0
    /// Frames read.
    public var frames = 0
    /// Mean total reward of each step.
    public var rewardByStep: [Int: Mean] = [:]
    /// Mean of each reward component over the records it applied to.
    public var components: [String: Mean] = [:]
    /// Records per finish reason.
    public var finishReasons: [String: Int] = [:]
    /// Mean completion length in tokens.
    public var length = Mean()
    /// Size of rollouts.zst, and of its frames as plain JSONL.
    public var rolloutBytes = 0, jsonBytes = 0
    /// What could not be read at the end of rollouts.zst.
    public var tail: RolloutLogTail?
    /// Size and rows of metrics.jsonl.
    public var metricsBytes = 0, metricsRows = 0

    /// Reads `files`' logs.
    public init(files: RunFiles) throws {
        if let path = files.rollouts {
            tail = try RolloutLogReader(path: path).forEachFrame { frame in
                frames += 1
                jsonBytes += frame.json.count
                rolloutBytes += frame.compressedSize
                for record in frame.records { add(record) }
            }
            rolloutBytes += tail?.bytes ?? 0
        }
        if let path = files.metrics {
            metricsRows = try MetricsLogReader.read(path: path).count
            metricsBytes = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        }
    }

    private mutating func add(_ record: RolloutRecord) {
        records += 1
        rewardByStep[record.step, default: Mean()].add(record.reward)
        for (name, value) in record.rewards { components[name, default: Mean()].add(value) }
        finishReasons[record.finishReason, default: 0] += 1
        length.add(Double(record.length))
    }

    /// Mean reward over consecutive ranges of logged steps, at most `ranges` of them.
    public func rewardByStepRange(ranges: Int = 8) -> [(steps: ClosedRange<Int>, mean: Double)] {
        let steps = rewardByStep.keys.sorted()
        guard !steps.isEmpty else { return [] }
        let width = (steps.count + ranges - 1) / ranges
        return stride(from: 0, to: steps.count, by: width).map { start in
            let chunk = steps[start..<min(start + width, steps.count)]
            var mean = Mean()
            for step in chunk {
                mean.sum += rewardByStep[step]!.sum
                mean.count += rewardByStep[step]!.count
            }
            return (chunk.first!...chunk.last!, mean.value)
        }
    }

    /// The summary as label/value rows, in reading order.
    public var rows: [(label: String, value: String)] {
        var rows: [(String, String)] = []
        let steps = rewardByStep.keys.sorted()
        if let first = steps.first, let last = steps.last {
            rows.append(("steps", "\(steps.count) (\(first)–\(last))"))
        }
        rows.append(("records", "\(records) in \(frames) frames"))
        for (range, mean) in rewardByStepRange() {
            let (a, b) = (range.lowerBound, range.upperBound)
            let label = a == b ? "step \(a)" : "steps \(a)–\(b)"
            rows.append(("mean reward, \(label)", fixed(mean)))
        }
        for name in components.keys.sorted() {
            let mean = components[name]!
            rows.append(("rewards/\(name) mean", "\(fixed(mean.value)) over \(mean.count) records"))
        }
        if records > 0 {
            let reasons = finishReasons.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }
            rows.append(("finish reasons", reasons.joined(separator: ", ")))
            rows.append(("mean length", String(format: "%.1f tokens", length.value)))
        }
        if rolloutBytes > 0 {
            let ratio = Double(jsonBytes) / Double(max(rolloutBytes, 1))
            rows.append(("rollouts.zst", "\(megabytes(rolloutBytes)) (\(megabytes(jsonBytes)) as JSONL, "
                + String(format: "%.1f×", ratio) + " smaller)"))
        }
        if let summary = tail?.summary { rows.append(("unreadable tail", summary)) }
        if metricsRows > 0 { rows.append(("metrics.jsonl", "\(metricsRows) rows, \(megabytes(metricsBytes))")) }
        return rows
    }
}

func fixed(_ x: Double) -> String { String(format: "%.4f", x) }

func megabytes(_ bytes: Int) -> String {
    bytes < 1_000_000 ? String(format: "%.1f kB", Double(bytes) / 1e3) : String(format: "%.2f MB", Double(bytes) / 1e6)
}
