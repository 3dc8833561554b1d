// Loss parity with TRL: scripts/make_trl_loss_fixtures.py ran TRL's GRPOTrainer._compute_loss on the
// qwen2-tiny fixture for every loss_type × scale_rewards × importance_sampling_level × beta ×
// epsilon_high; our advantages, loss and parameter gradients must match (1e-5 relative).
import Autograd
import Foundation
import Models
import Testing
import Training

private let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

private struct Fixture: Decodable {
    let prompts: [[Int32]]
    let completions: [[Int32]]
    let lengths: [Int]
    let rewards: [Double]
    let old_noise: [[Float]]
    let ref_noise: [[Float]]
    let cases: [Case]
    struct Case: Decodable {
        let loss_type: String, scale_rewards: String, importance_sampling_level: String
        let beta: Double, epsilon_high: Double, loss: Double
        let advantages: [Double]
        let grads: [String: [Float]]
    }
}

@Suite struct TRLParityTests {
    @Test func lossAdvantagesAndGradientsMatchTRL() throws {
        let fixture = try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: here.appendingPathComponent("Fixtures/trl_loss.json")))
        let modelDir = here.deletingLastPathComponent().appendingPathComponent("ModelsTests/Fixtures/qwen2-tiny")
        let completions = zip(fixture.completions, fixture.lengths).map { Array($0.prefix($1)) }
        var worstLoss = 0.0, worstGrad = 0.0
        for c in fixture.cases {
            let ours = Advantages.compute(fixture.rewards, groupSize: 4, scale: c.scale_rewards)
            #expect(zip(ours, c.advantages).allSatisfy { abs($0 - $1) <= 1e-5 * max(1, abs($1)) }, "\(c.scale_rewards)")
            let model = try ModelDirectory.load(modelDir)
            let (logps, mask) = try CompletionLogProbs.compute(model: model, prompts: fixture.prompts, completions: completions)
            let base = logps.detach().toArray()
            let noise = { (n: [[Float]]) in Tensor(shape: logps.shape, values: zip(base, n.flatMap { $0 }).map { $0 + $1 }) }
            let input = PolicyLossInput(logps: logps, oldLogps: noise(fixture.old_noise), refLogps: noise(fixture.ref_noise),
                                        advantages: Tensor(shape: [8, 1], values: c.advantages.map(Float.init)), mask: mask,
                                        tokensInBatch: fixture.lengths.reduce(0, +), maxCompletionLength: 5)
            let out = try PolicyLoss.compute(input, lossType: LossType(rawValue: c.loss_type)!, importanceLevel: c.importance_sampling_level,
                                             epsilon: 0.2, epsilonHigh: c.epsilon_high, beta: c.beta)
            let lossError = abs(Double(out.loss.item()) - c.loss) / max(1e-3, abs(c.loss))
            worstLoss = max(worstLoss, lossError)
            #expect(lossError < 1e-5, "\(c.loss_type)/\(c.scale_rewards)/\(c.importance_sampling_level)/β\(c.beta): \(out.loss.item()) vs \(c.loss)")
            try out.loss.backward()
            for (name, expected) in c.grads {
                let grad = model.parameters[name]!.grad!.toArray()
                let scale = max(1e-6, expected.map { abs($0) }.max()!)
                let err = zip(grad, expected).map { Double(abs($0 - $1)) }.max()! / Double(scale)
                worstGrad = max(worstGrad, err)
                #expect(err < 1e-4, "\(c.loss_type)/\(c.importance_sampling_level)/β\(c.beta) \(name): relative error \(err)")
            }
        }
        #expect(worstLoss < 1e-5 && worstGrad < 1e-4)
    }
}
