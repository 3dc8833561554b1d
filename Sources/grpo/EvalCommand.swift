// `grpo eval`: pass@1, pass@k, maj@k, format rate and completion length of a model directory on a task's
// held-out split, as a table or as one JSON object on the last line.
import ArgumentParser
import Cluster
import Foundation
import Generation
import Models
import Tasks
import Tokenizers
import Training

struct Evaluate: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "eval",
        abstract: "Evaluate a model on a task's held-out split: pass@1, pass@k, maj@k, format rate, length.",
        discussion: """
            pass@1 is the mean correctness over the n samples per prompt, pass@k the unbiased estimate \
            1 - C(n-c,k)/C(n,k), maj@k the accuracy of the majority answer of the first k samples. Every \
            model meets the same sampling seeds. Under `mpirun -np N` each rank samples its share of the prompts \
            (the same seeds, so the same figures) and rank 0 prints. See docs/eval.md.
            """)
    @OptionGroup var compute: ComputeOptions
    @Option(help: "Model directory (weights, config.json, tokenizer.json).") var model: String
    @Option(help: "Task: arithmetic, countdown, or gsm8k (with --data).") var task = "arithmetic"
    @Option(help: "Split: test (held out) or train.") var split = "test"
    @Option(help: "JSONL file in the GSM8K layout (task gsm8k).") var data: String?
    @Option(help: "Prompts to evaluate (default: the whole split; arithmetic's and countdown's test splits hold at most 500).")
    var prompts: Int?
    @OptionGroup var knobs: TaskOptions
    @Option(help: "Samples per prompt.") var n = 8
    @Option(help: "The k of pass@k and maj@k, comma separated.") var k = "1,8"
    @Option(help: "Sampling temperature (0 = greedy).") var temperature: Float = 1
    @Option(help: "Longest completion in tokens.") var maxNewTokens = 128
    @Option(help: "Sampling seed.") var seed: UInt64 = 0
    @Flag(help: "Print one JSON object as the last line.") var json = false

    func run() throws {
        let processes = try ProcessGroup.world()
        guard processes.isDistributed else { return try evaluate(processes: processes) }
        do { try evaluate(processes: processes) } catch { processes.abort("\(error)") }
    }

    func evaluate(processes: ProcessGroup) throws {
        compute.apply()
        guard let split = TaskSplit(rawValue: split) else { throw ValidationError("--split: expected test or train (got \(split))") }
        let ks = try k.split(separator: ",").map {
            guard let v = Int($0.trimmingCharacters(in: .whitespaces)), v >= 1 else {
                throw ValidationError("--k: \"\($0)\" is not a positive integer")
            }
            return v
        }
        if let big = ks.first(where: { $0 > n }) { throw ValidationError("--k: \(big) is more than --n \(n)") }
        let source = try taskSource(split: split)
        let transformer = try ModelDirectory.load(URL(fileURLWithPath: model))
        transformer.training = false
        let tokenizer = try BPETokenizer(path: URL(fileURLWithPath: model).appendingPathComponent("tokenizer.json").path)
        let examples = (0..<min(prompts ?? source.count, source.count)).map(source.example(at:))
        let ids = examples.map { tokenizer.encode($0.prompt, addSpecialTokens: true).map(Int32.init) }
        let params = SamplingParams(temperature: temperature, maxNewTokens: maxNewTokens,
                                    stopTokenIds: transformer.config.eosTokenIds.map(Int32.init), stopStrings: ["</answer>"])
        let engine = GenerationEngine(model: transformer, decoder: TokenizerTextDecoder(tokenizer: tokenizer))
        let evaluation = try HeldOutEvaluation(correctness: HeldOutEvaluation.correctness(task: task), ks: ks)
        let requests = HeldOutEvaluation.requests(ids, n: n, params: params, seed: seed)
        let share = processes.share(of: requests.count)
        let mine = try engine.generate(Array(requests[share])).map {
            var c = $0
            c.promptIndex += share.lowerBound
            return c
        }
        let completions = try processes.allGather(mine)
        guard processes.rank == 0 else { return }
        let summary = try evaluation.summarize(examples, completions: completions)
        print(table(summary))
        if json { print(try jsonLine(summary, ks: ks)) }
    }

    func taskSource(split: TaskSplit) throws -> any PromptSource {
        let base = try fixedTemplateSource(split: split)
        guard knobs.usesModelTemplate else { return base }
        return try ChatTemplatedSource(base: base, template: TokenizerConfig.chatTemplate(directory: model),
                                       systemPrompt: knobs.systemPrompt,
                                       tokenizer: BPETokenizer(path: URL(fileURLWithPath: model).appendingPathComponent("tokenizer.json").path))
    }

    private func fixedTemplateSource(split: TaskSplit) throws -> any PromptSource {
        if let source = try knobs.builtin(task, split: split, count: split == .test ? nil : prompts ?? 500, seed: seed) {
            return source
        }
        guard task == "gsm8k" else { throw ValidationError("--task: unknown task \"\(task)\" (arithmetic, countdown, gsm8k)") }
        guard let data else { throw ValidationError("--data: task gsm8k needs a JSONL file in the GSM8K layout") }
        return try JSONLDataset(path: data, mapping: FieldMapping.preset("gsm8k")!, template: try knobs.promptTemplate())
    }

    func table(_ s: EvalSummary) -> String {
        var rows = ["model \(model)  task \(task)  split \(split)  prompts \(s.prompts) × \(s.samplesPerPrompt) samples"]
        for k in s.passAt.keys.sorted() { rows.append(String(format: "  pass@%-3d %6.1f%%", k, 100 * s.passAt[k]!)) }
        for k in s.majAt.keys.sorted() where k > 1 { rows.append(String(format: "  maj@%-4d %6.1f%%", k, 100 * s.majAt[k]!)) }
        rows.append(String(format: "  format   %6.1f%%", 100 * s.formatRate))
        rows.append(String(format: "  length   %6.1f tokens (%.1f%% cut at the limit)", s.meanCompletionTokens, 100 * s.clippedRatio))
        return rows.joined(separator: "\n")
    }

    func jsonLine(_ s: EvalSummary, ks: [Int]) throws -> String {
        var object: [String: Any] = ["model": model, "task": task, "split": split, "prompts": s.prompts,
                                     "samples_per_prompt": s.samplesPerPrompt, "format_rate": s.formatRate,
                                     "mean_completion_tokens": s.meanCompletionTokens]
        for k in ks {
            object["pass@\(k)"] = s.passAt[k]
            if k > 1 { object["maj@\(k)"] = s.majAt[k] }
        }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
