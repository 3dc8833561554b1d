// The generation engine against the model itself and against transformers: greedy is the argmax of
// the full forward, log-probs are the full forward's, seeds make samples independent of the batch,
// filters never emit excluded tokens, sampling follows the model's distribution (chi-square), and
// stops (tokens, strings across token boundaries, length) end completions where they should.
import Autograd
import Foundation
import Generation
import Models
import Testing

private let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .appendingPathComponent("ModelsTests/Fixtures")

private func load(_ name: String) throws -> Transformer {
    let model = try ModelDirectory.load(fixtures.appendingPathComponent(name))
    model.training = false
    return model
}

/// log-softmax(logits / t) of the last position for `ids`, by a plain full forward pass.
private func lastLogProbs(_ model: Transformer, _ ids: [Int32], temperature: Float = 1) throws -> [Float] {
    let logits = try noGrad { try model.forward(ids: ids, batch: 1) }.toArray()
    let v = model.config.vocabSize
    let last = logits[(logits.count - v)...].map { $0 / temperature }
    let m = last.max()!
    let lse = m + Foundation.log(last.map { Foundation.exp($0 - m) }.reduce(0, +))
    return last.map { $0 - lse }
}

/// Decodes each id as "<id>" pieces of two characters, so strings straddle tokens.
private struct PairDecoder: TokenTextDecoding {
    func decodeText(_ ids: [Int32]) -> String {
        ids.map { String(format: "%c%c", 97 + Int($0) % 26, 97 + Int($0) / 26 % 26) }.joined()
    }
}

@Suite struct GenerationTests {
    let prompts: [[Int32]] = [[5, 17, 3, 99, 42, 7], [1], [64, 2, 2, 2, 88, 13, 120, 0, 9, 31, 77]]

    @Test(arguments: ["qwen2-tiny", "llama3-tiny"])
    func greedyMatchesTransformersGenerate(_ name: String) throws {
        let model = try load(name)
        struct Expected: Decodable { let prompts: [[Int32]]; let greedy: [[Int32]] }
        let expected = try JSONDecoder().decode(Expected.self, from: Data(contentsOf:
            fixtures.appendingPathComponent("\(name)/expected.json")))
        let engine = GenerationEngine(model: model)
        let params = SamplingParams(temperature: 0, maxNewTokens: 12, stopTokenIds: [])
        let out = try engine.generate(expected.prompts.map { GenerationRequest(promptIds: $0, params: params) })
        #expect(out.map(\.completionIds) == expected.greedy)
    }

