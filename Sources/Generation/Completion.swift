// What generation returns for each sample, and what it is asked for.

/// Why a completion ended.
public enum FinishReason: String, Codable, Sendable {
    /// A stop token or stop string.
    case stop
    /// `maxNewTokens` reached.
    case length
}

/// One prompt to complete `n` times with its own sampling settings and seed.
public struct GenerationRequest: Sendable {
    public var promptIds: [Int32]
    public var n: Int
    public var params: SamplingParams
    /// Seeds sample i of this request; results do not depend on what else is in the batch.
    public var seed: UInt64

    /// A request for `n` completions of `promptIds`.
    public init(promptIds: [Int32], n: Int = 1, params: SamplingParams = SamplingParams(), seed: UInt64 = 0) {
        self.promptIds = promptIds
        self.n = n
        self.params = params
        self.seed = seed
    }

    /// The seed of sample `sample`'s random stream (the request's own seed for sample 0, so a request of
    /// `n: 1` with a logged stream seed redraws that sample alone).
    public func sampleSeed(_ sample: Int) -> UInt64 { sample == 0 ? seed : Self.seed(seed, sample) }

    /// A seed for item `index` of a sequence seeded by `base` (a prompt of a run, a sample of a request):
    /// hashed, not added, because seeds a SplitMix increment apart give overlapping random streams.
    public static func seed(_ base: UInt64, _ index: Int) -> UInt64 {
        var z = base &+ UInt64(index) &* 0xD1B5_4A32_D192_ED03
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// One sampled completion.
public struct Completion: Codable, Sendable, Equatable {
    public var promptIndex: Int
    public var sampleIndex: Int
    public var promptIds: [Int32]
    /// Generated ids, ending with the stop token when one ended it.
    public var completionIds: [Int32]
    /// Decoded text (cut after a stop string), empty without a decoder.
    public var text: String
    /// Log-prob of each generated token under the temperature-scaled model distribution.
    public var logprobs: [Float]
    public var finishReason: FinishReason

    /// 1 for every generated token (the trainer pads completions of a batch to one length).
    public var completionMask: [Int32] { [Int32](repeating: 1, count: completionIds.count) }
}

/// Turns ids into text (a tokenizer), for stop strings and completion text.
public protocol TokenTextDecoding {
    /// The text of `ids`, special tokens left out.
    func decodeText(_ ids: [Int32]) -> String
}
