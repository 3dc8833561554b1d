// Alarms a person should see, not just find in a metric: what went wrong and what to change.

/// Health checks on a step's metrics, each with a message saying what to change.
public enum HealthAlarms {
    /// Alarms for one step's metrics; `initialEntropy` is the run's first-step entropy.
    public static func check(_ m: [String: Double], initialEntropy: Double?, timedOut: [String]) -> [String] {
        var alarms: [String] = []
        // A collapse is a fall, not a level: a cold-started policy may begin near 0.05 nats and stay there.
        if let e = m["entropy"], let start = initialEntropy, e < 0.05, e < start / 4 {
            alarms.append(String(format: "entropy collapse: mean token entropy %.4f, down from %.4f at the first step; "
                + "lower learning_rate or raise temperature", e, start))
        }
        if let c = m["completions/clipped_ratio"], c > 0.8 {
            alarms.append("\(Int(c * 100))% of completions hit max_completion_length; raise it or set mask_truncated_completions")
        }
        if let z = m["frac_reward_zero_std"], z > 0.8 {
            alarms.append("\(Int(z * 100))% of groups have identical rewards (no learning signal); "
                + "raise num_generations, use easier prompts, or enable dynamic_sampling")
        }
        for name in timedOut {
            alarms.append("reward \(name) timed out; its scores count as 0 this step (raise reward_timeout)")
        }
        return alarms
    }
}
