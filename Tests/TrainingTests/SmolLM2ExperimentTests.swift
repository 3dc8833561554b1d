// experiments/smollm2-arithmetic end to end through the real binary on the real SmolLM2-135M-Instruct:
// import from its GGUF, the smoke recipe (its own chat template, held-out figures before and after), and
// the trained model exported back to GGUF and imported again. Skipped, saying why, without the file.
import Foundation
import Testing
import TestSupport

@Suite(.serialized, .enabled(if: SmolLM2File.gguf != nil, Comment(rawValue: SmolLM2File.skipMessage)))
struct SmolLM2ExperimentTests {
    @Test func smokeRecipeTrainsAndTheResultGoesBackToGGUF() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smollm2-run-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let imported = try GRPOBinary.run(["convert", "--from-gguf", SmolLM2File.gguf!.path, "--out", dir + "/base"])
        #expect(imported.status == 0, "\(imported.err)")
        let recipe = SmolLM2File.repo.appendingPathComponent("experiments/smollm2-arithmetic/smoke.yaml").path
        let r = try GRPOBinary.run(["train", recipe, "--set", "model=\(dir)/base", "--out", dir + "/run", "--threads", "2"])
        #expect(r.status == 0, "\(r.err)")
        let metrics = try String(contentsOfFile: dir + "/run/metrics.jsonl", encoding: .utf8)
        #expect(metrics.components(separatedBy: "\"eval/pass@1\"").count - 1 == 2, "eval before and after")
        // The run recorded that prompts went through the model's own chat template.
        let config = try String(contentsOfFile: dir + "/run/config.resolved.yaml", encoding: .utf8)
        #expect(config.contains("template: model"), "\(config)")
        let exported = try GRPOBinary.run(["convert", "--model", dir + "/run/final", "--to-gguf", dir + "/out.gguf", "--type", "q8_0"])
        #expect(exported.status == 0, "\(exported.err)")
        let back = try GRPOBinary.run(["convert", "--from-gguf", dir + "/out.gguf", "--out", dir + "/back"])
        #expect(back.status == 0, "\(back.err)")
        #expect(FileManager.default.fileExists(atPath: dir + "/back/tokenizer_config.json"))
    }
}
