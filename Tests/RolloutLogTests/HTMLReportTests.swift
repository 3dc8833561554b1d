// The HTML report: one SVG plot per metric, self-contained, with the summary and last step's rollouts.
import Foundation
import RolloutLog
import Testing

@Suite struct HTMLReportTests {
    @Test func onePlotPerMetricAndNothingFetched() throws {
        let dir = try temporaryDirectory()
        _ = try writeLog(in: dir, steps: [sampleStep(1), sampleStep(2, count: 6)])
        let metrics = try MetricsLogWriter(path: dir.appendingPathComponent("metrics.jsonl").path)
        for step in 1...20 {
            try metrics.append([
                "step": Double(step), "reward": Double(step) / 20, "loss": step == 7 ? .nan : 0.1,
                "rewards/math_answer/mean": 0.5, "kl": 0.01 * Double(step), "zeta": 1,
            ])
        }
        metrics.close()
        let html = try HTMLReport.render(files: try RunFiles(run: dir.path), examples: 2)
        #expect(html.components(separatedBy: "<svg").count - 1 == 5)
        for name in ["reward", "loss", "rewards/math_answer/mean", "kl", "zeta"] {
            #expect(html.contains("aria-label=\"\(name)\""), "plot of \(name)")
        }
        #expect(html.contains("1 non-finite") && html.contains("class=\"nonfinite\""))
        #expect(html.range(of: "aria-label=\"reward\"")!.lowerBound < html.range(of: "aria-label=\"zeta\"")!.lowerBound)
        #expect(!html.contains("http:") && !html.contains("https:") && !html.contains("<script"))
        #expect(!html.contains("<link") && !html.contains("src="))
        #expect(html.contains("Rollouts of step 2") && html.contains("&lt;think&gt;"))
        #expect(html.contains("records</th><td>10 in 2 frames"))
    }

    @Test func rewardFromRolloutsWithoutMetrics() throws {
        let dir = try temporaryDirectory()
        _ = try writeLog(in: dir, steps: [sampleStep(1), sampleStep(2)])
        let html = try HTMLReport.render(files: try RunFiles(run: dir.path))
        #expect(html.components(separatedBy: "<svg").count - 1 == 1)
        #expect(html.contains("reward (mean over logged rollouts)"))
    }

    @Test func noLogsIsAnErrorNamingTheDirectory() throws {
        let dir = try temporaryDirectory()
        let error = #expect(throws: RolloutLogError.self) { try RunFiles(run: dir.path) }
        #expect(error?.description.hasPrefix(dir.path) == true)
    }
}
