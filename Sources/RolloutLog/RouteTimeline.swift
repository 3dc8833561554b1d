// A training route (R1-Zero; cold start then RL; distillation then RL) as one timeline over wall time:
// its stages' run directories in order, each stage's training seconds summed from its metrics
// (step_time, evaluation excluded) or, for a distillation, from distill.json, and a metric's values placed
// at the training time before them. Compares routes on the same held-out figure.
import Foundation

/// One route's metric against the training seconds spent to reach it.
public struct RouteTimeline: Sendable {
    public let name: String
    /// (training seconds so far, metric value), in order.
    public let points: [(x: Double, y: Double)]
    /// Training seconds of the whole route.
    public let seconds: Double

    /// Reads `stages` (run directories) in order; `metric` names the figure to place on the timeline.
    public init(name: String, stages: [String], metric: String) throws {
        self.name = name
        var offset = 0.0, points: [(x: Double, y: Double)] = []
        for stage in stages {
            let metricsPath = stage + "/metrics.jsonl", distillPath = stage + "/distill.json"
            // A distillation's run directory holds an empty metrics log beside its figures.
            if let data = FileManager.default.contents(atPath: distillPath),
               let figures = try JSONSerialization.jsonObject(with: data) as? [String: Any],
               let seconds = figures["seconds"] as? Double {
                offset += seconds
            } else if FileManager.default.fileExists(atPath: metricsPath) {
                var previous = 0.0, elapsed = 0.0
                for row in try MetricsLogReader.read(path: metricsPath) {
                    let step = row["step"] ?? 0
                    // A logging window's step_time is the mean of its steps.
                    if let t = row["step_time"] { elapsed += t * max(1, step - previous) }
                    if step > 0 && row["step_time"] != nil { previous = step }
                    if let value = row[metric] { points.append((offset + elapsed, value)) }
                }
                offset += elapsed
            } else {
                throw RolloutLogError.file(stage, "neither metrics.jsonl nor a distill.json with seconds")
            }
        }
        self.points = points
        seconds = offset
    }

    /// Training seconds until the metric first reached `target`, if it did.
    public func secondsToReach(_ target: Double) -> Double? { points.first { $0.y >= target }?.x }
}
