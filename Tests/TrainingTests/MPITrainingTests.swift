// Data-parallel GRPO through the real binary under Open MPI's mpirun: two ranks of one thread each
// against one process, on the committed arithmetic base model (its rewards vary, so the update is real).
import Foundation
import Models
import TestSupport
import Testing

@Suite(.serialized) struct MPITrainingTests {
    static let mpirun = ["mpirun", "-np", "2", "--oversubscribe"]
    /// mpirun refuses root without these; CI runs as root.
    static let environment = ["OMPI_ALLOW_RUN_AS_ROOT": "1", "OMPI_ALLOW_RUN_AS_ROOT_CONFIRM": "1"]
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static var available: Bool { FileManager.default.isExecutableFile(atPath: "/usr/bin/mpirun") }

    func recipe(in dir: URL) throws -> String {
        let base = Self.root.appendingPathComponent("experiments/r1-zero-arithmetic/base").path
        let text = """
            name: mpi
            model: \(base)
            dataset: {task: arithmetic, digits: 2, operands: 2, operations: "+", template: r1_zero_short}
            num_generations: 4
            prompts_per_step: 3
            gradient_accumulation_steps: 2
            max_completion_length: 48
            max_steps: 2
            learning_rate: 1.0e-4
            save_steps: 2
            eval_steps: 2
            eval_size: 5
            seed: 42
            """
        let path = dir.appendingPathComponent("recipe.yaml")
        try text.write(to: path, atomically: true, encoding: .utf8)
        return path.path
    }