    @Test func greedyIsArgmaxAndLogprobsAreTheFullForwards() throws {
        let model = try load("llama-tiny")
        let engine = GenerationEngine(model: model)
        for temperature in [0, 0.7] as [Float] {
            let params = SamplingParams(temperature: temperature, maxNewTokens: 10, stopTokenIds: [])
            let out = try engine.generate(prompts.map { GenerationRequest(promptIds: $0, n: 2, params: params, seed: 3) })
            for c in out {
                for (i, token) in c.completionIds.enumerated() {
                    let lp = try lastLogProbs(model, c.promptIds + c.completionIds[..<i], temperature: temperature == 0 ? 1 : temperature)
                    if temperature == 0 { #expect(Int32(lp.indices.max(by: { lp[$0] < lp[$1] })!) == token) }
                    #expect(abs(lp[Int(token)] - c.logprobs[i]) < 1e-4, "t=\(temperature) step \(i)")
                }
            }
        }
    }

    @Test func samplesDoNotDependOnBatchComposition() throws {
        let model = try load("qwen2-tiny")
        let engine = GenerationEngine(model: model)
        let params = SamplingParams(temperature: 1, topP: 0.95, maxNewTokens: 16, stopTokenIds: [2])
        let alone = try engine.generate([GenerationRequest(promptIds: prompts[0], n: 3, params: params, seed: 11)])
        let mixed = try engine.generate([
            // More rows than a SIMD block or a thread's share: nothing about a row may depend on its neighbours.
            GenerationRequest(promptIds: prompts[2], n: 70, params: params, seed: 5),
            GenerationRequest(promptIds: prompts[0], n: 3, params: params, seed: 11),
            GenerationRequest(promptIds: prompts[1], n: 2, params: SamplingParams(temperature: 0.5, maxNewTokens: 3), seed: 1),
        ])
        #expect(alone.map(\.completionIds) == mixed.filter { $0.promptIndex == 1 }.map(\.completionIds))
        #expect(alone.map(\.logprobs) == mixed.filter { $0.promptIndex == 1 }.map(\.logprobs))
        #expect(Set(alone.map(\.completionIds)).count > 1, "different samples of one prompt should differ")
    }

    @Test(arguments: [SamplingParams(topK: 3), SamplingParams(topP: 0.3), SamplingParams(minP: 0.2),
                      SamplingParams(topK: 5, topP: 0.5, minP: 0.05)])
    func filtersNeverEmitExcludedTokens(_ base: SamplingParams) throws {
        let model = try load("llama-tiny")
        var params = base
        params.maxNewTokens = 8
        params.stopTokenIds = []
        let out = try GenerationEngine(model: model).generate([GenerationRequest(promptIds: prompts[0], n: 12, params: params, seed: 2)])
        for c in out {
            for (i, token) in c.completionIds.enumerated() {
                let p = try lastLogProbs(model, c.promptIds + c.completionIds[..<i]).map { Foundation.exp($0) }
                let ranked = p.indices.sorted { p[$0] > p[$1] }
                var allowed = Set(ranked)
                if params.topK > 0 { allowed = Set(ranked.prefix(params.topK)) }
                if params.topP < 1 {
                    let kept = ranked.filter { allowed.contains($0) }
                    let mass = kept.reduce(Float(0)) { $0 + p[$1] }
                    var cumulative: Float = 0, set = Set<Int>()
                    for t in kept where cumulative < params.topP * mass - 1e-6 { set.insert(t); cumulative += p[t] }
                    allowed = set
                }
                if params.minP > 0 { allowed = allowed.filter { p[$0] >= params.minP * p[ranked[0]] * (1 - 1e-5) } }
                #expect(allowed.contains(Int(token)), "token \(token) with p \(p[Int(token)]) excluded by \(params)")
            }
        }
    }

    @Test func temperatureOneFollowsTheModel() throws {
        let model = try load("qwen2-tiny")
        let n = 4000
        let out = try GenerationEngine(model: model).generate([GenerationRequest(promptIds: prompts[0], n: n,
            params: SamplingParams(temperature: 1, maxNewTokens: 1, stopTokenIds: []), seed: 99)])
        let p = try lastLogProbs(model, prompts[0]).map { Double(Foundation.exp($0)) }
        var counts = [Int](repeating: 0, count: p.count)
        for c in out { counts[Int(c.completionIds[0])] += 1 }
        // Pool tokens with expected count < 5 into one bin, as the chi-square test requires.
        var chi = 0.0, bins = 0, restObserved = 0.0, restExpected = 0.0
        for (i, pi) in p.enumerated() {
            let e = pi * Double(n)
            if e >= 5 { chi += pow(Double(counts[i]) - e, 2) / e; bins += 1 }
            else { restObserved += Double(counts[i]); restExpected += e }
        }
        if restExpected > 0 { chi += pow(restObserved - restExpected, 2) / restExpected; bins += 1 }
        // 99.9th percentile of chi-square with k−1 degrees of freedom, Wilson–Hilferty approximation.
        let k = Double(bins - 1), z = 3.09
        let critical = k * pow(1 - 2 / (9 * k) + z * (2 / (9 * k)).squareRoot(), 3)
        #expect(chi < critical, "chi-square \(chi) over \(bins) bins, critical \(critical)")
    }

    @Test func stopStringsAcrossTokensEOSAndLength() throws {
        let model = try load("llama-tiny")
        let decoder = PairDecoder()
        let engine = GenerationEngine(model: model, decoder: decoder)
        let free = try engine.generate([GenerationRequest(promptIds: prompts[0],
            params: SamplingParams(temperature: 0, maxNewTokens: 9, stopTokenIds: []))])[0]
        #expect(free.completionIds.count == 9 && free.finishReason == .length)
        // A stop string made of the second half of token 3's text and the first half of token 4's.
        let text = decoder.decodeText(free.completionIds)
        let chars = Array(text)
        let stop = String(chars[5...6])
        let stopped = try engine.generate([GenerationRequest(promptIds: prompts[0],
            params: SamplingParams(temperature: 0, maxNewTokens: 9, stopTokenIds: [], stopStrings: [stop]))])[0]
        #expect(stopped.finishReason == .stop)
        #expect(stopped.text.hasSuffix(stop) && text.hasPrefix(stopped.text))
        #expect(stopped.completionIds == Array(free.completionIds.prefix(stopped.completionIds.count)))
        #expect(stopped.completionIds.count <= 4)
        let eos = free.completionIds[3]
        let ended = try engine.generate([GenerationRequest(promptIds: prompts[0],
            params: SamplingParams(temperature: 0, maxNewTokens: 9, stopTokenIds: [eos]))])[0]
        #expect(ended.finishReason == .stop && ended.completionIds.last == eos)
        #expect(ended.completionIds.count == free.completionIds.firstIndex(of: eos)! + 1)
    }

    @Test func badRequestsAreRejected() throws {
        let engine = GenerationEngine(model: try load("llama-tiny"))
        #expect(throws: GenerationError.self) { try engine.generate([GenerationRequest(promptIds: [])]) }
        #expect(throws: GenerationError.self) { try engine.generate([GenerationRequest(promptIds: [1000])]) }
        #expect(throws: GenerationError.self) {
            try engine.generate([GenerationRequest(promptIds: [1], params: SamplingParams(topP: 0))])
        }
        #expect(throws: GenerationError.self) {
            try engine.generate([GenerationRequest(promptIds: [1], params: SamplingParams(stopStrings: ["x"]))])
        }
    }
}
