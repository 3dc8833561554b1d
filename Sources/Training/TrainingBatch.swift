// Packs prompt + completion rows for the policy forward pass and turns the model's hidden states into
// the log-prob of every completion token: rows are right-padded (causal attention never lets a real
// token see the padding after it), and only completion positions go through the LM head.
import Autograd
import Foundation
import Models

/// A micro-batch of completions laid out for training.
struct TrainingBatch {
    let rows: Int
    /// Longest prompt + completion in the micro-batch.
    let width: Int
    /// Longest completion (the T of every (B, T) loss tensor).
    let completionWidth: Int
    let ids: [Int32]
    /// For each (row, completion position): the hidden-state row that predicts it (0 for padding).
    let hiddenRows: [Int32]
    /// The token to predict at each (row, completion position), −100 for padding.
    let targets: [Int32]
    /// 1 for real completion tokens, 0 for padding (B, T).
    let mask: [Float]
    /// Packed rows: each token's position inside its own example and its example's id (B·W each).
    var positions: [Int32]?
    var segments: [Int32]?

    init(prompts: [[Int32]], completions: [[Int32]]) {
        rows = prompts.count
        width = zip(prompts, completions).map { $0.count + $1.count }.max() ?? 1
        completionWidth = max(1, completions.map(\.count).max() ?? 1)
        var ids = [Int32](), hidden = [Int32](), targets = [Int32](), mask = [Float]()
        for (r, (p, c)) in zip(prompts, completions).enumerated() {
            ids += p + c + [Int32](repeating: 0, count: width - p.count - c.count)
            for j in 0..<completionWidth {
                let real = j < c.count
                hidden.append(real ? Int32(r * width + p.count - 1 + j) : 0)
                targets.append(real ? c[j] : -100)
                mask.append(real ? 1 : 0)
            }
        }
        self.ids = ids
        hiddenRows = hidden
        self.targets = targets
        self.mask = mask
    }

    /// Log-probs (B, T) of the completion tokens under `model` at `temperature`, and optionally the
    /// mean token entropy of the distribution (a metric, computed without history).
    func logProbs(_ model: Transformer, temperature: Double, entropy: Bool = false) throws -> (Tensor, Double?) {
        let c = model.config.hiddenSize
        let hidden = try model.hiddenStates(ids: ids, batch: rows, positions: positions, segments: segments)
            .reshape([rows * width, c])                                                           // (B·W, C)
        let picked = try hidden.indexSelect(hiddenRows)                                           // (B·T, C)
        var logits = try picked.matmul(model.lmHeadWeight, transposeB: true)                     // (B·T, V)
        if temperature != 1 { logits = try logits * Float(1 / temperature) }
        let nll = try logits.crossEntropy(targets: targets, reduction: .none)                    // (B·T)
        let logps = try (-nll).reshape([rows, completionWidth])
        guard entropy else { return (logps, nil) }
        return (logps, meanEntropy(logits))
    }

    /// Mean over real tokens of −Σ p log p, with p = softmax(logits): log Z − Σ p·x.
    private func meanEntropy(_ logits: Tensor) -> Double {
        let v = logits.shape[1]
        var total = 0.0, n = 0.0
        for r in 0..<logits.shape[0] where mask[r] != 0 {
            let row = logits.data + r * v
            var m = -Float.infinity
            for i in 0..<v where row[i] > m { m = row[i] }
            let shift = SIMD16<Float>(repeating: m)
            var z = SIMD16<Float>(), s = SIMD16<Float>(), i = 0
            while i + 16 <= v {
                let x = UnsafeRawPointer(row + i).loadUnaligned(as: SIMD16<Float>.self) - shift
                let e = VectorMath.exp(x)
                z += e
                s = s.addingProduct(e, x)
                i += 16
            }
            var zs = Double(z.sum()), ss = Double(s.sum())
            while i < v {
                let x = row[i] - m, e = Double(Foundation.exp(x))
                zs += e
                ss += e * Double(x)
                i += 1
            }
            total += Foundation.log(zs) - ss / zs
            n += 1
        }
        return n > 0 ? total / n : 0
    }
}

/// Log-probs of completions under a model, as the trainer computes them (for tests and tools).
public enum CompletionLogProbs {
    /// (B, T) log-probs of each completion token after its prompt at `temperature`, and the (B, T) mask.
    public static func compute(model: Transformer, prompts: [[Int32]], completions: [[Int32]],
                               temperature: Double = 1) throws -> (logps: Tensor, mask: Tensor) {
        let batch = TrainingBatch(prompts: prompts, completions: completions)
        let (logps, _) = try batch.logProbs(model, temperature: temperature)
        return (logps, Tensor(shape: [batch.rows, batch.completionWidth], values: batch.mask))
    }
}
