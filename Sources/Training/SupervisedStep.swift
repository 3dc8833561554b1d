// One step of next-token training on (prompt, target) pairs, loss on the targets only: shared by the
// cold start before RL and by `grpo pretrain`.
import Autograd
import Models

enum SupervisedStep {
    /// Mean negative log-likelihood per target token; takes one optimiser step at `lr`.
    static func run(_ model: Transformer, optimizer: AdamW, parameters: [Tensor], prompts: [[Int32]],
                    targets: [[Int32]], lr: Float, maxGradNorm: Float) throws -> Double {
        let batch = TrainingBatch(prompts: prompts, completions: targets)
        let (logps, _) = try batch.logProbs(model, temperature: 1)
        let mask = Tensor(shape: [batch.rows, batch.completionWidth], values: batch.mask)
        let loss = try -((logps * mask).sum() / max(1, batch.mask.reduce(0, +)))
        try loss.backward()
        if maxGradNorm > 0 { _ = parameters.clipGradNorm(maxNorm: maxGradNorm) }
        optimizer.step(lr: lr)
        optimizer.zeroGrad()
        return Double(loss.item())
    }
}
