// A one-block Llama-shaped transformer learns a copy task that needs attention (the second half of
// each sequence repeats the first), and two runs with the same seed are bit-identical.
import Autograd
import Foundation
import Models
import Testing

private func tinyConfig(layers: Int = 1) throws -> TransformerConfig {
    let json = """
    {"architectures": ["LlamaForCausalLM"], "model_type": "llama", "vocab_size": 12, "hidden_size": 48,
     "intermediate_size": 96, "num_hidden_layers": \(layers), "num_attention_heads": 6, "num_key_value_heads": 2,
     "head_dim": 8, "rope_theta": 10000.0, "rms_norm_eps": 1e-6, "tie_word_embeddings": true,
     "max_position_embeddings": 64, "initializer_range": 0.1}
    """
    return try JSONDecoder().decode(TransformerConfig.self, from: Data(json.utf8))
}

/// Trains on "a b c d e f | a b c d e f" sequences; returns per-step loss on the copied half and the weights.
private func trainCopy(seed: UInt64, steps: Int) throws -> (losses: [Float], weights: [[Float]]) {
    let model = try Transformer(config: try tinyConfig(), seed: seed)
    let params = model.parameterList
    let optimizer = AdamW(groups: ParameterGroup.decayMatricesOnly(params, weightDecay: 0.01))
    let schedule = LRSchedule(kind: .cosine, baseLR: 1e-2, warmupSteps: 20, totalSteps: steps, minLRRatio: 0.1)
    var rng = RNG(seed: seed &* 31 &+ 7)
    let (batch, half) = (16, 6)
    var losses: [Float] = []
    for step in 0..<steps {
        var inputs: [Int32] = [], targets: [Int32] = []
        for _ in 0..<batch {
            let first = (0..<half).map { _ in Int32(1 + rng.nextInt(below: 11)) }
            let seq = first + first
            inputs += seq.dropLast()
            // Only the copied half is predictable; the rest is ignored.
            targets += (1..<seq.count).map { $0 > half ? seq[$0] : -100 }
        }
        let logits = try model.forward(ids: inputs, batch: batch)
        let loss = try logits.crossEntropy(targets: targets)
        try loss.backward()
        params.clipGradNorm(maxNorm: 1)
        optimizer.step(lr: schedule.lr(step: step))
        optimizer.zeroGrad()
        losses.append(loss.item())
    }
    return (losses, params.map { $0.toArray() })
}

@Suite struct TransformerTraining {
    @Test func oneBlockLearnsToCopyAndRepeatsBitForBit() throws {
        let first = try trainCopy(seed: 5, steps: 300)
        let start = first.losses.prefix(5).reduce(0, +) / 5, end = first.losses.suffix(10).reduce(0, +) / 10
        #expect(start > 2.0, "initial loss \(start) should be near ln 11 ≈ 2.4")
        #expect(end < 0.3, "final loss \(end) (threshold 0.3)")
        let second = try trainCopy(seed: 5, steps: 300)
        #expect(first.losses == second.losses)
        #expect(first.weights == second.weights)
    }
}
