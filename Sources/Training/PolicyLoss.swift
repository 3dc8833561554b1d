// The clipped policy-gradient loss of GRPO and its variants, as TRL's GRPOTrainer computes it, in one
// place: per-token importance ratios (or GSPO's per-sequence ratio), PPO clipping with clip-higher,
// the k3 KL estimate to a reference model (optionally weighted by the ratio), and the normalisations of
// `loss_type`, one `LossType` case each: a new variant is one case.
import Autograd

/// How a loss variant turns a micro-batch's masked per-token losses into its loss.
public enum LossType: String, CaseIterable, Sendable, Equatable {
    /// Mean over each sequence's tokens, then over sequences (DeepSeekMath).
    case grpo
    /// Sum over all tokens / tokens in the micro-batch.
    case bnpo
    /// Sum over all tokens / (sequences × max_completion_length) (Dr. GRPO).
    case drGRPO = "dr_grpo"
    /// Sum over all tokens / tokens in the whole generation batch (DAPO).
    case dapo

    /// The micro-batch's loss from its masked per-token losses (B, T).
    func reduce(_ masked: Tensor, _ x: PolicyLossInput, tokensPerSequence: Tensor) throws -> Tensor {
        let rows = x.microBatchRows ?? masked.shape[0]
        switch self {
        case .grpo: return try (masked.sum(axes: [1], keepDims: true) / tokensPerSequence).sum() * (1 / Float(max(rows, 1)))
        case .bnpo: return try masked.sum() / Float(max(1, try x.microBatchTokens ?? Int(x.mask.sum().item())))
        case .drGRPO: return try masked.sum() / Float(rows * x.maxCompletionLength)
        case .dapo: return try masked.sum() / Float(max(1, x.tokensInBatch))
        }
    }

    /// Whether a micro-batch's loss is already its share of the whole batch's (DAPO's normaliser spans the
    /// batch); the others are averaged over the micro-batches.
    public var spansTheBatch: Bool { self == .dapo }
}

/// Inputs of the loss for one micro-batch of B completions padded to T tokens.
public struct PolicyLossInput {
    /// Current policy log-probs (B, T), differentiable.
    public var logps: Tensor
    /// Log-probs of the policy that sampled (B, T) (the same values, detached, when num_iterations = 1).
    public var oldLogps: Tensor
    /// Reference-model log-probs (B, T), when beta > 0.
    public var refLogps: Tensor?
    /// One advantage per completion (B, 1).
    public var advantages: Tensor
    /// 1 for completion tokens, 0 for padding (and for truncated completions when they are masked) (B, T).
    public var mask: Tensor
    /// Tokens in the whole generation batch (the DAPO normaliser).
    public var tokensInBatch: Int
    /// max_completion_length (the Dr. GRPO normaliser).
    public var maxCompletionLength: Int
    /// Rows and unmasked tokens of the whole micro-batch when these rows are one process's share of it
    /// (data-parallel training); nil: these rows are the micro-batch.
    public var microBatchRows: Int?, microBatchTokens: Int?

    /// The inputs of one micro-batch.
    public init(logps: Tensor, oldLogps: Tensor, refLogps: Tensor?, advantages: Tensor, mask: Tensor,
                tokensInBatch: Int, maxCompletionLength: Int, microBatchRows: Int? = nil, microBatchTokens: Int? = nil) {
        self.logps = logps
        self.oldLogps = oldLogps
        self.refLogps = refLogps
        self.advantages = advantages
        self.mask = mask
        self.tokensInBatch = tokensInBatch
        self.maxCompletionLength = maxCompletionLength
        self.microBatchRows = microBatchRows
        self.microBatchTokens = microBatchTokens
    }
}

/// The loss value and the statistics TRL logs with it.
public struct PolicyLossOutput {
    public var loss: Tensor
    public var kl: Double
    public var clipLow: Double
    public var clipHigh: Double
    public var clipRegion: Double
}

/// GRPO loss variants.
public enum PolicyLoss {
    /// The loss for `input` with clip range [1 − epsilon, 1 + epsilonHigh] and KL weight `beta`.
    /// `biasCorrectedKL` multiplies the KL term by the importance ratio (TRL's `use_bias_correction_kl`,
    /// DeepSeek-V3.2), which makes its gradient the unbiased reverse-KL gradient.
    public static func compute(_ x: PolicyLossInput, lossType: LossType, importanceLevel: String, epsilon: Double,
                               epsilonHigh: Double, beta: Double, biasCorrectedKL: Bool = true) throws -> PolicyLossOutput {
        let (b, t) = (x.logps.shape[0], x.logps.shape[1])
        let tokensPerSeq = try noGrad { try x.mask.sum(axes: [1], keepDims: true).clamp(min: 1) }   // (B, 1)
        var logRatio = try x.logps - x.oldLogps                                                       // (B, T)
        if importanceLevel == "sequence" {
            // GSPO: one ratio per sequence, the length-normalised sum of token log-ratios.
            logRatio = try ((logRatio * x.mask).sum(axes: [1], keepDims: true) / tokensPerSeq)      // (B, 1)
        }
        let ratio = try logRatio.exp()
        let clipped = try ratio.clamp(min: Float(1 - epsilon), max: Float(1 + epsilonHigh))
        let l1 = try ratio * x.advantages, l2 = try clipped * x.advantages
        // −min(l1, l2), the gradient going to whichever term is smaller (as torch.min does).
        let takeFirst = try noGrad { try Tensor.lessMask(l1, l2) }
        var perToken = try -Tensor.where(takeFirst, l1, l2)
        if perToken.shape != [b, t] { perToken = try perToken.broadcast(to: [b, t]) }
        var klValue = 0.0
        if beta > 0, let ref = x.refLogps {
            // k3 estimator: exp(ref − logp) − (ref − logp) − 1.
            let d = try ref - x.logps
            var kl = try d.exp() - d - 1
            if biasCorrectedKL { kl = try kl * ratio }
            perToken = try perToken + kl * Float(beta)
            klValue = try noGrad { Double(try (kl * x.mask).sum().item()) / Double(max(1, try x.mask.sum().item())) }
        }
        let masked = try perToken * x.mask
        let loss = try lossType.reduce(masked, x, tokensPerSequence: tokensPerSeq)
        let stats = try noGrad { () -> (Double, Double, Double) in
            let r = try ratio.broadcast(to: [b, t]).toArray(), a = try x.advantages.broadcast(to: [b, t]).toArray()
            let m = x.mask.toArray()
            var low = 0.0, high = 0.0, n = 0.0
            for i in 0..<r.count where m[i] != 0 {
                n += 1
                if Double(r[i]) < 1 - epsilon && a[i] < 0 { low += 1 }
                if Double(r[i]) > 1 + epsilonHigh && a[i] > 0 { high += 1 }
            }
            return (low / max(n, 1), high / max(n, 1), (low + high) / max(n, 1))
        }
        return PolicyLossOutput(loss: loss, kl: klValue, clipLow: stats.0, clipHigh: stats.1, clipRegion: stats.2)
    }
}

extension Tensor {
    /// 1 where a < b elementwise (same shape), else 0; a constant.
    static func lessMask(_ a: Tensor, _ b: Tensor) throws -> Tensor {
        let out = Tensor(shape: a.shape, zeroed: false)
        for i in 0..<a.count { out.data[i] = a.data[i] < b.data[i] ? 1 : 0 }
        return out
    }
}