    /// A fresh directory holding the recipe; the caller removes it.
    func scratch() throws -> (URL, String) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mpi-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return (dir, try recipe(in: dir))
    }

    func metrics(_ run: URL) throws -> [[String: Double]] {
        try String(contentsOf: run.appendingPathComponent("metrics.jsonl"), encoding: .utf8).split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]).compactMapValues { $0 as? Double }
        }
    }

    @Test(.enabled(if: available, "mpirun not found: scripts/setup.sh installs openmpi-bin"))
    func twoRanksTrainTheWeightsOneProcessTrains() throws {
        let (dir, recipe) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let single = dir.appendingPathComponent("single"), parallel = dir.appendingPathComponent("parallel")
        let one = try GRPOBinary.run(["train", recipe, "--out", single.path, "--threads", "1"])
        #expect(one.status == 0, "\(one.err)")
        let two = try GRPOBinary.run(["train", recipe, "--out", parallel.path, "--threads", "1"],
                                     launcher: Self.mpirun, environment: Self.environment)
        #expect(two.status == 0, "\(two.err)")
        // Each rank samples its share of a step's 3 prompts (2 and 1) with the same per-prompt seeds, so
        // both runs see the same completions and rewards, logged by rank 0 alone.
        let e1 = try metrics(single), e2 = try metrics(parallel)
        // Evaluation before the first step sees the same weights on both: its greedy figures (5 held-out
        // prompts, shared 2 and 3) agree exactly; after the last step it ran on every rank's slice too.
        let evalKeys = ["eval/pass@1", "eval/reward", "eval/completions/mean_length"]
        #expect(e1.first?["step"] == 0 && e2.first?["step"] == 0)
        for key in evalKeys { #expect(e1.first?[key] != nil && e1.first?[key] == e2.first?[key], "\(key)") }
        #expect(e2.last?["eval/pass@1"] != nil)
        let m1 = e1.filter { $0["loss"] != nil }, m2 = e2.filter { $0["loss"] != nil }
        #expect(m1.count == 2 && m2.count == 2)
        for (a, b) in zip(m1, m2) {
            #expect(a["reward"] == b["reward"] && a["num_tokens"] == b["num_tokens"])
            // Loss and gradient norm are sums over ranks of the same terms in another order: float32 rounding.
            for key in ["loss", "grad_norm"] { #expect(abs(a[key]! - b[key]!) <= 1e-5 * max(1, abs(a[key]!)), "\(key)") }
        }
        // Step 1 samples from the same weights on both: its rollout records agree to the bit (the log-probs
        // included); step 2 samples from weights that differ by float rounding, so only its rewards are compared.
        let first = try rollouts(single, step: 1)
        let again = try rollouts(parallel, step: 1)
        #expect(first.count == 12 && first == again)
        // The weights: each gradient element is the sum of the same per-row terms, grouped per rank before
        // the ranks' sums are added, so float32 rounding differs (~1e-7 relative); Adam passes that on. The
        // bound is 2% of the update, both as L2 norms over all weights: Adam's first steps move a weight by ±lr
        // whatever its gradient's size, so where rounding flips a near-zero gradient's sign the max gap is a whole
        // step (5% of the largest update on an AVX2 machine, 0.16% on AVX-512).
        let (gap, update) = try weightGap(base: Self.root.appendingPathComponent("experiments/r1-zero-arithmetic/base"),
                                          single.appendingPathComponent("final"), parallel.appendingPathComponent("final"))
        #expect(update > 1e-5, "the run must move the weights for the comparison to mean anything")
        #expect(gap <= 0.02 * update, "‖Δw‖ \(gap) against ‖update‖ \(update)")
        #expect(FileManager.default.fileExists(atPath: parallel.appendingPathComponent("checkpoints").path))
    }

    /// One step's rollout records as `grpo logs show --json` prints them, one line each.
    func rollouts(_ run: URL, step: Int) throws -> [Substring] {
        try GRPOBinary.run(["logs", "show", run.path, "--step", "\(step)", "--json"]).out.split(separator: "\n")
    }

    @Test(.enabled(if: available, "mpirun not found: scripts/setup.sh installs openmpi-bin"))
    func aFailingRankEndsTheJobNamingItselfAndLeavesTheRunAlone() throws {
        let (dir, recipe) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let run = dir.appendingPathComponent("run")
        #expect(try GRPOBinary.run(["train", recipe, "--out", run.path, "--threads", "1", "--set", "max_steps=1",
                                    "--set", "save_steps=1"]).status == 0)
        let before = try FileManager.default.contentsOfDirectory(atPath: run.path).sorted()
        let metrics = try Data(contentsOf: run.appendingPathComponent("metrics.jsonl"))
        // Only rank 0 claims the run directory, so only it fails; rank 1 would wait in the first collective.
        let started = Date()
        let r = try GRPOBinary.run(["train", recipe, "--out", run.path, "--threads", "1"], launcher: Self.mpirun,
                                   environment: Self.environment)
        #expect(r.status != 0)
        #expect(r.err.contains("rank 0 of 2: ") && r.err.contains("already holds a run"), "\(r.err)")
        #expect(Date().timeIntervalSince(started) < 60, "the other rank must not hang")
        #expect(try FileManager.default.contentsOfDirectory(atPath: run.path).sorted() == before)
        #expect(try Data(contentsOf: run.appendingPathComponent("metrics.jsonl")) == metrics)
    }

    @Test(.enabled(if: available, "mpirun not found: scripts/setup.sh installs openmpi-bin"))
    func aResumedTwoRankRunEqualsAStraightOne() throws {
        let (dir, recipe) = try scratch()
        defer { try? FileManager.default.removeItem(at: dir) }
        let straight = dir.appendingPathComponent("straight"), resumed = dir.appendingPathComponent("resumed")
        func train(_ run: URL, _ extra: [String]) throws {
            let r = try GRPOBinary.run(["train", recipe, "--out", run.path, "--threads", "1", "--set", "save_steps=1"] + extra,
                                       launcher: Self.mpirun, environment: Self.environment)
            #expect(r.status == 0, "\(r.err)")
        }
        try train(straight, [])
        try train(resumed, ["--set", "max_steps=1"])
        try train(resumed, ["--resume", "--allow-recipe-change"])
        // Every rank reads the checkpoint rank 0 wrote, so the resumed job continues bit for bit.
        let a = try ModelDirectory.load(straight.appendingPathComponent("final"))
        let b = try ModelDirectory.load(resumed.appendingPathComponent("final"))
        #expect(zip(a.parameterList, b.parameterList).allSatisfy { $0.toArray() == $1.toArray() })
    }

    @Test(.enabled(if: available, "mpirun not found: scripts/setup.sh installs openmpi-bin"))
    func twoRankEvaluationPrintsTheFiguresOfOneProcess() throws {
        let base = Self.root.appendingPathComponent("experiments/r1-zero-arithmetic/base").path
        let args = ["eval", "--model", base, "--task", "arithmetic", "--digits", "2", "--prompts", "20", "--n", "4",
                    "--k", "1,4", "--json", "--threads", "1"]
        let one = try GRPOBinary.run(args)
        let two = try GRPOBinary.run(args, launcher: Self.mpirun, environment: Self.environment)
        #expect(one.status == 0 && two.status == 0, "\(two.err)")
        // Samples are seeded per prompt, so sharding the prompts changes nothing; only rank 0 prints.
        #expect(one.out.contains("\"pass@1\"") && one.out == two.out, "\(one.out)\n\(two.out)")
    }

    /// The L2 norm of the weight difference between two trained models, and of the first one's update from `base`.
    func weightGap(base: URL, _ a: URL, _ b: URL) throws -> (gap: Float, update: Float) {
        let w0 = try ModelDirectory.load(base), w1 = try ModelDirectory.load(a), w2 = try ModelDirectory.load(b)
        var gap: Double = 0, update: Double = 0
        for ((p0, p1), p2) in zip(zip(w0.parameterList, w1.parameterList), w2.parameterList) {
            for i in 0..<p1.count {
                gap += Double(p1.data[i] - p2.data[i]) * Double(p1.data[i] - p2.data[i])
                update += Double(p1.data[i] - p0.data[i]) * Double(p1.data[i] - p0.data[i])
            }
        }
        return (Float(gap.squareRoot()), Float(update.squareRoot()))
    }

    @Test(.enabled(if: available, "mpirun not found: scripts/setup.sh installs openmpi-bin"))
    func twoRankSFTTrainsTheWeightsOneProcessTrains() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("mpi-sft-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        var lines: [String] = []
        for a in 10...40 { for b in [3, 17, 28] { lines.append(#"{"prompt": "\#(a)+\#(b)=", "completion": "\#(a + b)"}"#) } }
        let data = dir.appendingPathComponent("sums.jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: data, atomically: true, encoding: .utf8)
        let base = Self.root.appendingPathComponent("experiments/r1-zero-arithmetic/base")
        // Micro-batches of 5 split 2 and 3 between the ranks; the held-out set is split too.
        let recipe = dir.appendingPathComponent("sft.yaml")
        try """
            name: mpi-sft
            model: \(base.path)
            seed: 5
            dataset: {path: \(data.path), eval_fraction: 0.2}
            per_device_train_batch_size: 5
            gradient_accumulation_steps: 2
            learning_rate: 1.0e-3
            max_steps: 3
            eval_steps: 3
            """.write(to: recipe, atomically: true, encoding: .utf8)
        let single = dir.appendingPathComponent("single"), parallel = dir.appendingPathComponent("parallel")
        let one = try GRPOBinary.run(["sft", recipe.path, "--out", single.path, "--threads", "1"])
        #expect(one.status == 0, "\(one.err)")
        let two = try GRPOBinary.run(["sft", recipe.path, "--out", parallel.path, "--threads", "1"],
                                     launcher: Self.mpirun, environment: Self.environment)
        #expect(two.status == 0, "\(two.err)")
        #expect(two.out.components(separatedBy: "final model:").count == 2, "only rank 0 prints: \(two.out)")
        let m1 = try metrics(single), m2 = try metrics(parallel)
        #expect(m1.count == m2.count && m1.filter { $0["eval_loss"] != nil }.count == 2)
        for (a, b) in zip(m1, m2) {
            #expect(a["num_tokens"] == b["num_tokens"])
            for key in ["loss", "grad_norm", "eval_loss"] where a[key] != nil {
                #expect(abs(a[key]! - (b[key] ?? .nan)) <= 1e-5 * max(1, abs(a[key]!)), "step \(a["step"]!) \(key)")
            }
        }
        let (gap, update) = try weightGap(base: base, single.appendingPathComponent("final"), parallel.appendingPathComponent("final"))
        #expect(update > 1e-5 && gap <= 0.02 * update, "‖Δw‖ \(gap) against ‖update‖ \(update)")
    }

    @Test func aJobWithoutOpenMPIStopsNamingTheLibrary() throws {
        // As mpirun would start a rank, but with the library pointed at a file that is not there.
        let r = try GRPOBinary.run(["eval", "--model", "/nonexistent", "--task", "arithmetic"],
                                   environment: ["OMPI_COMM_WORLD_SIZE": "2", "GRPO_MPI_LIBRARY": "/nonexistent/libmpi.so.40"])
        #expect(r.status != 0)
        #expect(r.err.contains("/nonexistent/libmpi.so.40") && r.err.contains("cannot be loaded"), "\(r.err)")
    }

    @Test(.enabled(if: available, "mpirun not found: scripts/setup.sh installs openmpi-bin"))
    func singleProcessCommandsRefuseMpirun() throws {
        let r = try GRPOBinary.run(["pretrain", "/nonexistent.yaml"], launcher: Self.mpirun, environment: Self.environment)
        #expect(r.status != 0 && r.err.contains("grpo pretrain runs in one process"), "\(r.err)")
    }
}
