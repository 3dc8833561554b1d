// What one GRPO step measured: TRL's metric names plus the split of step time, shown on the progress
// line and written to metrics.jsonl.

/// Metrics of one training step, by TRL's names (`reward`, `rewards/NAME/mean`, `kl`, ...).
public struct StepReport: Sendable {
    public var step: Int
    public var totalSteps: Int
    public var metrics: [String: Double]
    /// Health alarms raised this step (also printed and logged).
    public var alarms: [String]

    /// Tokens generated per second of generation time.
    public var tokensPerSecond: Double {
        (metrics["num_tokens"] ?? 0) / max(metrics["step_time/generation"] ?? 1, 1e-9)
    }
}
