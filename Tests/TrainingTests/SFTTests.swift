// `grpo sft` as a user runs it, through the real binary on the tiny model and real JSONL files: the
// held-out loss falls, final/ is a model directory `grpo sample` takes, resume is bit-identical, LoRA is
// merged into final/, held-out prompts never appear in training, and bad lines name the file and line.
// The loss masks of the three layouts are checked token by token.
import Autograd
import Foundation
import Rewards
import Tasks
import Testing
import TestSupport
import Tokenizers
import Training

@Suite(.serialized) struct SFTTests {
    static let directory = FileManager.default.temporaryDirectory.appendingPathComponent("sft-\(UUID().uuidString)")

    func write(_ name: String, _ text: String) throws -> String { try writeScratchFile(name, text, in: Self.directory) }

    /// Every one-digit sum `a+b=` with its answer, as prompt/completion lines.
    func sums() throws -> String {
        var lines: [String] = []
        for a in 0...9 { for b in 0...9 { lines.append(#"{"prompt": "\#(a)+\#(b)=", "completion": "\#(a + b)"}"#) } }
        return try write("sums.jsonl", lines.joined(separator: "\n") + "\n")
    }

    func recipe(_ name: String, _ extra: String = "") throws -> String {
        try write("\(name).yaml", """
            name: \(name)
            model: tiny
            seed: 3
            dataset: {path: \(try sums()), eval_fraction: 0.2}
            per_device_train_batch_size: 16
            learning_rate: 3.0e-3
            max_steps: 40
            eval_steps: 20
            \(extra)
            """)
    }

    func metrics(_ run: String) throws -> [[String: Double]] {
        try String(contentsOfFile: run + "/metrics.jsonl", encoding: .utf8).split(separator: "\n").map {
            (try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any]).compactMapValues { $0 as? Double }
        }
    }

    @Test func sftLowersTheHeldOutLossAndWritesAModelDirectory() throws {
        let run = Self.directory.appendingPathComponent("sums").path
        let r = try GRPOBinary.run(["sft", try recipe("sums"), "--out", run, "--threads", "2"])
        #expect(r.status == 0, "\(r.err)")
        #expect(r.out.contains("held out") && r.out.contains("final model:"), "\(r.out)")
        let rows = try metrics(run)
        let evals = rows.filter { $0["eval_loss"] != nil }
        #expect(evals.map { Int($0["step"]!) } == [0, 20, 40])
        let first = evals.first!["eval_loss"]!, last = evals.last!["eval_loss"]!
        #expect(last < 0.6 * first, "held-out loss \(first) → \(last)")
        #expect(rows.filter { $0["loss"] != nil }.count == 40)
        for file in ["config.json", "tokenizer.json", "model.safetensors"] {
            #expect(FileManager.default.fileExists(atPath: "\(run)/final/\(file)"), "final/\(file) missing")
        }
        #expect(FileManager.default.fileExists(atPath: run + "/report.html"))
        #expect(!FileManager.default.fileExists(atPath: run + "/rollouts.zst"), "sft samples nothing")
        let sample = try GRPOBinary.run(["sample", "--model", run + "/final", "--prompt", "3+4=", "--temperature", "0",
                                         "--max-new-tokens", "4", "--threads", "1"])
        #expect(sample.status == 0, "\(sample.err)")
        let resolved = try String(contentsOfFile: run + "/config.resolved.yaml", encoding: .utf8)
        #expect(resolved.contains("init: \"tiny\"") && resolved.contains("threads: 2") && resolved.contains("max_steps: 40"))
    }

    @Test func resumeIsBitIdentical() throws {
        let straight = Self.directory.appendingPathComponent("straight").path
        let split = Self.directory.appendingPathComponent("split").path
        let recipe = try recipe("resume", "lr_scheduler_type: constant\nsave_steps: 5\nlora: {r: 4, dropout: 0.1}")
        #expect(try GRPOBinary.run(["sft", recipe, "--out", straight, "--set", "max_steps=10"]).status == 0)
        #expect(try GRPOBinary.run(["sft", recipe, "--out", split, "--set", "max_steps=5"]).status == 0)
        let resumed = try GRPOBinary.run(["sft", recipe, "--out", split, "--set", "max_steps=10", "--resume"])
        #expect(resumed.status == 0, "\(resumed.err)")
        let a = try Data(contentsOf: URL(fileURLWithPath: straight + "/final/model.safetensors"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: split + "/final/model.safetensors")) == a)
        // LoRA is merged into final/, and the adapters are kept beside it.
        #expect(FileManager.default.fileExists(atPath: straight + "/final/adapter/adapter_model.safetensors"))
        let changed = try GRPOBinary.run(["sft", recipe, "--out", split, "--set", "learning_rate=0.1", "--resume"])
        #expect(changed.status != 0 && changed.err.contains("learning_rate"), "\(changed.err)")
        let again = try GRPOBinary.run(["sft", recipe, "--out", split])
        #expect(again.status != 0 && again.err.contains("already holds a run"), "\(again.err)")
    }

    @Test func theHeldOutPartNeverSharesAPromptWithTraining() throws {
        let config = try SFTConfig.load(path: try recipe("split"))
        let trainer = try SFTTrainer(config: config, runDirectory: Self.directory.appendingPathComponent("split-check"))
        #expect(!trainer.heldOut.isEmpty && trainer.train.count + trainer.heldOut.count == 100)
        #expect(Set(trainer.train.map(\.prompt)).isDisjoint(with: trainer.heldOut.map(\.prompt)))
        let eval = try write("eval.jsonl", #"{"prompt": "9+9=", "completion": "18"}"# + "\n" + #"{"prompt": "3+4=", "completion": "7"}"#)
        let r = try GRPOBinary.run(["sft", try recipe("shared"), "--set", "dataset.eval_fraction=0", "--set", "dataset.eval_path=\(eval)",
                                    "--out", Self.directory.appendingPathComponent("shared").path])
        #expect(r.status != 0 && r.err.contains("eval.jsonl: line 1 has the prompt of") && r.err.contains("sums.jsonl line 100"), "\(r.err)")
    }

    @Test func badInputNamesTheFileAndLine() throws {
        func sft(_ data: String, _ extra: [String] = []) throws -> String {
            let path = try write("bad.jsonl", data)
            let r = try GRPOBinary.run(["sft", try recipe("bad"), "--set", "dataset.path=\(path)", "--force",
                                        "--out", Self.directory.appendingPathComponent("bad").path] + extra)
            #expect(r.status != 0)
            return r.err
        }
        let ok = #"{"prompt": "1+1=", "completion": "2"}"#
        #expect(try sft("\(ok)\n\(ok)\n{oops\n").contains("bad.jsonl: line 3: not a JSON object"))
        #expect(try sft(#"{"prompt": "1+1="}"#).contains("line 1: prompt and completion must both be strings"))
        #expect(try sft(#"{"messages": [{"role": "bot", "content": "hi"}]}"#).contains("messages[0].role must be system, user or assistant"))
        #expect(try sft(#"{"messages": [{"role": "user", "content": "hi"}]}"#).contains("no assistant turn"))
        #expect(try sft(#"{"question": "1+1"}"#).contains("expected prompt and completion, messages, or text"))
        #expect(try sft(ok, ["--set", "learning_rat=1"]).contains("learning_rat: unknown key (did you mean learning_rate?)"))
        #expect(try sft(ok, ["--set", "max_length=100000"]).contains("max_position_embeddings"))
    }

    @Test func coldStartTracesAreRightComeFromTrainingAndFeedSFT() throws {
        let out = Self.directory.appendingPathComponent("cold.jsonl").path
        let r = try GRPOBinary.run(["data", "cold-start", "--task", "arithmetic", "--n", "60", "--out", out])
        #expect(r.status == 0 && r.out.contains("wrote 60 arithmetic traces"), "\(r.err)")
        let lines = try String(contentsOfFile: out, encoding: .utf8).split(separator: "\n")
        #expect(lines.count == 60)
        let test = try ArithmeticTask(digits: 2, operands: 2, operations: "+", split: .test, template: .r1ZeroShort)
        let held = Set((0..<test.count).map { test.example(at: $0).prompt })
        let checker = MathAnswerReward()
        for line in lines {
            let t = try JSONSerialization.jsonObject(with: Data(line.utf8)) as! [String: Any]
            let prompt = t["prompt"] as! String, completion = t["completion"] as! String
            #expect(!held.contains(prompt), "a test question: \(prompt)")
            let item = RewardItem(prompt: prompt, completion: completion, fields: ["answer": .string(t["answer"] as! String)])
            #expect(checker.scoreItem(item).score == 1, "\(completion)")
            #expect(completion.contains("</think> <answer>"))
        }
        let sft = try GRPOBinary.run(["sft", try recipe("cold"), "--set", "dataset.path=\(out)", "--set", "max_steps=2",
                                      "--out", Self.directory.appendingPathComponent("cold").path])
        #expect(sft.status == 0, "\(sft.err)")
        let bad = try GRPOBinary.run(["data", "cold-start", "--task", "gsm8k", "--out", out])
        #expect(bad.status != 0 && bad.err.contains("arithmetic or countdown"), "\(bad.err)")
    }

    @Test func theHeldOutLossIsTheCompletionsNLL() throws {
        // Two held-out pairs; the loss must be the mean NLL of completion tokens (and EOS) only, computed
        // here independently from the trainer's log-probs; with completion_only_loss false, of every token.
        let eval = try write("nll-eval.jsonl", #"{"prompt": "12+30=", "completion": "42"}"# + "\n" + #"{"prompt": "7+1=", "completion": "8"}"#)
        let train = try write("nll-train.jsonl", #"{"prompt": "1+1=", "completion": "2"}"#)
        for completionOnly in [true, false] {
            var config = try SFTConfig.load(path: try recipe("nll"), overrides: ["dataset.path=\(train)", "dataset.eval_fraction=0",
                                                                                  "dataset.eval_path=\(eval)"])
            config.completionOnlyLoss = completionOnly
            let trainer = try SFTTrainer(config: config, runDirectory: Self.directory.appendingPathComponent("nll-\(completionOnly)"))
            let tokenizer = CharTokenizer(), eos = Int32(tokenizer.id(of: "<|endoftext|>")!)
            var total = 0.0, count = 0.0
            for (p, c) in [("12+30=", "42"), ("7+1=", "8")] {
                let prompt = tokenizer.encode(p, addSpecialTokens: true).map(Int32.init)
                let completion = tokenizer.encode(c, addSpecialTokens: false).map(Int32.init) + [eos]
                let (context, targets) = completionOnly ? (prompt, completion) : ([prompt[0]], Array(prompt.dropFirst()) + completion)
                let (logps, _) = try CompletionLogProbs.compute(model: trainer.model, prompts: [context], completions: [targets])
                total -= logps.toArray().reduce(0) { $0 + Double($1) }
                count += Double(targets.count)
            }
            #expect(abs(try trainer.heldOutLoss() - total / count) < 1e-5, "completion_only_loss \(completionOnly)")
        }
    }

    @Test func theTrainingGradientIsTheFiniteDifferenceOfTheCompletionLoss() throws {
        // The gradient one SFT step applies (read off the update: with Adam's epsilon far above |g| the first
        // update is lr/epsilon · g) against central differences of a loss computed here from the logits:
        // the mean NLL of the completion's tokens, or with completion_only_loss false of every token after
        // the first. A mask that let one prompt token through (or dropped one completion token) fails.
        let data = try write("fd.jsonl", #"{"prompt": "12+30=", "completion": "42"}"# + "\n")
        let tokenizer = CharTokenizer()
        let promptLength = tokenizer.encode("12+30=", addSpecialTokens: true).count
        var worst: [Bool: [Bool: Double]] = [:]
        for completionOnly in [true, false] {
            var config = try SFTConfig.load(path: try recipe("fd-\(completionOnly)"), overrides: [
                "dataset.path=\(data)", "dataset.eval_fraction=0", "per_device_train_batch_size=1", "max_steps=1",
                "learning_rate=1000", "adam_epsilon=1000", "max_grad_norm=0", "eval_steps=0"])
            config.completionOnlyLoss = completionOnly
            let trainer = try SFTTrainer(config: config, runDirectory: Self.directory.appendingPathComponent("fd-\(completionOnly)"))
            let model = trainer.model, ids = trainer.train[0].ids
            /// Mean NLL of the tokens from `first` on, in Double from the model's logits.
            func loss(from first: Int) throws -> Double {
                let logits = try noGrad { try model.forward(ids: ids, batch: 1) }.toArray()
                let vocab = logits.count / ids.count
                var total = 0.0
                for t in first..<ids.count {
                    let row = logits[(t - 1) * vocab..<t * vocab].map(Double.init)
                    let top = row.max()!
                    total -= row[Int(ids[t])] - top - log(row.reduce(0) { $0 + exp($1 - top) })
                }
                return total / Double(ids.count - first)
            }
            model.training = false
            let checked = [model.parameterList[0], model.parameterList[model.parameterList.count / 2]]
            var rng = RNG(seed: 11)
            let picks = checked.map { p in (0..<24).map { _ in rng.nextInt(below: p.count) } }
            var numeric: [Bool: [[Double]]] = [:]
            for trainsPrompt in [false, true] {
                numeric[trainsPrompt] = try zip(checked, picks).map { p, indices in
                    try indices.map { i in
                        let saved = p.data[i], eps: Float = 1e-2
                        p.data[i] = saved + eps
                        let plus = try loss(from: trainsPrompt ? 1 : promptLength)
                        p.data[i] = saved - eps
                        let minus = try loss(from: trainsPrompt ? 1 : promptLength)
                        p.data[i] = saved
                        return (plus - minus) / (2 * Double(eps))
                    }
                }
            }
            let before = checked.map { $0.toArray() }
            try trainer.run()
            let analytic = zip(zip(checked, before), picks).map { pair, indices in
                indices.map { Double(pair.1[$0] - pair.0.data[$0]) }
            }
            for trainsPrompt in [false, true] {
                let ratios = zip(analytic.joined(), numeric[trainsPrompt]!.joined()).map { a, n in abs(a - n) / (2e-3 + 2e-2 * abs(n)) }
                worst[completionOnly, default: [:]][trainsPrompt] = ratios.max()!
            }
        }
        // Each loss matches its own finite differences and not the other one's.
        #expect(worst[true]![false]! <= 1 && worst[false]![true]! <= 1, "\(worst)")
        #expect(worst[true]![true]! > 1 && worst[false]![false]! > 1, "\(worst)")
    }

    @Test func packedTrainingEqualsUnpackedTraining() throws {
        // One step on the same 16 examples, packed into rows of 64 tokens or one example per row. With
        // Adam's epsilon far above |g| the update is lr · g, so the two gradients are compared directly.
        var updates: [[[Float]]] = [], losses: [Double] = []
        for packing in [false, true] {
            var config = try SFTConfig.load(path: try recipe("pack-\(packing)"))
            config.packing = packing
            config.maxSteps = 1
            config.maxLength = 64
            config.learningRate = 1
            config.adamEpsilon = 1
            config.maxGradNorm = 0
            let trainer = try SFTTrainer(config: config, runDirectory: Self.directory.appendingPathComponent("pack-\(packing)"))
            let before = trainer.model.parameterList.map { $0.toArray() }
            try trainer.run { if $0.step == 1 { losses.append($0.metrics["loss"]!) } }
            updates.append(zip(trainer.model.parameterList, before).map { t, b in zip(t.toArray(), b).map { $0 - $1 } })
        }
        let largest = updates[0].flatMap { $0 }.map(abs).max()!
        let gap = zip(updates[0].flatMap { $0 }, updates[1].flatMap { $0 }).map { abs($0 - $1) }.max()!
        #expect(largest > 1e-3 && gap <= 1e-4 * largest, "packed update differs by \(gap) of \(largest)")
        #expect(abs(losses[0] - losses[1]) < 1e-5, "loss \(losses)")
    }

    @Test func recipeMistakesNameTheFileAndKey() throws {
        let cases: [([String], String)] = [
            (["per_device_train_batch_size=0"], "per_device_train_batch_size: must be at least 1"),
            (["dataset.eval_fraction=1.5"], "dataset.eval_fraction: must be in [0, 1)"),
            (["dataset.eval_path=e.jsonl"], "dataset.eval_fraction: holds out part of path"),
            (["lora={r: 4, target_modules: [q_prj]}"], "lora.target_modules: q_prj is not one of"),
            (["lora={r: 4, dropout: 1}"], "lora.dropout: must be in [0, 1)"),
            (["lr_scheduler_type=step"], "lr_scheduler_type: \"step\" is not one of"),
            (["model=nowhere"], "model: nowhere is neither a built-in shape"),
            (["max_steps=0", "num_train_epochs=0"], "num_train_epochs: must be positive"),
            (["packing=maybe"], "packing: expected true or false"),
            (["max_grad_norm=-1"], "max_grad_norm: must be ≥ 0"),
        ]
        let path = try recipe("mistakes")
        for (overrides, expected) in cases {
            #expect(throws: ConfigError.self) { try SFTConfig.load(path: path, overrides: overrides) }
            do { _ = try SFTConfig.load(path: path, overrides: overrides) } catch {
                #expect("\(error)".contains(expected) && "\(error)".contains("mistakes.yaml"), "\(overrides) → \(error)")
            }
        }
        let noData = try write("nodata.yaml", "name: x\nmodel: tiny\n")
        #expect(throws: ConfigError("\(noData): dataset: is required: {path: train.jsonl}")) { try SFTConfig.load(path: noData) }
    }

    @Test func lossMasksCoverTheCompletionOnly() throws {
        let tokenizer = CharTokenizer()
        let eos = Int32(tokenizer.id(of: "<|endoftext|>")!)
        let path = try write("layouts.jsonl", [
            #"{"prompt": "ab", "completion": "cd"}"#,
            #"{"messages": [{"role": "user", "content": "q"}, {"role": "assistant", "content": "x"}, {"role": "user", "content": "r"}, {"role": "assistant", "content": "y"}]}"#,
            #"{"text": "hello"}"#,
        ].joined(separator: "\n"))
        let examples = try SFTDataset.load(path: path, tokenizer: tokenizer, eos: eos, maxLength: 512).examples
        func trained(_ e: SFTExample) -> String {
            tokenizer.decode(zip(e.ids, e.lossMask).filter { $0.1 == 1 }.map { Int($0.0) }, skipSpecialTokens: false)
        }
        #expect(trained(examples[0]) == "cd<|endoftext|>")
        #expect(trained(examples[1]) == "x<|im_end|>y<|im_end|><|endoftext|>")
        #expect(examples[1].prompt == "<|im_start|>user\nq<|im_end|>\n<|im_start|>assistant\n")
        #expect(trained(examples[2]) == "ello<|endoftext|>")
        let all = try SFTDataset.load(path: path, tokenizer: tokenizer, eos: eos, completionOnlyLoss: false, maxLength: 512).examples
        #expect(all[0].lossMask == [0] + Array(repeating: 1, count: all[0].ids.count - 1))
        let cut = try SFTDataset.load(path: path, tokenizer: tokenizer, eos: eos, maxLength: 3)
        #expect(cut.truncated == 3 && cut.examples.count == 2, "the pair keeps one trained token, the chat none")
    }
}
