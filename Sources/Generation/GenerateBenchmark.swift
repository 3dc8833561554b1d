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
    /// Weight-product FLOPs per generated token (2 · every projection and the head), attention excluded.
    public var flopsPerToken: Double
    /// tokensPerSecond · flopsPerToken / 1e9.
    public var usefulGFLOPS: Double
    /// sgemm on the same products (batch rows × each weight matrix), timed in the same run.
    public var sgemmGFLOPS: Double
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
        let tokensPerSecond = Double(batch * newTokens) / best
        let products = weightProducts(config)
        let flops = products.reduce(0) { $0 + 2 * Double($1.n * $1.k) * Double($1.count) }
        // sgemm time for one decoding step's products at this batch: rows × (in → out) for every matrix.
        var sgemmSeconds = 0.0
        for p in products {
            let rate = GemmBenchmark.gflops(transB: true, m: batch, n: p.n, k: p.k)
            sgemmSeconds += 2 * Double(batch * p.n * p.k) * Double(p.count) / (rate * 1e9)
        }
        return GenerateReport(name: name, batch: batch, promptTokens: promptTokens, newTokens: newTokens, seconds: best,
                              tokensPerSecond: tokensPerSecond, flopsPerToken: flops,
                              usefulGFLOPS: tokensPerSecond * flops / 1e9,
                              sgemmGFLOPS: Double(batch) * flops / sgemmSeconds / 1e9)
    }

    /// The weight matrices one decoded token passes through: (out n, in k) and how many of that shape.
    static func weightProducts(_ c: TransformerConfig) -> [(n: Int, k: Int, count: Int)] {
        let (h, l) = (c.hiddenSize, c.numHiddenLayers)
        let q = c.numAttentionHeads * c.headDim, kv = c.numKeyValueHeads * c.headDim
        return [(q, h, l), (kv, h, 2 * l), (h, q, l), (c.intermediateSize, h, 2 * l), (h, c.intermediateSize, l),
                (c.vocabSize, h, 1)]
    }
}
