// `grpo convert --from-gguf` and `--to-gguf` run as the real binary: the imported directory samples with
// its own tokenizer, export then import gives the weights back (exactly up to F16 rounding), and a
// broken file stops the command with a message naming it.
import Autograd
import Foundation
import Models
import Testing
import TestSupport

@Suite(.serialized) struct GGUFConvertCommandTests {
    static let tiny = Fixtures.url("gguf/llama-tiny.gguf")

    func importTiny() throws -> URL {
        let dir = try Fixtures.tempDir("gguf-import")
        let r = try GRPOBinary.run(["convert", "--from-gguf", Self.tiny.path, "--out", dir.path])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("with tokenizer.json from"), "\(r.out)")
        return dir
    }

    @Test func importedDirectorySamplesWithItsTokenizer() throws {
        let dir = try importTiny()
        defer { try? FileManager.default.removeItem(at: dir) }
        let files = Set(try FileManager.default.contentsOfDirectory(atPath: dir.path))
        #expect(files.isSuperset(of: ["config.json", "model.safetensors", "tokenizer.json", "tokenizer_config.json"]), "\(files)")
        let r = try GRPOBinary.run(["sample", "--model", dir.path, "--prompt", "<|im_start|>theater42", "--temperature", "0",
                                    "--max-new-tokens", "3", "--json", "--threads", "1"])
        #expect(r.status == 0, "\(r.err)")
        let row = try JSONSerialization.jsonObject(with: Data(r.out.utf8)) as! [String: Any]
        // <|im_start|> is special; "theater" merges as th·e·at·er by rank; digits split one by one ("smollm").
        #expect(row["prompt_ids"] as? [Int] == [1, 97, 71, 104, 100, 22, 20], "\(row)")
        #expect((row["completion_ids"] as? [Int])?.count == 3)
        // The GGUF file itself as --model: same tokenizer, same weights, same greedy completion.
        let direct = try GRPOBinary.run(["sample", "--model", Self.tiny.path, "--prompt", "<|im_start|>theater42",
                                         "--temperature", "0", "--max-new-tokens", "3", "--json", "--threads", "1"])
        #expect(direct.status == 0, "\(direct.err)")
        #expect(direct.out == r.out)
    }

    @Test(arguments: ["f16", "q8_0"])
    func exportThenImportGivesTheWeightsBack(type: String) throws {
        let dir = try importTiny()
        let scratch = try Fixtures.tempDir("gguf-export")
        defer {
            try? FileManager.default.removeItem(at: dir)
            try? FileManager.default.removeItem(at: scratch)
        }
        let file = scratch.appendingPathComponent("tiny.gguf"), back = scratch.appendingPathComponent("back")
        let export = try GRPOBinary.run(["convert", "--model", dir.path, "--to-gguf", file.path, "--type", type])
        #expect(export.status == 0, "\(export.err)")
        let written = try GGUFFile(contentsOf: file)
        #expect(written.tensor("blk.0.attn_q.weight")?.type.description == type.uppercased())
        #expect(written.tensor("blk.0.attn_norm.weight")?.type == .f32 && written.tensor("output.weight") == nil)
        #expect(try written.string("tokenizer.ggml.pre") == "smollm")
        let r = try GRPOBinary.run(["convert", "--from-gguf", file.path, "--out", back.path])
        #expect(r.status == 0, "\(r.err)")
        let original = try ModelDirectory.load(dir), again = try ModelDirectory.load(back)
        #expect(again.config == original.config)
        for name in original.parameterNames {
            let a = original.parameters[name]!.toArray(), b = again.parameters[name]!.toArray()
            if type == "f16" || original.parameters[name]!.shape.count == 1 {
                let rounded = original.parameters[name]!.shape.count == 1 ? a : a.map { Float(Float16($0)) }
                #expect(b == rounded, "\(name): not the F16-rounded weights")
            } else {
                // Q8_0: within half a step d = max|x| / 127 of the block, plus 127 · d · 2⁻¹¹ from the f16 d.
                let largest = a.map(abs).max()!
                #expect(maxAbsDiff(a, b) <= largest / 127 * 0.57, "\(name): \(maxAbsDiff(a, b))")
            }
        }
        for name in ["tokenizer.json", "tokenizer_config.json"] {
            let first = try JSONSerialization.jsonObject(with: Data(contentsOf: dir.appendingPathComponent(name))) as! NSDictionary
            let second = try JSONSerialization.jsonObject(with: Data(contentsOf: back.appendingPathComponent(name))) as! NSDictionary
            #expect(first == second, "\(name) changed in the round trip")
        }
    }

    @Test func brokenFilesAndBadOptionsAreNamed() throws {
        let scratch = try Fixtures.tempDir("gguf-broken")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let data = try Data(contentsOf: Self.tiny)
        let cut = scratch.appendingPathComponent("cut.gguf")
        try data.prefix(data.count - 5000).write(to: cut)
        let r = try GRPOBinary.run(["convert", "--from-gguf", cut.path, "--out", scratch.appendingPathComponent("x").path])
        #expect(r.status != 0)
        #expect(r.err.contains(cut.path) && r.err.contains("tensor ") && r.err.contains("run past the end"), "\(r.err)")
        let both = try GRPOBinary.run(["convert", "--from-gguf", cut.path, "--model", scratch.path, "--out", "x"])
        #expect(both.status != 0 && both.err.contains("exactly one of --model DIR and --from-gguf FILE"), "\(both.err)")
        let type = try GRPOBinary.run(["convert", "--model", scratch.path, "--to-gguf", "x.gguf", "--type", "q4_k"])
        #expect(type.status != 0 && type.err.contains("--type must be one of f16, q8_0, f32"), "\(type.err)")
    }
}
