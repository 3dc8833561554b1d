// `grpo distill`: rejection sampling from a teacher, the data step of DeepSeek-R1's distilled models. The
// teacher samples num_generations traces for each training prompt; every trace is scored by the recipe's
// rewards (a task's defaults when it names none) and kept only if each reward that applies reaches
// min_reward; duplicates (same text up to whitespace) are dropped and at most max_per_prompt kept per
// prompt. Every sample goes into the rollout log, the kept ones into traces.jsonl with their provenance.
import Autograd
import Foundation
import Generation
import Models
import Rewards
import Tasks
import Tokenizers

/// A distillation recipe: the teacher, the prompts and rewards (GRPO recipe keys), and the filter.
public struct DistillConfig: Sendable {
    /// Dataset, rewards, sampling knobs, seed and name, read under the GRPO recipe's keys; `model` is the teacher.
    public var grpo: GRPOConfig
    /// Traces sampled per prompt (K; one is allowed here, unlike GRPO's groups).
    public var samplesPerPrompt = 8
    /// Training prompts to sample (the first ones of the train split); nil: all of a file, 500 of a built-in task.
    public var prompts: Int?
    /// The score each reward that applies must reach for a trace to be kept.
    public var minReward = 1.0
    public var maxPerPrompt = 1
    /// Fewer kept traces than this stops the command with an error (the traces are still written).
    public var minExamples = 1
    /// An SFT recipe to fine-tune the student on the kept traces (its dataset.path is set to them).
    public var sft: String?

    /// The GRPO keys a distillation shares (a section's name stands for all its keys).
    static let sharedKeys: Set = ["name", "seed", "threads", "tokenizer", "dataset", "reward_funcs", "reward_weights",
                                  "reward_options", "reward_timeout", "max_prompt_length", "max_completion_length",
                                  "temperature", "top_p", "top_k", "min_p", "repetition_penalty", "stop"]

    /// Every key a recipe may hold, in the order config.resolved.yaml and docs/distill.md list them.
    public static let keys: [RecipeKey<DistillConfig>] = {
        typealias K = RecipeKey<DistillConfig>
        let own = "Teacher and filter"
        let shared = GRPOConfig.keys.filter { sharedKeys.contains($0.section.isEmpty ? $0.name : $0.section) }
        return [
            K("teacher", own, "the model directory that samples the traces (required)", default: "—", read: { root, r, key in
                guard let teacher = try r.optionalString(key) else { throw r.fail(key, "is required: a model directory") }
                root.grpo.data.model = GRPOConfig.resolveModelPath(teacher, recipe: r.file)
            }, write: { yamlQuoted(GRPOTrainer.initPath($0.grpo.data.model)) }),
            .int("num_generations", own, \.samplesPerPrompt, "traces sampled per prompt (K; 1 is allowed)"),
            .optionalInt("prompts", own, \.prompts, "training prompts to sample, the first ones of the train split",
                         default: "all of a file, 500 of a built-in task"),
            .double("min_reward", own, \.minReward, "the score each reward that applies must reach for a trace to be kept"),
            .int("max_per_prompt", own, \.maxPerPrompt, "kept traces per prompt at most (after whitespace deduplication)"),
            .int("min_examples", own, \.minExamples, "fewer kept traces stop the command with an error (they are still written)"),
            K("sft", own, "an SFT recipe (`docs/sft.md`) to fine-tune the student on the kept traces in the same command; its "
                + "`dataset.path` is set to them", default: "none", read: { root, r, key in
                root.sft = try r.optionalString(key).map { GRPOConfig.resolveModelPath($0, recipe: r.file) }
            }, write: { $0.sft.map(yamlQuoted) ?? "null" }),
        ] + shared.map { $0.lifted(\.grpo) }
    }()

    /// Keys a recipe may hold, by section ("" for the top level).
    public static var sections: [String: [String]] { RecipeKeys.sections(keys) }

    /// The key tables of docs/distill.md, made from `keys`.
    public static var keyTables: String { RecipeKeys.markdown(keys, defaults: DistillConfig(grpo: GRPOConfig())) }

    /// Reads a YAML recipe and applies `key=value` overrides.
    public static func load(path: String, overrides: [String] = []) throws -> DistillConfig {
        let values = try RecipeFile.values(path: path, overrides: overrides)
        var config = DistillConfig(grpo: GRPOConfig())
        try RecipeKeys.read(keys, into: &config, file: path, values: values)
        try config.grpo.validate(file: path)
        try config.grpo.checkRewardOptions(file: path)
        let r = ConfigReader(file: path, values: values)
        if config.samplesPerPrompt < 1 { throw r.fail("num_generations", "must be at least 1 (got \(config.samplesPerPrompt))") }
        if let p = config.prompts, p < 1 { throw r.fail("prompts", "must be at least 1 (got \(p))") }
        if config.maxPerPrompt < 1 { throw r.fail("max_per_prompt", "must be at least 1 (got \(config.maxPerPrompt))") }
        if config.minExamples < 1 { throw r.fail("min_examples", "must be at least 1 (got \(config.minExamples))") }
        if let sft = config.sft, !FileManager.default.fileExists(atPath: sft) { throw r.fail("sft", "\(sft): no such recipe") }
        return config
    }

    /// Every setting as YAML (config.resolved.yaml); `threads` is the count the run used.
    public func resolvedYAML(threads resolvedThreads: Int) -> String {
        var resolved = self
        resolved.grpo.run.threads = resolvedThreads
        return RecipeKeys.yaml(Self.keys, resolved)
    }
}

