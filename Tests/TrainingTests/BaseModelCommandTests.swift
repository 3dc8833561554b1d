// The base-model path as a user runs it, through the real binary: `grpo pretrain` writes a complete model
// directory, `grpo eval` measures it on the held-out split (table, or JSON as the last line), a GRPO run
// from it leaves a `final/` that `grpo eval` takes as it is, and mistakes name the file and key.
import Foundation
import Testing
import TestSupport

@Suite(.serialized) struct BaseModelCommandTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("base-\(UUID().uuidString)")

    func write(_ name: String, _ text: String) throws -> String { try writeScratchFile(name, text, in: Self.directory) }

    /// A base model pretrained for a few steps (once per suite run).
    func base() throws -> String {
        let out = Self.directory.appendingPathComponent("base").path
        if FileManager.default.fileExists(atPath: out + "/pretrain.json") { return out }
        let recipe = try write("pretrain.yaml", """
            name: base-test
            model: tiny
            dataset: {task: arithmetic, digits: 2, operands: 2, operations: "+"}
            corpus: {worked_fraction: 0.5, worked_error_rate: 0.1, direct_error_rate: 0.5}
            steps: 6
            batch_size: 4
            """)
        let r = try GRPOBinary.run(["pretrain", recipe, "--out", out, "--threads", "1"])
        #expect(r.status == 0, "\(r.err)")
        return out
    }

    func eval(_ model: String, _ extra: [String] = []) throws -> (status: Int32, out: String, err: String) {
        try GRPOBinary.run(["eval", "--model", model, "--prompts", "6", "--n", "4", "--k", "1,4", "--max-new-tokens", "24",
                            "--threads", "1"] + extra)
    }

    @Test func pretrainWritesACompleteModelDirectory() throws {
        let dir = try base()
        for file in ["config.json", "tokenizer.json", "pretrain.json"] {
            #expect(FileManager.default.fileExists(atPath: "\(dir)/\(file)"), "\(file) missing")
        }
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/pretrain.json"))) as! [String: Any]
        #expect(summary["steps"] as? Int == 6 && (summary["final_loss"] as? Double).map { $0 > 0 && $0.isFinite } == true)
    }

    @Test func evalPrintsATableAndTheJSONLine() throws {
        let r = try eval(try base(), ["--json"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("pass@1") && r.out.contains("maj@4") && r.out.contains("format"))
        let last = r.out.split(separator: "\n").last.map(String.init) ?? ""
        let object = try JSONSerialization.jsonObject(with: Data(last.utf8)) as! [String: Any]
        for key in ["model", "task", "split", "prompts", "samples_per_prompt", "pass@1", "pass@4", "maj@4", "format_rate",
                    "mean_completion_tokens"] {
            #expect(object[key] != nil, "\(key) missing from \(last)")
        }
        #expect(object["prompts"] as? Int == 6 && object["samples_per_prompt"] as? Int == 4 && object["split"] as? String == "test")
        for key in ["pass@1", "pass@4", "maj@4", "format_rate"] {
            #expect((object[key] as? Double).map { (0...1).contains($0) } == true, "\(key): \(object[key] ?? "nil")")
        }
        #expect((object["pass@1"] as! Double) <= (object["pass@4"] as! Double))
        // Every model meets the same draws: the same command gives the same figures.
        #expect(try eval(try base(), ["--json"]).out == r.out)
    }

    @Test func evalRejectsBadArguments() throws {
        let big = try eval(try base(), ["--k", "1,9"])
        #expect(big.status != 0 && big.err.contains("--k"), "\(big.err)")
        let task = try eval(try base(), ["--task", "chess"])
        #expect(task.status != 0 && task.err.contains("--task"), "\(task.err)")
    }

    @Test func aRunFromTheBaseEndsWithAModelDirectoryEvalTakes() throws {
        let run = Self.directory.appendingPathComponent("run").path
        let recipe = try write("grpo.yaml", """
            name: from-base
            model: \(try base())
            dataset: {task: arithmetic, digits: 2, operations: "+", template: r1_zero_short}
            num_generations: 2
            prompts_per_step: 2
            max_completion_length: 16
            max_steps: 2
            save_steps: 2
            """)
        let r = try GRPOBinary.run(["train", recipe, "--out", run])
        #expect(r.status == 0, "\(r.err)")
        #expect(FileManager.default.fileExists(atPath: run + "/final/tokenizer.json"))
        let resolved = try String(contentsOfFile: run + "/config.resolved.yaml", encoding: .utf8)
        #expect(resolved.contains("init: ") && resolved.contains("threads: "))
        #expect(try eval(run + "/final").status == 0)
    }

    /// A one-step GRPO recipe from the base with a checkpoint at step 1.
    func oneStepRecipe(_ name: String) throws -> String {
        try write("\(name).yaml", """
            name: \(name)
            model: \(try base())
            dataset: {task: arithmetic, digits: 2, operations: "+", template: r1_zero_short}
            num_generations: 2
            prompts_per_step: 2
            max_completion_length: 8
            max_steps: 1
            save_steps: 1
            """)
    }

    @Test func aUsedRunDirectoryIsKeptUnlessForced() throws {
        let run = Self.directory.appendingPathComponent("used").path
        let recipe = try oneStepRecipe("used")
        #expect(try GRPOBinary.run(["train", recipe, "--out", run]).status == 0)
        let final = URL(fileURLWithPath: run + "/final/model.safetensors")
        let metrics = URL(fileURLWithPath: run + "/metrics.jsonl")
        let before = try (Data(contentsOf: final), Data(contentsOf: metrics))
        try "mine".write(toFile: run + "/notes.txt", atomically: true, encoding: .utf8)
        let again = try GRPOBinary.run(["train", recipe, "--out", run, "--set", "seed=7"])
        #expect(again.status != 0 && again.err.contains("already holds a run") && again.err.contains("--force"), "\(again.err)")
        #expect(try Data(contentsOf: final) == before.0 && Data(contentsOf: metrics) == before.1, "the refused run touched the old one")
        let both = try GRPOBinary.run(["train", recipe, "--out", run, "--resume", "--force"])
        #expect(both.status != 0 && both.err.contains("pick one"), "\(both.err)")
        let forced = try GRPOBinary.run(["train", recipe, "--out", run, "--set", "seed=7", "--force"])
        #expect(forced.status == 0, "\(forced.err)")
        #expect(try String(contentsOfFile: run + "/notes.txt", encoding: .utf8) == "mine", "--force removes only the run's files")
        #expect(try String(contentsOfFile: run + "/config.resolved.yaml", encoding: .utf8).contains("seed: 7"))
    }

    @Test func resumeRefusesAChangedRecipeUnlessAllowed() throws {
        let run = Self.directory.appendingPathComponent("resumed").path
        let recipe = try oneStepRecipe("resumed")
        #expect(try GRPOBinary.run(["train", recipe, "--out", run]).status == 0)
        let metrics = URL(fileURLWithPath: run + "/metrics.jsonl")
        let before = try Data(contentsOf: metrics)
        let changed = try GRPOBinary.run(["train", recipe, "--out", run, "--resume", "--set", "max_steps=2",
                                          "--set", "learning_rate=0.01", "--set", "dataset.digits=1"])
        #expect(changed.status != 0 && changed.err.contains("learning_rate: 1e-05 → 0.01")
                && changed.err.contains("dataset.digits: 2 → 1") && changed.err.contains("--allow-recipe-change"), "\(changed.err)")
        #expect(try Data(contentsOf: metrics) == before, "the refused resume touched the run")
        // Threads, logging and (with a constant schedule) a longer run do not change what the run computes.
        let longer = try GRPOBinary.run(["train", recipe, "--out", run, "--resume", "--set", "max_steps=2",
                                         "--set", "logging_steps=2", "--threads", "1"])
        #expect(longer.status == 0, "\(longer.err)")
        let allowed = try GRPOBinary.run(["train", recipe, "--out", run, "--resume", "--set", "max_steps=3",
                                          "--set", "learning_rate=0.01", "--allow-recipe-change"])
        #expect(allowed.status == 0, "\(allowed.err)")
        #expect(try String(contentsOfFile: run + "/config.resolved.yaml", encoding: .utf8).contains("learning_rate: 0.01"))
        let stray = try GRPOBinary.run(["train", recipe, "--out", run, "--allow-recipe-change"])
        #expect(stray.status != 0 && stray.err.contains("only applies with --resume"), "\(stray.err)")
    }

    @Test func completionsPastTheModelsPositionsAreRefusedAtLoad() throws {
        let recipe = try write("long.yaml", """
            name: long
            model: \(try base())
            dataset: {task: arithmetic, digits: 2, operations: "+", template: r1_zero_short}
            max_completion_length: 500
            max_steps: 1
            """)
        let r = try GRPOBinary.run(["train", recipe, "--out", Self.directory.appendingPathComponent("long").path])
        #expect(r.status != 0 && r.err.contains("max_completion_length") && r.err.contains("max_position_embeddings (512)"),
                "\(r.err)")
    }

    /// The bytes of `final/model.safetensors` after a 3-step run from the base with `seed` and 2 threads.
    func finalWeights(seed: Int, run name: String) throws -> Data {
        let run = Self.directory.appendingPathComponent(name).path
        let recipe = try write("\(name).yaml", """
            name: \(name)
            model: \(try base())
            dataset: {task: arithmetic, digits: 2, operations: "+", template: r1_zero_short}
            num_generations: 4
            prompts_per_step: 2
            max_completion_length: 16
            max_steps: 3
            seed: \(seed)
            # A 6-step base never adds right; a reward that varies in every group moves the weights each step
            # (a checksum of the text: near-random completions rarely tie on it).
            reward_funcs: [\(try write("checksum.py", """
                import json, sys
                for line in sys.stdin:
                    c = json.loads(line)["completion"]
                    print(json.dumps({"reward": sum(map(ord, c)) % 10 / 9}), flush=True)
                """))]
            """)
        let r = try GRPOBinary.run(["train", recipe, "--out", run, "--threads", "2"])
        #expect(r.status == 0, "\(r.err)")
        return try Data(contentsOf: URL(fileURLWithPath: run + "/final/model.safetensors"))
    }

    @Test func theSameSeedAndThreadsGiveTheSameFinalWeights() throws {
        let first = try finalWeights(seed: 3, run: "same-a")
        #expect(first.count > 1_000_000)
        #expect(try Data(contentsOf: URL(fileURLWithPath: try base() + "/model.safetensors")) != first, "training moved nothing")
        #expect(try finalWeights(seed: 3, run: "same-b") == first)
        // The comparison can fail: another seed samples other rollouts and ends elsewhere.
        #expect(try finalWeights(seed: 4, run: "other") != first)
    }

    @Test func countdownPretrainsAndEvaluates() throws {
        let out = Self.directory.appendingPathComponent("countdown").path
        let recipe = try write("countdown.yaml", """
            name: base-countdown
            model: tiny
            dataset: {task: countdown, numbers: 3, max_number: 10}
            steps: 3
            batch_size: 4
            """)
        let r = try GRPOBinary.run(["pretrain", recipe, "--out", out, "--threads", "1"])
        #expect(r.status == 0, "\(r.err)")
        let summary = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/pretrain.json"))) as! [String: Any]
        #expect(summary["task"] as? String == "countdown" && summary["max_number"] as? Int == 10 && summary["digits"] == nil)
        let e = try eval(out, ["--task", "countdown", "--max-number", "10", "--json"])
        #expect(e.status == 0 && e.out.contains("\"task\":\"countdown\""), "\(e.err)")
        let wrong = try write("countdown-digits.yaml", "name: x\ndataset: {task: countdown, digits: 3}\n")
        let w = try GRPOBinary.run(["pretrain", wrong, "--out", out + "-bad"])
        #expect(w.status != 0 && w.err.contains("digits") && w.err.contains("countdown"), "\(w.err)")
    }

    @Test func pretrainContinuesFromAModelItWrote() throws {
        let firstRecipe = try write("first.yaml", """
            name: first
            dataset: {task: arithmetic, digits: 2, operands: 2, operations: "+"}
            steps: 40
            batch_size: 4
            learning_rate: 3.0e-3
            warmup_steps: 0
            """)
        let first = Self.directory.appendingPathComponent("first").path
        let f = try GRPOBinary.run(["pretrain", firstRecipe, "--out", first, "--threads", "1"])
        #expect(f.status == 0, "\(f.err)")
        let recipe = try write("continue.yaml", """
            name: continued
            init: first
            dataset: {task: arithmetic, digits: 2, operands: 2, operations: "+"}
            steps: 1
            batch_size: 4
            warmup_steps: 0
            """)
        let out = Self.directory.appendingPathComponent("continued").path
        let r = try GRPOBinary.run(["pretrain", recipe, "--out", out, "--threads", "1"])
        #expect(r.status == 0, "\(r.err)")
        let summary = { (dir: String) in
            try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: dir + "/pretrain.json"))) as! [String: Any]
        }
        let before = try summary(first), after = try summary(out)
        // The continued run starts where the first one ended, far below a random model's loss.
        let fresh = (before["loss_every_10_steps"] as! [Double])[0], trained = before["final_loss"] as! Double
        let start = (after["loss_every_10_steps"] as! [Double])[0]
        #expect(trained < 0.7 * fresh && start < 0.7 * fresh, "fresh \(fresh), trained \(trained), continued \(start)")
        #expect(after["init"] as? String == first && after["model"] == nil, "\(after)")
        let both = try write("both.yaml", "name: x\ninit: first\nmodel: small\n")
        let b = try GRPOBinary.run(["pretrain", both, "--out", out + "-bad"])
        #expect(b.status != 0 && b.err.contains(both) && b.err.contains("init"), "\(b.err)")
        let notBase = try write("notbase.yaml", "name: x\ninit: \(Self.directory.path)\n")
        let n = try GRPOBinary.run(["pretrain", notBase, "--out", out + "-bad"])
        #expect(n.status != 0 && n.err.contains("init") && n.err.contains("pretrain.json"), "\(n.err)")
    }

    @Test func pretrainRecipeMistakesNameTheFileAndKey() throws {
        let cases: [(String, String)] = [
            ("batch_sise: 4\n", "batch_sise: unknown key (did you mean batch_size?)"),
            ("dataset: {task: countdown, operations: \"+^\"}\n", "dataset: countdown: operations must be drawn from"),
            ("dataset: {task: countdown, digits: 2}\n", "dataset.digits: does not apply to dataset.task countdown"),
            ("dataset: {task: arithmetic, operations: \"/\"}\n", "dataset: arithmetic: digits in 1...6"),
            ("corpus: {worked_fraction: 2}\n", "corpus.worked_fraction: must be in [0, 1]"),
            ("model: huge\n", "model: \"huge\" is not one of"),
            ("dataset: {task: countdown, numbers: 6}\n", "dataset.numbers: must be 3 or 4"),
        ]
        for (i, (text, expected)) in cases.enumerated() {
            let path = try write("bad-pretrain-\(i).yaml", "name: b\nsteps: 2\n" + text)
            let run = try GRPOBinary.run(["pretrain", path, "--out", Self.directory.appendingPathComponent("bad-\(i)").path])
            #expect(run.status != 0 && run.err.contains(expected) && run.err.contains(path), "\(text) → \(run.err)")
        }
    }
}

