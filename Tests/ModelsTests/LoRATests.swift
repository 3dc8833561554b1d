// LoRA: adapters start as a no-op, train while the base stays frozen, merge into the same function,
// and survive a save and load in the PEFT layout.
import Autograd
import Foundation
import Models
import Testing

private func logits(_ model: Transformer, _ ids: [Int32]) throws -> [Float] {
    try noGrad { try model.forward(ids: ids, batch: 1) }.toArray()
}

@Suite struct LoRATests {
    let ids: [Int32] = [5, 17, 3, 99, 42, 7, 11]

    @Test func startsAsNoOpTrainsOnlyAdaptersAndMerges() throws {
        let model = try ModelDirectory.load(Fixtures.url("qwen2-tiny"))
        let before = try logits(model, ids)
        let base = model.parameterList.map { $0.toArray() }
        try model.addLoRA(LoRAConfig(rank: 4, alpha: 8, dropout: 0.1, targetModules: ["q_proj", "v_proj", "down_proj"]), seed: 1)
        #expect(model.adapters.count == 2 * 3)
        #expect(try logits(model, ids) == before)
        let optimizer = AdamW(groups: [ParameterGroup(parameters: model.loraParameters, weightDecay: 0)])
        var losses: [Float] = []
        for _ in 0..<30 {
            let loss = try model.forward(ids: ids, batch: 1).crossEntropy(targets: Array(ids.dropFirst()) + [0])
            try loss.backward()
            #expect(model.parameterList.allSatisfy { $0.grad == nil }, "frozen base weights got gradients")
            optimizer.step(lr: 1e-2)
            optimizer.zeroGrad()
            losses.append(loss.item())
        }
        #expect(losses.last! < losses.first! * 0.8, "loss \(losses.first!) → \(losses.last!)")
        #expect(model.parameterList.map { $0.toArray() } == base, "base weights changed")
        model.training = false
        let adapted = try logits(model, ids)
        #expect(maxAbsDiff(adapted, before) > 1e-3)
        try model.mergeLoRA()
        #expect(model.adapters.isEmpty)
        #expect(maxAbsDiff(try logits(model, ids), adapted) < 1e-4)
    }

    @Test func peftLayoutRoundTrip() throws {
        let model = try ModelDirectory.load(Fixtures.url("llama-tiny"))
        try model.addLoRA(LoRAConfig(rank: 2, alpha: 4, targetModules: LoRAConfig.knownModules), seed: 3)
        var rng = RNG(seed: 9)
        for p in model.loraParameters { Kernels.addInto(p, Tensor.randn(p.shape, std: 0.05, rng: &rng)) }
        model.training = false
        let expected = try logits(model, ids)
        let dir = try Fixtures.tempDir("lora")
        defer { try? FileManager.default.removeItem(at: dir) }
        try model.saveLoRA(to: dir)
        let names = try SafeTensors.read(dir.appendingPathComponent("adapter_model.safetensors")).keys
        #expect(names.contains("base_model.model.model.layers.1.mlp.gate_proj.lora_B.weight"))
        let other = try ModelDirectory.load(Fixtures.url("llama-tiny"))
        try other.loadLoRA(from: dir)
        other.training = false
        #expect(try logits(other, ids) == expected)
    }

    @Test func badTargetsAreNamed() throws {
        let model = try ModelDirectory.load(Fixtures.url("llama-tiny"))
        #expect(throws: ModelError.self) { try model.addLoRA(LoRAConfig(targetModules: ["qkv"]), seed: 0) }
        do { try model.addLoRA(LoRAConfig(targetModules: ["qkv"]), seed: 0) } catch {
            #expect("\(error)".contains("qkv"))
        }
    }
}
