// Group-relative advantages (GRPO): each completion's reward minus its group's mean, divided by a
// standard deviation (the group's, the batch's, or none — Dr. GRPO drops it), as TRL computes them:
// unbiased std, plus 1e-4 in the denominator.

/// Advantage estimation for groups of `groupSize` consecutive completions.
public enum Advantages {
    /// Advantages for `rewards` laid out group after group.
    public static func compute(_ rewards: [Double], groupSize g: Int, scale: String) -> [Double] {
        precondition(g > 0 && rewards.count % g == 0, "rewards must fill whole groups")
        let batchStd = std(rewards)
        var out = [Double](repeating: 0, count: rewards.count)
        for start in stride(from: 0, to: rewards.count, by: g) {
            let group = Array(rewards[start..<start + g])
            let mean = group.reduce(0, +) / Double(g)
            let divisor: Double
            switch scale {
            case "group": divisor = std(group) + 1e-4
            case "batch": divisor = batchStd + 1e-4
            default: divisor = 1
            }
            for i in 0..<g { out[start + i] = (group[i] - mean) / divisor }
        }
        return out
    }

    /// Unbiased standard deviation (n − 1), 0 for a single value.
    static func std(_ x: [Double]) -> Double {
        guard x.count > 1 else { return 0 }
        let mean = x.reduce(0, +) / Double(x.count)
        return (x.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(x.count - 1)).squareRoot()
    }

    /// Groups whose rewards all agree (no learning signal: DAPO's dynamic sampling drops them).
    public static func flatGroups(_ rewards: [Double], groupSize g: Int) -> [Int] {
        stride(from: 0, to: rewards.count, by: g).enumerated().compactMap { index, start in
            let group = rewards[start..<start + g]
            return group.allSatisfy { abs($0 - group.first!) < 1e-12 } ? index : nil
        }
    }
}
