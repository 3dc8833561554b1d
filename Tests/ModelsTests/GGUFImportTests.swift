// GGUF import against the fixtures scripts/make_gguf_fixtures.py wrote with ggml's gguf package: every
// block type dequantised as gguf.quants.dequantize does, and the tiny transformers checkpoints, written
// as llama.cpp lays them out, read back to the same config and weights.
import Autograd
import Foundation
import Models
import Testing

@Suite struct GGUFImportTests {
    static let gguf = Fixtures.url("gguf")

    @Test(arguments: ["F32", "F16", "BF16", "Q8_0", "Q4_0", "Q4_1", "Q4_K", "Q5_K", "Q6_K"])
    func dequantisationMatchesGGUFPackage(type: String) throws {
        let file = try GGUFFile(contentsOf: Self.gguf.appendingPathComponent("quants.gguf"))
        let quantised = try #require(file.tensor("q.\(type)"), "quants.gguf has no q.\(type)")
        #expect(quantised.type.description == type)
        let ours = try GGUFDequantize.tensor(quantised, of: file)
        let theirs = try GGUFDequantize.tensor(try #require(file.tensor("expected.\(type)")), of: file)
        #expect(ours.shape == [4, 256] && theirs.shape == [4, 256])
        let a = ours.toArray(), b = theirs.toArray()
        #expect(b.contains { $0 != 0 }, "expected values are all zero")
        // Same operations in the same order as numpy: equal to the last bit.
        let differing = zip(a, b).filter { $0.bitPattern != $1.bitPattern }.count
        #expect(differing == 0, "\(type): \(differing) of \(a.count) values differ, largest by \(maxAbsDiff(a, b))")
    }

    @Test(arguments: ["llama", "qwen2"])
    func tinyCheckpointImportsToTheSameWeights(kind: String) throws {
        let reference = try ModelDirectory.load(Fixtures.url("\(kind)-tiny"))
        let file = try GGUFFile(contentsOf: Self.gguf.appendingPathComponent("\(kind)-tiny.gguf"))
        #expect(file.version == 3)
        let imported = try GGUFImport.load(file)
        var want = reference.config, got = imported.config
        want.architectures = nil
        got.architectures = nil
        #expect(got == want)
        #expect(Set(imported.parameterNames) == Set(reference.parameterNames))
        for name in reference.parameterNames {
            #expect(imported.parameters[name]!.toArray() == reference.parameters[name]!.toArray(), "\(name) differs")
        }
    }

    @Test func qkPermutationRoundTrips() throws {
        var rng = RNG(seed: 7)
        let t = Tensor.randn([4 * 6, 3], std: 1, rng: &rng)
        let there = GGUFTensorLayout.permuteRows(t, heads: 4, toGGUF: true)
        #expect(there.toArray() != t.toArray())
        // Row 1 of head 0 in llama.cpp's order is the first row of the head's second half.
        #expect(Array(there.toArray()[3..<6]) == Array(t.toArray()[9..<12]))
        #expect(GGUFTensorLayout.permuteRows(there, heads: 4, toGGUF: false).toArray() == t.toArray())
    }

    @Test func namesMapBothWays() {
        for (gguf, hf) in [("token_embd.weight", "model.embed_tokens.weight"), ("output.weight", "lm_head.weight"),
                           ("blk.11.attn_output.weight", "model.layers.11.self_attn.o_proj.weight"),
                           ("blk.0.ffn_norm.weight", "model.layers.0.post_attention_layernorm.weight"),
                           ("blk.3.attn_k.bias", "model.layers.3.self_attn.k_proj.bias")] {
            #expect(GGUFTensorLayout.huggingFaceName(gguf) == hf)
            #expect(GGUFTensorLayout.ggufName(hf) == gguf)
        }
        #expect(GGUFTensorLayout.huggingFaceName("blk.x.attn_q.weight") == nil)
        #expect(GGUFTensorLayout.huggingFaceName("rope_freqs.weight") == nil)
    }

    @Test func tokenizerFilesCarryVocabularyTemplateAndSpecials() throws {
        let file = try GGUFFile(contentsOf: Self.gguf.appendingPathComponent("llama-tiny.gguf"))
        let files = Dictionary(uniqueKeysWithValues: try GGUFTokenizerImport.tokenizerFiles(file))
        let tokenizer = try #require(files["tokenizer.json"]), config = try #require(files["tokenizer_config.json"])
        let model = try #require(tokenizer["model"] as? [String: Any])
        let vocab = try #require(model["vocab"] as? [String: Int])
        #expect(vocab.count == 128 && vocab["th"] == 97 && vocab["<|im_start|>"] == 1)
        #expect((model["merges"] as? [String])?.first == "t h")
        let added = try #require(tokenizer["added_tokens"] as? [[String: Any]])
        #expect(added.map { $0["content"] as? String } == ["<|endoftext|>", "<|im_start|>", "<|im_end|>"])
        let pre = try #require(tokenizer["pre_tokenizer"] as? [String: Any])
        #expect((pre["pretokenizers"] as? [[String: Any]])?.first?["type"] as? String == "Digits")
        #expect(config["bos_token"] as? String == "<|im_start|>" && config["eos_token"] as? String == "<|im_end|>")
        #expect((config["chat_template"] as? String)?.hasPrefix("{% for m in messages %}") == true)
    }
}

@Suite struct GGUFQuantizeTests {
    @Test(arguments: ["F16", "Q8_0"])
    func quantisationMatchesGGUFPackage(type: String) throws {
        let file = try GGUFFile(contentsOf: GGUFImportTests.gguf.appendingPathComponent("quants.gguf"))
        let source = try GGUFDequantize.tensor(try #require(file.tensor("source")), of: file)
        let theirs = try #require(file.tensor("quantized.\(type)"))
        let ours = GGUFQuantize.bytes(source.data, count: source.count, as: theirs.type)
        let start = file.dataOffset + theirs.offset
        let expected = file.data.subdata(in: start..<start + theirs.byteCount)
        #expect(ours.count == expected.count)
        let differing = zip(ours, expected).filter { $0 != $1 }.count
        #expect(differing == 0, "\(type): \(differing) of \(ours.count) bytes differ from gguf.quants.quantize")
    }
}
