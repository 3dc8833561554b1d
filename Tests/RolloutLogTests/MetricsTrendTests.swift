// The end-of-run summary: reward windows and first-versus-last evaluation, from metrics rows.
import RolloutLog
import Testing

@Suite struct MetricsTrendTests {
    @Test func rewardWindowsAndEvaluations() {
        var rows: [[String: Double]] = [["step": 0, "eval/reward": 0.25, "eval/rewards/math_answer/mean": 0.05]]
        for s in 1...30 { rows.append(["step": Double(s), "reward": Double(s) / 100]) }
        rows[30]["eval/reward"] = 0.75
        rows[30]["eval/rewards/math_answer/mean"] = 0.55
        let lines = MetricsTrend.lines(rows)
        #expect(lines == [
            "reward, mean of the first and last 10 steps: 0.0550 → 0.2550",
            "eval/reward, step 0 → step 30: 0.2500 → 0.7500",
            "eval/rewards/math_answer/mean, step 0 → step 30: 0.0500 → 0.5500",
        ])
    }

    @Test func shortRunWithoutEvaluation() {
        let lines = MetricsTrend.lines([["step": 1, "reward": 0.5], ["step": 2, "reward": 0.7]])
        #expect(lines == ["reward, mean of the first and last 2 steps: 0.6000 → 0.6000"])
    }
}
