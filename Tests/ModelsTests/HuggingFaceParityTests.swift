// Our transformer against Hugging Face transformers on the fixture checkpoints: the same logits
// (within 1e-4) on several prompts and on a left-padded batch, KV-cache decoding equal to the full
// forward, and every checkpoint layout (F32, BF16, F16 tensors, shards) read correctly.
import Autograd
import Foundation
import Models
import Testing

@Suite struct HuggingFaceParity {
    @Test(arguments: ["qwen2-tiny", "llama-tiny", "llama3-tiny"])
    func logitsMatchTransformers(_ name: String) throws {
        let model = try ModelDirectory.load(Fixtures.url(name))
        let expected = try Fixtures.expected(name)
        for (ids, logits) in zip(expected.prompts, expected.logits) {
            let ours = try noGrad { try model.forward(ids: ids, batch: 1) }
            #expect(maxAbsDiff(ours.toArray(), logits.flatMap { $0 }) < 1e-4, "\(name) prompt \(ids)")
        }
    }

    @Test(arguments: ["qwen2-tiny", "llama-tiny", "llama3-tiny"])
    func paddedBatchMatchesTransformers(_ name: String) throws {
        let model = try ModelDirectory.load(Fixtures.url(name))
        let p = try Fixtures.expected(name).padded
        let (b, t) = (p.ids.count, p.ids[0].count)
        let logits = try noGrad {
            try model.forward(ids: p.ids.flatMap { $0 }, batch: b, keyMask: Tensor(shape: [b, t], values: p.mask.flatMap { $0 }),
                              positions: p.positions.flatMap { $0 })
        }
        let v = model.config.vocabSize
        for row in 0..<b {
            for pos in 0..<t where p.mask[row][pos] != 0 {
                let ours = Array(logits.toArray()[((row * t + pos) * v)..<((row * t + pos + 1) * v)])
                #expect(maxAbsDiff(ours, p.logits[row][pos]) < 1e-4, "\(name) row \(row) position \(pos)")
            }
        }
    }

    @Test(arguments: ["qwen2-tiny", "llama-tiny", "llama3-tiny"])
    func kvCacheDecodingEqualsFullForward(_ name: String) throws {
        let model = try ModelDirectory.load(Fixtures.url(name))
        let ids: [Int32] = [5, 17, 3, 99, 42, 7, 11, 64, 1, 0, 127, 8]
        let full = try noGrad { try model.forward(ids: ids, batch: 1) }.toArray()
        let cache = KVCache(config: model.config, batch: 1, capacity: 16)
        let v = model.config.vocabSize
        let prefill = try model.forward(ids: Array(ids[0..<5]), batch: 1, cache: cache).toArray()
        #expect(maxAbsDiff(prefill, Array(full[0..<5 * v])) < 1e-5)
        for i in 5..<ids.count {
            let step = try model.forward(ids: [ids[i]], batch: 1, cache: cache).toArray()
            #expect(maxAbsDiff(step, Array(full[i * v..<(i + 1) * v])) < 1e-5, "token \(i)")
        }
        #expect(cache.length == ids.count)
    }

    @Test func shardedCheckpointLoadsTheSameModel() throws {
        let sharded = try ModelDirectory.load(Fixtures.url("qwen2-tiny-sharded"))
        let single = try ModelDirectory.load(Fixtures.url("qwen2-tiny"))
        for name in single.parameterNames {
            #expect(sharded.parameters[name]!.toArray() == single.parameters[name]!.toArray(), "\(name)")
        }
    }

    @Test func bf16CheckpointIsTheF32ModelRounded() throws {
        let bf16 = try ModelDirectory.load(Fixtures.url("llama-tiny-bf16"))
        let f32 = try ModelDirectory.load(Fixtures.url("llama-tiny"))
        for name in f32.parameterNames {
            let a = bf16.parameters[name]!.toArray(), b = f32.parameters[name]!.toArray()
            #expect(zip(a, b).allSatisfy { abs($0 - $1) <= abs($1) / 128 }, "\(name)")
            #expect(a.allSatisfy { $0.bitPattern & 0xFFFF == 0 }, "\(name) should hold bf16 values")
        }
    }

    @Test func halfAndBFloatTensorsConvertExactly() throws {
        let tensors = try SafeTensors.read(Fixtures.url("dtypes.safetensors"))
        let expected = try JSONDecoder().decode([String: [Float]].self, from: Data(contentsOf: Fixtures.url("dtypes.json")))
        #expect(tensors["half"]!.toArray() == expected["half"]!)
        #expect(tensors["bf"]!.toArray() == expected["bf"]!)
    }
}
