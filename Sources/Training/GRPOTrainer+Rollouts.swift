// Sampling and scoring of a step's groups: G completions per prompt from the generation engine (each
// prompt seeded by its position in the data stream, so resumed runs draw the same samples), then every
// reward component on every completion, summed with the recipe's weights.
import Foundation
import Generation
import Rewards
import Tasks

/// One prompt's group of completions and their scores.
struct Group {
    let cursor: Int
    let datasetIndex: Int
    let example: Example
    let promptIds: [Int32]
    let completions: [Completion]
    /// Weighted total per completion.
    var rewards: [Double] = []
    /// Each component's score per completion (nil: not applicable).
    var components: [String: [Double?]] = [:]
}

extension GRPOTrainer {
    /// G completions for each example.
    func sample(_ batch: [(index: Int, example: Example)]) throws -> [Group] {
        let params = SamplingParams(
            temperature: Float(config.temperature), topK: config.topK, topP: Float(config.topP), minP: Float(config.minP),
            repetitionPenalty: Float(config.repetitionPenalty), maxNewTokens: config.maxCompletionLength,
            stopTokenIds: policy.config.eosTokenIds.map(Int32.init), stopStrings: config.stop)
        let firstCursor = state.cursor - batch.count
        let prompts = batch.map { item -> [Int32] in
            let ids = tokenizer.encode(item.example.prompt, addSpecialTokens: true).map(Int32.init)
            // Keep the end of an over-long prompt, as TRL truncates from the left.
            return Array(ids.suffix(config.maxPromptLength))
        }
        let requests = zip(prompts, batch.indices).map { ids, i in
            GenerationRequest(promptIds: ids, n: config.numGenerations, params: params,
                              seed: config.seed &* 1_000_003 &+ UInt64(firstCursor + i) &* 0x9E37_79B9_7F4A_7C15)
        }
        let completions = try noGradGenerate(requests)
        return batch.indices.map { i in
            Group(cursor: firstCursor + i, datasetIndex: batch[i].index, example: batch[i].example, promptIds: prompts[i],
                  completions: completions.filter { $0.promptIndex == i }.sorted { $0.sampleIndex < $1.sampleIndex })
        }
    }

    func noGradGenerate(_ requests: [GenerationRequest]) throws -> [Completion] {
        policy.training = false
        defer { policy.training = true }
        return try engine.generate(requests)
    }

    /// Scores every completion with every component; a component that fails or times out scores 0.
    func score(_ groups: [Group]) async throws -> (groups: [Group], timedOut: [String]) {
        let items = groups.flatMap { group in
            group.completions.map { RewardItem(prompt: group.example.prompt, completion: $0.text, fields: group.example.fields) }
        }
        var scored = groups, timedOut: [String] = []
        var totals = [Double](repeating: 0, count: items.count)
        for component in rewards {
            let name = component.reward.name
            var scores: [Double?]
            do {
                scores = try await component.reward.score(items, timeout: config.rewardTimeout).map(\.score)
            } catch RewardError.timeout {
                timedOut.append(name)
                scores = Array(repeating: 0, count: items.count)
            }
            // As TRL's nansum: a component that does not apply adds nothing.
            for (i, s) in scores.enumerated() { totals[i] += (s ?? 0) * component.weight }
            var offset = 0
            for gi in scored.indices {
                let n = scored[gi].completions.count
                scored[gi].components[name] = Array(scores[offset..<offset + n])
                offset += n
            }
        }
        var offset = 0
        for gi in scored.indices {
            let n = scored[gi].completions.count
            scored[gi].rewards = Array(totals[offset..<offset + n])
            offset += n
        }
        return (scored, timedOut)
    }
}
