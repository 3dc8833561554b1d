// Next-token training on token sequences with a mask of the tokens that carry loss: shared by the cold
// start before RL, `grpo pretrain` and `grpo sft`. Only positions from the first trained token on go
// through the LM head.
import Autograd
import Models

enum SupervisedStep {
    /// The summed negative log-likelihood of the trained tokens of `ids` (masks aligned with ids; a mask's
    /// first entry is ignored) and how many tokens it sums over.
    static func nll(_ model: Transformer, ids: [[Int32]], masks: [[Float]]) throws -> (sum: Tensor, tokens: Float) {
        // Everything before a row's first trained token is context only.
        let starts = masks.map { m in max(1, m.indices.first { $0 > 0 && m[$0] > 0 } ?? m.count) }
        let batch = TrainingBatch(prompts: zip(ids, starts).map { Array($0[..<$1]) },
                                  completions: zip(ids, starts).map { Array($0[$1...]) })
        var mask = [Float](repeating: 0, count: batch.rows * batch.completionWidth)
        for (r, (m, start)) in zip(masks, starts).enumerated() {
            for j in 0..<(m.count - start) { mask[r * batch.completionWidth + j] = m[start + j] }
        }
        let (logps, _) = try batch.logProbs(model, temperature: 1)                                // (B, T)
        return (try -(logps * Tensor(shape: [batch.rows, batch.completionWidth], values: mask)).sum(),
                mask.reduce(0, +))
    }

    /// Mean negative log-likelihood per target token; takes one optimiser step at `lr`.
    static func run(_ model: Transformer, optimizer: AdamW, parameters: [Tensor], prompts: [[Int32]],
                    targets: [[Int32]], lr: Float, maxGradNorm: Float) throws -> Double {
        let (sum, tokens) = try nll(model, ids: zip(prompts, targets).map { $0 + $1 },
                                    masks: zip(prompts, targets).map { [Float](repeating: 0, count: $0.count)
                                        + [Float](repeating: 1, count: $1.count) })
        let loss = try sum / max(1, tokens)
        try loss.backward()
        if maxGradNorm > 0 { _ = parameters.clipGradNorm(maxNorm: maxGradNorm) }
        optimizer.step(lr: lr)
        optimizer.zeroGrad()
        return Double(loss.item())
    }
}
