// The standard generation workload of ../shared/bench: B prompts of 32 random tokens, 128 new tokens
// each at temperature 1 with no early stop, through the full engine (prefill, sampling, decoding).
import Autograd
import Dispatch
import Models

/// Generated tokens per second for one shape and batch.
public struct GenerateReport: Codable, Sendable {
    public var name: String
    public var batch: Int
    public var promptTokens: Int
    public var newTokens: Int
    public var seconds: Double
    public var tokensPerSecond: Double
}

/// Runs the generation benchmark.
public enum GenerateBenchmark {
    /// Best of `repeats` timings of generating `newTokens` for `batch` prompts with a random `config` model.
    public static func run(name: String, config: TransformerConfig, batch: Int, promptTokens: Int = 32,
                           newTokens: Int = 128, repeats: Int = 2, seed: UInt64 = 0) throws -> GenerateReport {
        let model = try Transformer(config: config, seed: seed)
        model.training = false
        let engine = GenerationEngine(model: model)
        var rng = RNG(seed: seed &+ 7)
        let params = SamplingParams(temperature: 1, maxNewTokens: newTokens, stopTokenIds: [])
        let requests = (0..<batch).map { i in
            GenerationRequest(promptIds: (0..<promptTokens).map { _ in Int32(rng.nextInt(below: config.vocabSize)) },
                              params: params, seed: UInt64(i))
        }
        _ = try engine.generate(Array(requests.prefix(1)))
        var best = Double.infinity
        for _ in 0..<repeats {
            let start = DispatchTime.now().uptimeNanoseconds
            let out = try engine.generate(requests)
            precondition(out.allSatisfy { $0.completionIds.count == newTokens })
            best = min(best, Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        return GenerateReport(name: name, batch: batch, promptTokens: promptTokens, newTokens: newTokens, seconds: best,
                              tokensPerSecond: Double(batch * newTokens) / best)
    }
}
