// `grpo logs report`: one self-contained HTML page for a run (inline CSS and SVG, no scripts, nothing
// fetched), so it can be mailed or opened offline: the summary table, a plot of every metric over steps,
// and the best and worst rollouts of the last logged step.
import Foundation

/// Builds a run's HTML report from its logs.
public enum HTMLReport {
    /// Metrics plotted first, in this order; the rest follow alphabetically.
    static let preferredOrder = [
        "reward", "eval/pass@1", "eval/completions/mean_length", "eval/format_rate", "eval/reward", "reward_std", "loss", "kl", "entropy", "completions/mean_length", "completions/min_length",
        "completions/max_length", "completions/clipped_ratio", "completions/mean_terminated_length",
        "frac_reward_zero_std", "learning_rate", "grad_norm",
    ]

    /// The page for the run in `files`, showing `examples` best and worst rollouts of the last step.
    public static func render(files: RunFiles, examples: Int = 3) throws -> String {
        let summary = try RunSummary(files: files)
        let metrics = try files.metrics.map { try MetricsLogReader.read(path: $0) } ?? []
        var lastStep: [RolloutRecord] = []
        if let path = files.rollouts {
            try RolloutLogReader(path: path).forEachFrame { frame in
                if !frame.records.isEmpty { lastStep = frame.records }
            }
        }
        let name = URL(fileURLWithPath: files.directory).lastPathComponent
        var html = """
            <!DOCTYPE html>
            <html lang="en"><head><meta charset="utf-8"><title>\(escapeHTML(name)) · SwiftGRPO run</title>
            <style>\(style)</style></head><body>
            <h1>\(escapeHTML(name))</h1>
            <h2>Summary</h2>
            <table class="summary">

            """
        for row in summary.rows {
            html += "<tr><th>\(escapeHTML(row.label))</th><td>\(escapeHTML(row.value))</td></tr>\n"
        }
        html += "</table>\n<h2>Metrics over steps</h2>\n<div class=\"plots\">\n"
        for plot in plots(metrics: metrics, summary: summary) { html += "<figure>\(plot.svg())</figure>\n" }
        html += "</div>\n"
        html += rollouts(lastStep, examples: examples)
        return html + "</body></html>\n"
    }

    /// One plot per metric; without metrics.jsonl, the mean reward per step from the rollouts.
    static func plots(metrics: [[String: Double]], summary: RunSummary) -> [SVGPlot] {
        if metrics.isEmpty {
            let steps = summary.rewardByStep.keys.sorted()
            if steps.isEmpty { return [] }
            let points = steps.map { (x: Double($0), y: summary.rewardByStep[$0]!.value) }
            return [SVGPlot(title: "reward (mean over logged rollouts)", points: points)]
        }
        let names = Set(metrics.flatMap(\.keys)).subtracting(["step"])
        let ordered = preferredOrder.filter(names.contains) + names.subtracting(preferredOrder).sorted()
        return ordered.map { name in
            let points = metrics.enumerated().compactMap { i, row in
                row[name].map { (x: row["step"] ?? Double(i), y: $0) }
            }
            return SVGPlot(title: name, points: points)
        }
    }

    private static func rollouts(_ records: [RolloutRecord], examples: Int) -> String {
        guard let step = records.first?.step else { return "" }
        let sorted = records.sorted { $0.reward > $1.reward }
        var html = "<h2>Rollouts of step \(step)</h2>\n<h3>Best</h3>\n"
        for record in sorted.prefix(examples) { html += card(record) }
        html += "<h3>Worst</h3>\n"
        for record in sorted.suffix(examples).reversed() { html += card(record) }
        return html
    }

    private static func card(_ r: RolloutRecord) -> String {
        let rewards = r.rewards.keys.sorted().map { "\($0) \(String(format: "%.3g", r.rewards[$0]!))" }
        return """
            <div class="rollout"><div class="meta">prompt \(r.promptIndex) · sample \(r.sampleIndex) · \
            <b>reward \(String(format: "%.4g", r.reward))</b> · advantage \(String(format: "%.3g", r.advantage)) · \
            \(escapeHTML(r.finishReason)) · \(r.length) tokens · \(escapeHTML(rewards.joined(separator: ", ")))</div>
            <details><summary>prompt</summary><pre>\(escapeHTML(r.prompt))</pre></details>
            <pre>\(escapeHTML(r.completion))</pre></div>

            """
    }

    static let style = """
        body{font:14px/1.45 system-ui,sans-serif;margin:24px auto;max-width:1240px;color:#222;padding:0 16px}
        h1{font-size:22px;margin:0 0 8px}h2{font-size:17px;margin:28px 0 8px;border-bottom:1px solid #ddd}
        h3{font-size:15px;margin:14px 0 6px}
        table.summary{border-collapse:collapse}table.summary th{text-align:left;font-weight:500;color:#555;
        padding:2px 18px 2px 0;vertical-align:top}table.summary td{font-family:ui-monospace,monospace}
        .plots{display:flex;flex-wrap:wrap;gap:8px}figure{margin:0;border:1px solid #e4e4e4;border-radius:4px}
        svg text{font:11px system-ui,sans-serif;fill:#444}svg .title{font-size:13px;font-weight:600;fill:#222}
        svg .caption{fill:#777}svg .ytick{text-anchor:end}svg .xtick{text-anchor:middle}
        svg .grid{stroke:#eee}svg .axis{stroke:#999}svg .series{fill:none;stroke:#2763c4;stroke-width:1.6}
        svg .dot{fill:#2763c4}svg .nonfinite{stroke:#d33;stroke-dasharray:3 2}
        .rollout{border:1px solid #e4e4e4;border-radius:4px;margin:8px 0;padding:6px 10px}
        .meta{color:#555;font-size:13px}pre{white-space:pre-wrap;margin:6px 0;font-size:13px}
        """
}
