// Alarms fire on the failures they name and stay quiet on healthy runs, including a cold-started policy
// whose entropy is low from its first step.
import Testing
import Training

@Suite struct HealthAlarmsTests {
    let healthy: [String: Double] = ["entropy": 0.6, "completions/clipped_ratio": 0.1, "frac_reward_zero_std": 0.2]

    @Test func healthyStepRaisesNothing() {
        #expect(HealthAlarms.check(healthy, initialEntropy: 0.7, timedOut: []).isEmpty)
    }

    @Test func entropyCollapseIsAFallNotALevel() {
        var m = healthy
        m["entropy"] = 0.03
        let fell = HealthAlarms.check(m, initialEntropy: 0.7, timedOut: [])
        #expect(fell.count == 1 && fell[0].contains("entropy collapse") && fell[0].contains("0.7000"))
        // Low from the start (a cold-started policy): no alarm.
        #expect(HealthAlarms.check(m, initialEntropy: 0.045, timedOut: []).isEmpty)
    }

    @Test func truncationFlatGroupsAndTimeouts() {
        var m = healthy
        m["completions/clipped_ratio"] = 0.9
        m["frac_reward_zero_std"] = 0.95
        let alarms = HealthAlarms.check(m, initialEntropy: 0.7, timedOut: ["code_tests"])
        #expect(alarms.count == 3)
        #expect(alarms[0].contains("90% of completions hit max_completion_length"))
        #expect(alarms[1].contains("95% of groups have identical rewards"))
        #expect(alarms[2].contains("reward code_tests timed out"))
    }
}
