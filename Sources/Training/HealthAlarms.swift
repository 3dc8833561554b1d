// Alarms a person should see, not just find in a metric: what went wrong and what to change.

enum HealthAlarms {
    /// Alarms for one step's metrics.
    static func check(_ m: [String: Double], timedOut: [String]) -> [String] {
        var alarms: [String] = []
        if let e = m["entropy"], e < 0.05 {
            alarms.append("entropy collapse: mean token entropy \(e); lower learning_rate or raise temperature")
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
