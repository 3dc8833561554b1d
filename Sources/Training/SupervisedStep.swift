// Next-token training on token sequences with a mask of the tokens that carry loss: shared by the cold
// start before RL, `grpo pretrain` and `grpo sft`. Only positions from the first trained token on go
// through the LM head.
import Autograd
import Models

enum SupervisedStep {
    /// The summed negative log-likelihood of the trained tokens of `ids` (masks aligned with ids; a mask's
    /// first entry is ignored) and how many tokens it sums over.
    /// Packed rows pass each token's `positions` inside its example and its example's `segments` id.
    static func nll(_ model: Transformer, ids: [[Int32]], masks: [[Float]], positions: [[Int32]]? = nil,
                    segments: [[Int32]]? = nil) throws -> (sum: Tensor, tokens: Float) {
        // Everything before a row's first trained token is context only.
        let starts = masks.map { m in max(1, m.indices.first { $0 > 0 && m[$0] > 0 } ?? m.count) }
        var batch = TrainingBatch(prompts: zip(ids, starts).map { Array($0[..<$1]) },
                                  completions: zip(ids, starts).map { Array($0[$1...]) })
        // Padding after a row's tokens sits in a segment of its own.
        func padded(_ rows: [[Int32]]?, _ fill: Int32) -> [Int32]? {
            rows?.flatMap { $0 + [Int32](repeating: fill, count: batch.width - $0.count) }
        }
        batch.positions = padded(positions, 0)
        batch.segments = padded(segments, -1)
        var mask = [Float](repeating: 0, count: batch.rows * batch.completionWidth)
        for (r, (m, start)) in zip(masks, starts).enumerated() {
            for j in 0..<(m.count - start) { mask[r * batch.completionWidth + j] = m[start + j] }
        }
        let (logps, _) = try batch.logProbs(model, temperature: 1)                                // (B, T)
        return (try -(logps * Tensor(shape: [batch.rows, batch.completionWidth], values: mask)).sum(),
                mask.reduce(0, +))
    }

    /// `nll` of examples packed first-fit, in order, into rows of at most `rowLength` tokens: positions
    /// restart and attention stays inside each example, so the sum is the unpacked one in fewer rows.
    static func packedNLL(_ model: Transformer, ids: [[Int32]], masks: [[Float]], rowLength: Int) throws
        -> (sum: Tensor, tokens: Float, rows: Int)
    {
        var rows: [[Int]] = [], lengths: [Int] = []
        for (e, example) in ids.enumerated() {
            if let r = lengths.firstIndex(where: { $0 + example.count <= rowLength }) {
                rows[r].append(e)
                lengths[r] += example.count
            } else {
                rows.append([e])
                lengths.append(example.count)
            }
        }
        let (sum, tokens) = try nll(model, ids: rows.map { $0.flatMap { ids[$0] } }, masks: rows.map { $0.flatMap { masks[$0] } },
                                    positions: rows.map { $0.flatMap { (0..<Int32(ids[$0].count)).map { $0 } } },
                                    segments: rows.map { $0.enumerated().flatMap { s, e in [Int32](repeating: Int32(s), count: ids[e].count) } })
        return (sum, tokens, rows.count)
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