/// What a distillation kept.
public struct DistillSummary: Sendable {
    /// Accepted traces are either kept, duplicates of a kept one, or past the per-prompt cap.
    public var prompts = 0, samples = 0, accepted = 0, duplicates = 0, capped = 0, kept = 0, promptsKept = 0
}

/// Samples a teacher and keeps the traces the rewards accept.
public enum Distiller {
    /// Writes `traces.jsonl`, `rollouts.zst` and `distill.json` under `runDirectory`; `progress` gets
    /// (prompts done, prompts, traces kept). Throws after writing if fewer than `min_examples` survive.
    public static func run(_ config: DistillConfig, runDirectory: URL, force: Bool = false,
                           progress: (Int, Int, Int) -> Void = { _, _, _ in }) async throws -> DistillSummary {
        let s = config.grpo
        let started = Date()
        let earlier = try RunDirectory.claim(runDirectory, resume: false, force: force)
        if !FileManager.default.fileExists(atPath: s.data.model + "/config.json") {
            throw ConfigError("teacher: \(s.data.model) is not a model directory (no config.json)")
        }
        Runtime.configure(threads: s.run.threads)
        let tokenizer = try RunSetup.tokenizer(model: s.data.model, tokenizer: s.data.tokenizer)
        let teacher = try RunSetup.model(s.data.model, seed: s.run.seed, tokenizer: tokenizer)
        teacher.training = false
        let source = try RunSetup.source(s)
        let rewards = try RunSetup.rewards(s, source: source, custom: [:])
        try RunSetup.checkLengths(s, model: teacher, tokenizer: tokenizer, sources: [source])
        try RunDirectory.clear(runDirectory, earlier)
        let log = try RunOutput(run: runDirectory, resumedAt: nil)
        let engine = GenerationEngine(model: teacher, decoder: TokenizerTextDecoder(tokenizer: tokenizer))
        let scorer = StepScorer(rewards: rewards, timeout: s.rewards.timeout)
        let total = min(config.prompts ?? (s.data.isBuiltinTask ? 500 : source.count), source.count)
        var summary = DistillSummary(prompts: total)
        var lines: [String] = []
        let teacherPath = GRPOTrainer.initPath(s.data.model)
        for (batch, start) in stride(from: 0, to: total, by: 16).enumerated() {
            let indices = Array(start..<min(total, start + 16))
            let groups = try Group.sample(indices.map { ($0, source.example(at: $0)) }, firstCursor: start,
                                          n: config.samplesPerPrompt, config: s, tokenizer: tokenizer,
                                          eosTokenIds: teacher.config.eosTokenIds, generate: engine.generate)
            let scored = try await scorer.score(groups).groups
            try log.append(step: batch + 1, groups: scored, advantages: Array(repeating: 0, count: scored.count * config.samplesPerPrompt))
            for group in scored {
                let kept = keep(group, config: config, summary: &summary)
                summary.kept += kept.count
                summary.promptsKept += kept.isEmpty ? 0 : 1
                lines += try kept.map { try traceLine(group, sample: $0, teacher: teacherPath) }
            }
            summary.samples += scored.count * config.samplesPerPrompt
            progress(indices.last! + 1, total, summary.kept)
        }
        try AtomicFile.write(Data(lines.map { $0 + "\n" }.joined().utf8), to: runDirectory.appendingPathComponent("traces.jsonl"))
        let figures: [String: Any] = ["teacher": teacherPath, "prompts": summary.prompts, "samples": summary.samples,
                                      "accepted": summary.accepted, "duplicates": summary.duplicates, "capped": summary.capped, "kept": summary.kept,
                                      "prompts_kept": summary.promptsKept, "min_reward": config.minReward,
                                      "max_per_prompt": config.maxPerPrompt, "rewards": rewards.map(\.reward.name),
                                      "seconds": Date().timeIntervalSince(started)]
        try AtomicFile.write(try JSONSerialization.data(withJSONObject: figures, options: [.sortedKeys, .prettyPrinted]),
                             to: runDirectory.appendingPathComponent("distill.json"))
        try log.writeResolvedConfig(config.resolvedYAML(threads: Runtime.threads))
        if summary.kept < config.minExamples {
            throw ConfigError("distill: only \(summary.kept) traces passed the rewards (min_examples \(config.minExamples)); "
                + "raise prompts or num_generations, or lower min_reward. What was sampled is in \(runDirectory.path)/rollouts.zst")
        }
        return summary
    }

    /// The samples of `group` to keep: every applicable reward at least min_reward, new text, within the cap.
    static func keep(_ group: Group, config: DistillConfig, summary: inout DistillSummary) -> [Int] {
        var seen: Set<String> = [], kept: [Int] = []
        for s in group.completions.indices {
            let passes = group.components.values.allSatisfy { scores in scores[s].map { $0 >= config.minReward } ?? true }
            guard passes else { continue }
            summary.accepted += 1
            let key = group.completions[s].text.split(whereSeparator: \.isWhitespace).joined(separator: " ")
            guard seen.insert(key).inserted else { summary.duplicates += 1; continue }
            if kept.count < config.maxPerPrompt { kept.append(s) } else { summary.capped += 1 }
        }
        return kept
    }

    /// One traces.jsonl line: the prompt and completion SFT reads, and where the trace came from.
    static func traceLine(_ group: Group, sample s: Int, teacher: String) throws -> String {
        var rewards: [String: Double] = [:]
        for (name, scores) in group.components { if let v = scores[s] { rewards[name] = v } }
        let object: [String: Any] = ["prompt": group.example.prompt, "completion": group.completions[s].text,
                                     "teacher": teacher, "reward": group.rewards[s], "rewards": rewards,
                                     "prompt_index": group.datasetIndex, "sample_index": s, "seed": group.seeds[s]]
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }
}
