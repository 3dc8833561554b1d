// The allocation-free decoding step must give the same logits as the full forward pass, for a
// left-padded batch with rows at different positions, with and without LoRA adapters.
import Autograd
import Foundation
import Models
import Testing

@Suite struct DecodeStepTests {
    @Test(arguments: [("qwen2-tiny", false), ("llama-tiny", true), ("llama3-tiny", false)])
    func decodeStepMatchesFullForward(_ name: String, _ lora: Bool) throws {
        let model = try ModelDirectory.load(Fixtures.url(name))
        if lora {
            try model.addLoRA(LoRAConfig(rank: 3, alpha: 6, targetModules: LoRAConfig.knownModules), seed: 2)
            var rng = RNG(seed: 4)
            for p in model.loraParameters { Kernels.addInto(p, Tensor.randn(p.shape, std: 0.05, rng: &rng)) }
            model.training = false
        }
        let prompts: [[Int32]] = [[5, 17, 3, 99], [64, 2], [7, 7, 7]]
        let continuations: [[Int32]] = [[11, 12, 13], [1, 0, 127], [100, 101, 102]]
        let (rows, width, capacity, v) = (3, 4, 8, model.config.vocabSize)
        var ids = [Int32](), mask = [Float](repeating: 0, count: rows * capacity), positions = [Int32]()
        for (r, p) in prompts.enumerated() {
            let pad = width - p.count
            ids += [Int32](repeating: 0, count: pad) + p
            for j in pad..<capacity { mask[r * capacity + j] = 1 }
            positions += (0..<width).map { Int32(max(0, $0 - pad)) }
        }
        let cache = KVCache(config: model.config, batch: rows, capacity: capacity)
        let keyMask = Tensor(shape: [rows, capacity], values: mask)
        let prefillMask = try keyMask.slice(axis: 1, 0..<width).copy()
        _ = try model.forward(ids: ids, batch: rows, keyMask: prefillMask, positions: positions, cache: cache)
        let ws = DecodeWorkspace(model: model, rows: rows, maxLength: capacity)
        for step in 0..<3 {
            let tokens = continuations.map { $0[step] }
            let pos = prompts.map { Int32($0.count + step) }
            try model.decodeStep(tokens: tokens, positions: pos, cache: cache, keyMask: keyMask, workspace: ws)
            for r in 0..<rows {
                let full = try noGrad { try model.forward(ids: prompts[r] + continuations[r][...step], batch: 1) }.toArray()
                let last = Array(full[(full.count - v)...])
                let ours = Array(ws.logits.toArray()[r * v..<(r + 1) * v])
                #expect(maxAbsDiff(ours, last) < 1e-4, "\(name) row \(r) step \(step)")
            }
        }
    }
}
