// The supervised cold start of DeepSeek-R1: a few steps of next-token training on worked solutions in
// the reasoning format (each example's `trace` field), so RL starts from a policy that already answers
// in <think></think><answer></answer> and gets reward often enough to learn from.
import Autograd
import Foundation
import Models
import Tasks
import Tokenizers

extension GRPOTrainer {
    /// Runs `cold_start_steps` supervised steps (only on a fresh run); returns the last loss.
    @discardableResult
    func coldStart(progress: (Int, Double) -> Void) throws -> Double? {
        guard config.coldStartSteps > 0, state.step == 0 else { return nil }
        let trainable = config.loraRank > 0 ? policy.loraParameters : policy.parameterList
        let sft = AdamW(groups: ParameterGroup.decayMatricesOnly(trainable, weightDecay: 0))
        let eos = policy.config.eosTokenIds.first.map(Int32.init)
        var rng = RNG(seed: config.seed &+ 0xC01D)
        var last: Double?
        for step in 0..<config.coldStartSteps {
            var prompts: [[Int32]] = [], targets: [[Int32]] = []
            for _ in 0..<config.coldStartBatchSize {
                let example = source.example(at: rng.nextInt(below: source.count))
                guard let trace = example.fields["trace"]?.stringValue else {
                    throw ConfigError("cold_start_steps: the task \(source.name) has no `trace` field with worked solutions")
                }
                prompts.append(promptIds(example))
                targets.append(tokenizer.encode(trace, addSpecialTokens: false).map(Int32.init) + (eos.map { [$0] } ?? []))
            }
            // Linear decay over the cold start.
            let loss = try SupervisedStep.run(policy, optimizer: sft, parameters: trainable, prompts: prompts, targets: targets,
                                              lr: Float(config.coldStartLearningRate) * (1 - Float(step) / Float(config.coldStartSteps)),
                                              maxGradNorm: Float(config.maxGradNorm))
            last = loss
            progress(step + 1, last!)
        }
        return last
    }
}
