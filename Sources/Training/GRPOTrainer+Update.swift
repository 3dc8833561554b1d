// The policy update of a step: old and reference log-probs once (when needed), then num_iterations
// passes over the completions in micro-batches, each micro-batch's loss back-propagated, one clipped
// AdamW update per pass. NaN or infinite losses skip the update instead of poisoning the weights.
// Data-parallel: each rank takes its share of every micro-batch's rows, with the whole micro-batch's
// normalisers, so the gradients summed over ranks are the single-process gradient (up to the order of
// float additions); every rank then clips and applies the same summed gradient.
import Autograd
import Foundation
import Generation
import Models

/// Figures the update produced, for the step's metrics.
struct UpdateResult {
    var loss = 0.0
    var gradNorm = 0.0
    var kl = 0.0
    var entropy = 0.0
    var clipLow = 0.0, clipHigh = 0.0, clipRegion = 0.0
    var learningRate = 0.0
    /// Largest |sampled log-prob − recomputed log-prob| over all completion tokens.
    var logprobGap = 0.0
    var finite = true
    /// Seconds in the extra log-prob passes (old policy, reference), the training forward with the loss,
    /// the backward, and the optimiser (gradient exchange, clipping, AdamW).
    var logprobSeconds = 0.0, forwardSeconds = 0.0, backwardSeconds = 0.0, optimizerSeconds = 0.0
}

extension GRPOTrainer {
    func optimize(_ groups: [Group], advantages: [Double]) throws -> UpdateResult {
        let completions = groups.flatMap(\.completions)
        let prompts = groups.flatMap { g in Array(repeating: g.promptIds, count: g.completions.count) }
        let total = completions.count, micro = total / config.optimizer.gradientAccumulationSteps
        let masked = completions.map { config.loss.maskTruncatedCompletions && $0.finishReason == .length }
        // Completion tokens the loss sees in `rows` (truncated ones masked out when asked).
        func tokens(_ rows: Range<Int>) -> Int { rows.reduce(0) { $0 + (masked[$1] ? 0 : completions[$1].completionIds.count) } }
        let tokensInBatch = tokens(0..<total)
        let mine = processes.share(of: micro)
        let batches = stride(from: 0, to: total, by: micro).map { start in
            let rows = start + mine.lowerBound..<start + mine.upperBound
            return (rows.lowerBound, TrainingBatch(prompts: Array(prompts[rows]), completions: completions[rows].map(\.completionIds)))
        }
        let tokensPerMicroBatch = stride(from: 0, to: total, by: micro).map { tokens($0..<$0 + micro) }
        let rowsHere = mine.count
        // Old log-probs (the policy before this step's updates) are needed only when it updates more than
        // once; reference log-probs only with a KL term. Otherwise no extra forward pass is made.
        var old: [Tensor?] = Array(repeating: nil, count: batches.count)
        var refs: [Tensor?] = Array(repeating: nil, count: batches.count)
        var result = UpdateResult()
        var clock = DispatchTime.now().uptimeNanoseconds
        /// Seconds since the last lap, restarting the clock.
        func lap() -> Double {
            let now = DispatchTime.now().uptimeNanoseconds
            defer { clock = now }
            return Double(now - clock) / 1e9
        }
        try noGrad {
            policy.training = false
            defer { policy.training = true }
            for (i, (_, batch)) in batches.enumerated() where rowsHere > 0 {
                if config.optimizer.numIterations > 1 { old[i] = try batch.logProbs(policy, temperature: config.sampling.temperature).0 }
                if let reference { refs[i] = try batch.logProbs(reference, temperature: config.sampling.temperature).0 }
            }
        }
        result.logprobSeconds = lap()
        var entropies = 0.0, statCount = 0.0
        for iteration in 0..<config.optimizer.numIterations {
            var lossSum = 0.0, failures = 0.0, kl = 0.0, clipLow = 0.0, clipHigh = 0.0, clipRegion = 0.0
            for (i, (start, batch)) in batches.enumerated() where rowsHere > 0 {
                let (logps, entropy) = try batch.logProbs(policy, temperature: config.sampling.temperature, entropy: iteration == 0)
                if iteration == 0 {
                    // The sampler's log-probs against the training forward's, before any update of this step.
                    for (r, c) in completions[start..<start + rowsHere].enumerated() {
                        for (j, sampled) in c.logprobs.enumerated() {
                            let recomputed = logps.data[r * batch.completionWidth + j]
                            result.logprobGap = max(result.logprobGap, Double(abs(sampled - recomputed)))
                        }
                    }
                }
                var maskValues = batch.mask
                for r in 0..<rowsHere where masked[start + r] {
                    for j in 0..<batch.completionWidth { maskValues[r * batch.completionWidth + j] = 0 }
                }
                let input = PolicyLossInput(
                    logps: logps, oldLogps: old[i] ?? logps.detach(), refLogps: refs[i],
                    advantages: Tensor(shape: [rowsHere, 1], values: advantages[start..<start + rowsHere].map(Float.init)),
                    mask: Tensor(shape: [rowsHere, batch.completionWidth], values: maskValues),
                    tokensInBatch: tokensInBatch, maxCompletionLength: config.sampling.maxCompletionLength,
                    microBatchRows: micro, microBatchTokens: tokensPerMicroBatch[i])
                let out = try PolicyLoss.compute(input, lossType: config.loss.type, importanceLevel: config.loss.importanceSamplingLevel,
                                                 epsilon: config.loss.epsilon, epsilonHigh: config.loss.epsilonHigh ?? config.loss.epsilon,
                                                 beta: config.loss.beta, biasCorrectedKL: config.loss.useBiasCorrectionKL)
                let loss = config.loss.type.spansTheBatch ? out.loss : try out.loss * (1 / Float(batches.count))
                let value = Double(loss.item())
                if !value.isFinite { failures += 1 }
                lossSum += value
                result.forwardSeconds += lap()
                if value.isFinite { try loss.backward() }
                result.backwardSeconds += lap()
                // Token means of this rank's rows, weighted by their share of the micro-batch's tokens.
                let weight = Double(tokens(start..<start + rowsHere)) / Double(max(1, tokensPerMicroBatch[i]))
                if let entropy { entropies += entropy * Double(rowsHere) / Double(micro) }
                kl += out.kl * weight
                clipLow += out.clipLow * weight
                clipHigh += out.clipHigh * weight
                clipRegion += out.clipRegion * weight
            }
            if iteration == 0 { statCount += Double(batches.count) }
            let parameters = optimizer.parameters
            let summed = try processes.sum([lossSum, failures, kl, clipLow, clipHigh, clipRegion, iteration == 0 ? entropies : 0])
            lossSum = summed[0]
            if iteration == 0 { entropies = summed[6] }
            let finite = summed[1] == 0
            let share = 1 / Double(batches.count * config.optimizer.numIterations)
            result.kl += summed[2] * share
            result.clipLow += summed[3] * share
            result.clipHigh += summed[4] * share
            result.clipRegion += summed[5] * share
            processes.sumGradients(parameters)
            let norm = Double(config.optimizer.maxGradNorm > 0 ? parameters.clipGradNorm(maxNorm: Float(config.optimizer.maxGradNorm))
                                                      : parameters.gradNorm())
            let lr = schedule.lr(step: state.optimizerSteps)
            if finite && norm.isFinite {
                optimizer.step(lr: lr)
                state.optimizerSteps += 1
            }
            optimizer.zeroGrad()
            result.finite = result.finite && finite && norm.isFinite
            result.loss += lossSum / Double(config.optimizer.numIterations)
            result.gradNorm += norm / Double(config.optimizer.numIterations)
            result.learningRate = Double(lr)
            result.optimizerSeconds += lap()
        }
        result.logprobGap = try processes.maximum(result.logprobGap)
        state.consecutiveBadSteps = result.finite ? 0 : state.consecutiveBadSteps + 1
        result.entropy = statCount > 0 ? entropies / statCount : 0
        return result
    }

