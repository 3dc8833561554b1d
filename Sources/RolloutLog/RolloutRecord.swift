// One sampled completion as the rollout log keeps it, with its JSON keys. The writer encodes it by hand
// (RolloutRecord+JSON.swift); reading goes through Codable, so unknown keys from later versions are ignored.
import Foundation

/// One sampled completion of one training step: text, ids, sampled log-probs, rewards and advantage.
public struct RolloutRecord: Codable, Equatable, Sendable {
    /// Training step that sampled this completion.
    public var step: Int
    /// Index of the prompt within the step's batch.
    public var promptIndex: Int
    /// Index of the completion within its prompt's group.
    public var sampleIndex: Int
    /// Prompt text as given to the model (template applied).
    public var prompt: String
    /// Completion text as decoded.
    public var completion: String
    /// Prompt token ids.
    public var promptIds: [Int32]
    /// Completion token ids.
    public var completionIds: [Int32]
    /// Log-probability of each completion token under the sampling policy.
    public var logprobs: [Float]
    /// Every reward component by name; a component that did not apply is absent.
    public var rewards: [String: Double]
    /// Total (weighted) reward.
    public var reward: Double
    /// Advantage used in the loss.
    public var advantage: Double
    /// Why sampling ended: "stop" or "length".
    public var finishReason: String
    /// Completion length in tokens.
    public var length: Int
    /// Seed of this sample's random stream.
    public var seed: UInt64
    /// The example's other fields (gold `answer`, `tests`, …) for rescoring: strings as they are, other
    /// values as JSON text; nil in logs written before this field existed.
    public var fields: [String: String]?
    /// Each reward's `info` for this completion (extracted answer, tests passed, the error of a failed
    /// reward) as JSON text; rewards that gave none are absent, and the field is nil in older logs.
    public var rewardInfo: [String: String]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case step
        case promptIndex = "prompt_index"
        case sampleIndex = "sample_index"
        case prompt, completion
        case promptIds = "prompt_ids"
        case completionIds = "completion_ids"
        case logprobs, rewards, reward, advantage
        case finishReason = "finish_reason"
        case length, seed, fields
        case rewardInfo = "reward_info"
    }

    /// A record from all its fields.
    public init(
        step: Int, promptIndex: Int, sampleIndex: Int, prompt: String, completion: String,
        promptIds: [Int32], completionIds: [Int32], logprobs: [Float], rewards: [String: Double],
        reward: Double, advantage: Double, finishReason: String, length: Int, seed: UInt64,
        fields: [String: String]? = nil, rewardInfo: [String: String]? = nil
    ) {
        self.step = step
        self.promptIndex = promptIndex
        self.sampleIndex = sampleIndex
        self.prompt = prompt
        self.completion = completion
        self.promptIds = promptIds
        self.completionIds = completionIds
        self.logprobs = logprobs
        self.rewards = rewards
        self.reward = reward
        self.advantage = advantage
        self.finishReason = finishReason
        self.length = length
        self.seed = seed
        self.fields = fields
        self.rewardInfo = rewardInfo
    }

    /// The JSON keys of a record, in the order the writer emits them.
    public static let jsonKeys = CodingKeys.allCases.map(\.rawValue)

    /// A decoder for record lines: non-finite numbers are the strings the writer uses for them.
    public static func makeDecoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.nonConformingFloatDecodingStrategy = .convertFromString(
            positiveInfinity: "Infinity", negativeInfinity: "-Infinity", nan: "NaN")
        return decoder
    }
}
