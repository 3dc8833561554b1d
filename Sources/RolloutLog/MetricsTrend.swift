// The few lines a finished run ends with: how the training reward and the held-out evaluation moved,
// read back from metrics.jsonl (the same figures whether the run was resumed or not).

/// Start-versus-end figures of a run's metrics.
public enum MetricsTrend {
    /// "reward" averaged over the first and last `window` training steps, and the held-out figures
    /// (`eval/pass@1`, format rate, length, `eval/reward`, every `eval/rewards/…`) at the first and last
    /// evaluation; one line each.
    public static func lines(_ rows: [[String: Double]], window: Int = 10) -> [String] {
        var lines: [String] = []
        let steps = rows.filter { $0["reward"] != nil }
        if !steps.isEmpty {
            let w = min(window, steps.count)
            func mean(_ part: ArraySlice<[String: Double]>) -> Double { part.reduce(0) { $0 + $1["reward"]! } / Double(part.count) }
            lines.append(String(format: "reward, mean of the first and last %d steps: %.4f → %.4f", w,
                                mean(steps.prefix(w)), mean(steps.suffix(w))))
        }
        let evals = rows.filter { $0["eval/reward"] != nil }
        if let first = evals.first, let last = evals.last, evals.count > 1 {
            let keys = ["eval/pass@1", "eval/format_rate", "eval/completions/mean_length", "eval/reward"] + first.keys.filter { $0.hasPrefix("eval/rewards/") }.sorted()
            for key in keys {
                guard let a = first[key], let b = last[key] else { continue }
                lines.append(String(format: "%@, step %d → step %d: %.4f → %.4f", key, Int(first["step"] ?? 0),
                                    Int(last["step"] ?? 0), a, b))
            }
        }
        return lines
    }
}
