// `grpo convert --from-gguf` run as the real binary: the imported directory samples with its own
// tokenizer, and a broken file stops the command with a message naming it.
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
    }
}