    /// The step's metrics under TRL's names.
    func metrics(_ groups: [Group], advantages: [Double], update: UpdateResult) -> [String: Double] {
        let rewards = groups.flatMap(\.rewards), completions = groups.flatMap(\.completions)
        func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
        var m: [String: Double] = [
            "reward": mean(rewards), "reward_std": Advantages.std(rewards),
            "frac_reward_zero_std": Double(Advantages.flatGroups(rewards, groupSize: config.sampling.numGenerations).count)
                / Double(max(1, groups.count)),
            "loss": update.loss, "grad_norm": update.gradNorm, "learning_rate": update.learningRate,
            "kl": update.kl, "entropy": update.entropy, "clip_ratio/low_mean": update.clipLow,
            "clip_ratio/high_mean": update.clipHigh, "clip_ratio/region_mean": update.clipRegion,
            "logprob_gap/max": update.logprobGap,
        ]
        let lengths = completions.map { Double($0.completionIds.count) }
        let terminated = completions.filter { $0.finishReason == .stop }.map { Double($0.completionIds.count) }
        m["completions/mean_length"] = mean(lengths)
        m["completions/min_length"] = lengths.min() ?? 0
        m["completions/max_length"] = lengths.max() ?? 0
        m["completions/clipped_ratio"] = Double(completions.count - terminated.count) / Double(max(1, completions.count))
        m["completions/mean_terminated_length"] = mean(terminated)
        m["num_tokens"] = lengths.reduce(0, +)
        for name in groups.first?.components.keys.sorted() ?? [] {
            let values = groups.flatMap { $0.components[name] ?? [] }.compactMap { $0 }
            m["rewards/\(name)/mean"] = mean(values)
            m["rewards/\(name)/std"] = Advantages.std(values)
            m["rewards/\(name)/errors"] = Double(groups.reduce(0) { $0 + ($1.errors[name] ?? []).compactMap { $0 }.count })
        }
        return m
    }
}
