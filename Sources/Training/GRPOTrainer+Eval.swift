// Evaluation during training: greedy completions of held-out prompts, scored by the run's own rewards,
// before the first GRPO step (the policy the cold start left), every `eval_steps` steps and after the
// last, sharded over the ranks of a data-parallel job. Greedy decoding makes the figure a property of the
// weights alone, not of a sampling seed.
import Foundation
import Generation
import Tasks

extension GRPOTrainer {
    /// Metrics of one evaluation under `eval/` (TRL's prefix): reward, each component's mean, lengths.
    func evaluate() async throws -> [String: Double] {
        guard let evalSource else { return [:] }
        let examples = (0..<min(config.logging.evalSize, evalSource.count)).map { evalSource.example(at: $0) }
        let params = SamplingParams(temperature: 0, maxNewTokens: config.sampling.maxCompletionLength,
                                    stopTokenIds: policy.config.eosTokenIds.map(Int32.init), stopStrings: config.sampling.stop)
        let prompts = examples.map(promptIds)
        // Under mpirun each rank completes and scores its slice of the prompts; the groups are exchanged.
        let share = processes.share(of: examples.count)
        let requests = share.map { GenerationRequest(promptIds: prompts[$0], n: 1, params: params, seed: 0) }
        let mine = try noGradGenerate(requests).map {
            var c = $0
            c.promptIndex += share.lowerBound
            return c
        }
        let groups = share.map { i in
            Group(cursor: i, datasetIndex: i, example: examples[i], promptIds: prompts[i],
                  completions: mine.filter { $0.promptIndex == i }, seeds: [0])
        }
        let local = try await StepScorer(rewards: rewards, timeout: config.rewards.timeout).score(groups)
        let scored = try processes.exchange(local.groups, timedOut: local.timedOut, source: evalSource).groups
        let completions = scored.flatMap(\.completions)
        func mean(_ x: [Double]) -> Double { x.isEmpty ? 0 : x.reduce(0, +) / Double(x.count) }
        // pass@1, format rate and lengths come from the code `grpo eval` runs, so the two agree.
        let evaluation = try HeldOutEvaluation(correctness: HeldOutEvaluation.correctness(task: config.data.task), ks: [1])
        var m = try evaluation.summarize(examples, completions: completions).metrics(prefix: "eval/")
        m["eval/reward"] = mean(scored.flatMap(\.rewards))
        for name in scored.first?.components.keys.sorted() ?? [] {
            m["eval/rewards/\(name)/mean"] = mean(scored.flatMap { $0.components[name] ?? [] }.compactMap { $0 })
        }
        return m
    }

    /// Whether the step just finished is due for evaluation.
    func evaluationDue(after step: Int) -> Bool {
        config.logging.evalSteps > 0 && (step % config.logging.evalSteps == 0 || step == config.optimizer.maxSteps)
    }
}
