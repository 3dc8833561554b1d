// Rewards by name, so recipes say `math_answer` or `rewards/my_check.py` instead of code choosing by dataset.
// A name that is a path to an executable file is an external JSON-lines plugin.
import Foundation

/// Builds rewards from their registry names and options.
public enum RewardRegistry {
    /// Makes a reward from options; throws `badInput` naming the option that is wrong.
    public typealias Factory = @Sendable ([String: JSONValue]) throws -> any RewardFunction

    /// The built-in rewards.
    public static let builtins: [String: Factory] = [
        "math_answer": { try MathAnswerReward(options: $0) },
        "countdown": { try CountdownReward(options: $0) },
        "think_format": { try ThinkFormatReward(options: $0) },
        "tag_count": { try TagCountReward(options: $0) },
        "cosine_length": { try CosineLengthReward(options: $0) },
        "soft_overlong": { try SoftOverlongReward(options: $0) },
        "repetition_penalty": { try RepetitionPenaltyReward(options: $0) },
        "code_tests": { try CodeTestsReward(options: $0) },
    ]

    /// Every name `make` accepts besides plugin paths, sorted.
    public static var names: [String] { builtins.keys.sorted() }

    /// The reward called `name`: a built-in, or an executable plugin at that path.
    public static func make(_ name: String, options: [String: JSONValue] = [:]) throws -> any RewardFunction {
        if let factory = builtins[name] { return try factory(options) }
        if name.contains("/") || FileManager.default.isExecutableFile(atPath: name) {
            return try ExternalReward(path: name, options: options)
        }
        throw RewardError.unknownReward(
            "\"\(name)\" (built-ins: \(names.joined(separator: ", ")); or a path to a plugin)")
    }

    /// A weighted sum of named rewards: `[(name, weight, options)]`.
    public static func weighted(_ specs: [(name: String, weight: Double, options: [String: JSONValue])]) throws
        -> WeightedReward
    {
        WeightedReward(try specs.map { WeightedComponent(try make($0.name, options: $0.options), weight: $0.weight) })
    }
}
