// Every experiment's smoke recipes run through the real binary from the committed base model: the R1-Zero
// ones as one `grpo train`, the cold-start and distillation ones as their command pipelines (data, sft or
// distill, then train), each ending with a model and held-out figures before and after training.
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

    /// The smoke pipeline of an experiment that runs several commands, with every output in a scratch folder.
    static let pipelines: [String: @Sendable (String) -> [[String]]] = [
        "r1-cold-start-arithmetic": { dir in [
            ["data", "cold-start", "--task", "arithmetic", "--n", "32", "--seed", "1", "--out", "\(dir)/traces.jsonl"],
            ["sft", "smoke-sft.yaml", "--set", "dataset.path=\(dir)/traces.jsonl", "--out", "\(dir)/sft", "--threads", "2"],
            ["train", "smoke.yaml", "--set", "model=\(dir)/sft/final", "--out", "\(dir)/rl", "--threads", "2"],
        ] },
        "r1-distill-arithmetic": { dir in [
            ["distill", "smoke-distill.yaml", "--out", "\(dir)/distill", "--threads", "2"],
            ["train", "smoke.yaml", "--set", "model=\(dir)/distill/student/final", "--out", "\(dir)/rl", "--threads", "2"],
        ] },
    ]

    @Test(arguments: ["r1-cold-start-arithmetic", "r1-distill-arithmetic"])
    func smokePipelineRunsFromTheCommittedBase(experiment: String) throws {
        let folder = Self.root.appendingPathComponent("experiments/\(experiment)")
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("smoke-\(UUID().uuidString)").path
        let script = try String(contentsOf: folder.appendingPathComponent("run.sh"), encoding: .utf8)
        for command in Self.pipelines[experiment]!(dir) {
            // Recipes are the experiment's own files; run.sh runs each of them.
            let args = command.map { $0.hasSuffix(".yaml") ? folder.appendingPathComponent($0).path : $0 }
            if let recipe = command.first(where: { $0.hasSuffix(".yaml") }) { #expect(script.contains(recipe), "run.sh skips \(recipe)") }
            let r = try GRPOBinary.run(args)
            #expect(r.status == 0, "\(command.joined(separator: " ")): \(r.err)")
        }
        #expect(FileManager.default.fileExists(atPath: dir + "/rl/final/model.safetensors"))
        let metrics = try String(contentsOfFile: dir + "/rl/metrics.jsonl", encoding: .utf8)
        #expect(metrics.components(separatedBy: "\"eval/pass@1\"").count - 1 == 2, "eval before and after")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("README.md").path))
    }
}
