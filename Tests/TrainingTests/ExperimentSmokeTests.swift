// Every R1-Zero experiment's smoke recipe runs through the real binary from its committed base model and
// ends with the files its README points to, with held-out figures before and after training.
import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct ExperimentSmokeTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent()

    @Test(arguments: ["r1-zero-arithmetic", "r1-zero-countdown"])
    func smokeRecipeRunsFromTheCommittedBase(experiment: String) throws {
        let folder = Self.root.appendingPathComponent("experiments/\(experiment)")
        let base = folder.appendingPathComponent("base/model.safetensors").path
        let size = try FileManager.default.attributesOfItem(atPath: base)[.size] as? Int ?? 0
        #expect(size > 1_000_000 && size < 20_000_000, "\(base): \(size) bytes")
        let run = FileManager.default.temporaryDirectory.appendingPathComponent("smoke-\(UUID().uuidString)").path
        let r = try GRPOBinary.run(["train", folder.appendingPathComponent("smoke.yaml").path, "--out", run,
                                    "--threads", "2"])
        #expect(r.status == 0, "\(r.err)")
        for file in ["report.html", "rollouts.zst", "final/model.safetensors", "final/tokenizer.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(run)/\(file)"), "\(file) missing")
        }
        #expect(r.out.contains("final model: ") && r.out.contains("report: "), "\(r.out)")
        let metrics = try String(contentsOfFile: run + "/metrics.jsonl", encoding: .utf8)
        #expect(metrics.components(separatedBy: "\"eval/pass@1\"").count - 1 == 2, "eval before and after")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path))
        let script = try String(contentsOf: folder.appendingPathComponent("run.sh"), encoding: .utf8)
        for file in ["smoke.yaml", "recipe.yaml", "pretrain.yaml"] { #expect(script.contains(file), "run.sh skips \(file)") }
    }
}
