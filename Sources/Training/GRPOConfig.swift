// The GRPO recipe: every knob under TRL's GRPOConfig name, listed once in `keys` (groups as TRL groups them), read from YAML
// and checked as a whole (`validate`) with messages that say which key to change and how.
// Papers: GRPO (DeepSeekMath, Shao et al. 2024); clip-higher, dynamic sampling, token-level loss and
// soft overlong punishment (DAPO, Yu et al. 2025); Dr. GRPO (Liu et al. 2025); GSPO's sequence-level
// importance sampling (Zheng et al. 2025).
import Autograd
import Foundation
import Models
import Tasks
import Rewards

/// A complete GRPO training recipe.
public struct GRPOConfig: Equatable, Sendable {
    // Run
    public var name = "grpo"
    public var seed: UInt64 = 42
    public var threads: Int?
    // Model and data
    /// A built-in shape (`micro`, `tiny`, `small`: random init) or a Hugging Face model directory.
    public var model = "tiny"
    /// `char` (built-in character tokenizer), a tokenizer.json path, or nil for the model directory's.
    public var tokenizer: String?
    /// `arithmetic` or `countdown` (built-in), `jsonl`, or `gsm8k` (a JSONL file in GSM8K's layout).
    public var task = "arithmetic"
    public var datasetPath: String?
    public var datasetStyle = "gsm8k"
    public var questionField: String?
    public var answerField: String?
    public var goldFormat: String?
    public var template = "r1_zero"
    public var arithmeticDigits = 2
    public var arithmeticOperations = "+-"
    public var arithmeticOperands = 2
    /// Countdown: numbers per question (3 or 4) and the largest of them.
    public var countdownNumbers = 3
    public var countdownMaxNumber = 25
    /// Countdown: the operators questions use (`dataset.operations`, which arithmetic reads too).
    public var countdownOperations = "+-*/"
    // Rewards
    public var rewardFuncs: [String] = []
    public var rewardWeights: [Double]?
    public var rewardTimeout = 60.0
    /// Score half a step while sampling the other half: true, false, or nil (`auto`: when a reward mostly
    /// waits, as plugins do).
    public var overlapRewards: Bool?
    /// Options per reward name, e.g. `math_answer: {fallback_to_last_number: false}`.
    public var rewardOptions: [String: [String: JSONValue]] = [:]
    // Generation
    public var numGenerations = 8
    public var promptsPerStep = 4
    public var maxPromptLength = 256
    public var maxCompletionLength = 64
    public var temperature = 1.0
    public var topP = 1.0
    public var topK = 0
    public var minP = 0.0
    public var repetitionPenalty = 1.0
    public var stop: [String] = []
    // Optimisation
    public var maxSteps = 100
    public var learningRate = 1e-5
    public var lrSchedulerType = "constant"
    public var warmupRatio = 0.0
    public var weightDecay = 0.0
    public var maxGradNorm = 1.0
    public var adamBeta1 = 0.9
    public var adamBeta2 = 0.99
    public var adamEpsilon = 1e-8
    public var gradientAccumulationSteps = 1
    // GRPO
    public var numIterations = 1
    public var epsilon = 0.2
    public var epsilonHigh: Double?
    public var beta = 0.0
    public var useBiasCorrectionKL = true
    public var lossType = LossType.dapo
    public var scaleRewards = "group"
    public var importanceSamplingLevel = "token"
    public var maskTruncatedCompletions = false
    public var dynamicSampling = false
    public var dynamicSamplingMaxRounds = 4
    // Cold start: supervised steps on the task's worked solutions (`trace` field) before RL
    public var coldStartSteps = 0
    public var coldStartLearningRate = 1e-3
    public var coldStartBatchSize = 32
    // LoRA
    public var loraRank = 0
    public var loraAlpha = 16.0
    public var loraDropout = 0.0
    public var loraTargetModules = ["q_proj", "k_proj", "v_proj", "o_proj"]
    // Logging and checkpoints
    public var loggingSteps = 1
    public var saveSteps = 50
    public var saveTotalLimit = 3
    /// Evaluate every N steps (0: never); also before the first step and after the last.
    public var evalSteps = 0
    /// Held-out prompts per evaluation, decoded greedily, one completion each.
    public var evalSize = 64
    /// JSONL file of held-out examples (same fields as the dataset); built-in tasks draw their own.
    public var evalDataset: String?

    public init() {}

    /// Every key a recipe may hold, in the order config.resolved.yaml and docs/recipes.md list them.
    public static let keys: [RecipeKey<GRPOConfig>] = {
        typealias K = RecipeKey<GRPOConfig>
        let run = "Run", data = "Model and data", rewards = "Rewards", generation = "Generation",
            optimisation = "Optimisation", grpo = "GRPO", cold = "Cold start (supervised steps before RL, as DeepSeek-R1)",
            lora = "LoRA (`lora:` section; omit to train all weights)", logging = "Logging and checkpoints"
        let countdown: (GRPOConfig) -> Bool = { $0.task == "countdown" }
        let hasLoRA: (GRPOConfig) -> Bool = { $0.loraRank > 0 }, withoutLoRA = "applies only with lora.r ≥ 1"
        return [
            .string("name", run, \.name, "run name; the run directory is `runs/NAME` unless `--out` is given"),
            K("seed", run, "fixes initialisation, data order and every sample; same seed + same threads = same run, bit for bit",
              read: { $0.seed = UInt64(try $1.int($2, Int($0.seed))) }, write: { "\($0.seed)" }),
            .optionalInt("threads", run, \.threads, "threads for OpenBLAS and our kernels (also `--threads`, `GRPO_THREADS`); "
                + "config.resolved.yaml records the count the run used", default: "all cores"),
            K("model", data, "a built-in shape (`micro` ~1M, `tiny` ~3M, `small` ~25M parameters; random init from `seed`) or a "
                + "Hugging Face model directory (Llama / Qwen2), e.g. one `grpo pretrain` wrote; a relative path not found from "
                + "the working directory is looked up next to the recipe",
              read: { root, r, _ in root.model = try r.startingModel(root.model) }, write: { yamlQuoted($0.model) }),
            K("init", data, "the starting model as config.resolved.yaml records it (a built-in name or an absolute path), so a "
                + "resolved recipe runs again as it is: the same key as `model`; giving both is an error unless they name the same model",
              default: "`model`", read: { _, _, _ in }, write: { yamlQuoted(GRPOTrainer.initPath($0.model)) }),
            .optionalString("tokenizer", data, \.tokenizer, "`char` (built-in character tokenizer) or a `tokenizer.json` path; "
                + "default: the model directory's `tokenizer.json`, or `char` for built-in shapes", default: "model's"),
            .choice("dataset.task", data, \.task, from: ["arithmetic", "countdown", "jsonl", "gsm8k"],
                    "`arithmetic` or `countdown` (built-in, seeded questions with fixed held-out test splits), `jsonl`, or "
                    + "`gsm8k` (a JSONL file in GSM8K's layout)"),
            .optionalString("dataset.path", data, \.datasetPath, "JSONL file, required for `jsonl` and `gsm8k`"),
            .choice("dataset.style", data, \.datasetStyle, from: ["gsm8k", "math", "code"],
                    "field preset: `gsm8k` (`question`, `answer` ending in `#### x`), `math` (`problem`, `solution` with "
                    + "`\\boxed{}`), `code` (`prompt`, tests in `tests`)"),
            .optionalString("dataset.question_field", data, \.questionField, "overrides the preset's question field", default: "preset's"),
            .optionalString("dataset.answer_field", data, \.answerField, "overrides the preset's answer field", default: "preset's"),
            .optionalString("dataset.gold_format", data, \.goldFormat, "how the answer field holds the gold answer: `gsm8k` "
                + "(after `####`), `boxed` (the last `\\boxed{}`) or `raw` (the field as it is)", default: "preset's"),
            .choice("dataset.template", data, \.template, from: PromptTemplate.allCases.map(\.rawValue),
                    "`r1_zero` (reason in `<think>`, answer in `<answer>`; the prompt ends with `Assistant: <think>`), "
                    + "`r1_zero_short` (the same, shorter), `chatml`, `plain`"),
            K.int("dataset.digits", data, \.arithmeticDigits, "arithmetic: digits of every operand (exactly); training "
                + "draws from the train split, evaluation from the fixed test split (`docs/eval.md`)")
                .only(when: { !countdown($0) }, "does not apply to dataset.task countdown (its knobs: numbers, max_number, operations)"),
            K.int("dataset.operands", data, \.arithmeticOperands, "arithmetic: operand count (2–5)")
                .only(when: { !countdown($0) }, "does not apply to dataset.task countdown (its knobs: numbers, max_number, operations)"),
            K("dataset.operations", data, "the operators questions use: arithmetic's from `+-*` (default `+-`), countdown's "
                + "from `+-*/` (default all four)", default: "`\"+-\"`, `\"+-*/\"`",
              read: { root, r, key in
                  if countdown(root) { root.countdownOperations = try r.string(key, root.countdownOperations) }
                  else { root.arithmeticOperations = try r.string(key, root.arithmeticOperations) }
              }, write: { yamlQuoted(countdown($0) ? $0.countdownOperations : $0.arithmeticOperations) }),
            K.int("dataset.numbers", data, \.countdownNumbers, "countdown: numbers per question (3 or 4); the target "
                + "is the value of a random expression over them, below 1000; the `countdown` reward checks the answer's "
                + "expression in exact arithmetic, each number used at most once")
                .only(when: countdown, "applies only to dataset.task countdown"),
            K.int("dataset.max_number", data, \.countdownMaxNumber, "countdown: the largest number drawn (2–99)")
                .only(when: countdown, "applies only to dataset.task countdown"),
            .strings("reward_funcs", rewards, \.rewardFuncs, "names from the registry (`math_answer`, `countdown`, "
                + "`think_format`, `tag_count`, `cosine_length`, `soft_overlong`, `repetition_penalty`, `code_tests`) or paths "
                + "to executable plugins (see `rewards/README.md`)",
                default: "the task's (`math_answer` + `think_format`; `countdown` + `think_format` for countdown)"),
            K("reward_weights", rewards, "one weight per reward in force; the total is Σ wᵢ·rᵢ, a reward that does not "
                + "apply adds nothing (TRL's nansum)", default: "all `1`",
              read: { $0.rewardWeights = try $1.doubles($2) ?? $0.rewardWeights },
              write: { $0.rewardWeights.map { "[\($0.map { "\($0)" }.joined(separator: ", "))]" } ?? "null" }),
            K("reward_options", rewards, "options per reward name, e.g. `{math_answer: {fallback_to_last_number: false}}` "
                + "(see `rewards/README.md`); an option a reward does not know, or a name that is no reward in force, is an error",
              default: "`{}`", read: { root, r, key in
                  guard let options = try r.mapping(key) else { return }
                  for name in options.values.keys.sorted() {
                      guard let entry = try options.mapping(name) else { continue }
                      root.rewardOptions[name] = try entry.values.mapValues {
                          try ConfigReader.json($0, entry.fail(name, "unsupported value"))
                      }
                  }
              }, write: { JSONValue.object($0.rewardOptions.mapValues { JSONValue.object($0) }).jsonText }),
            .double("reward_timeout", rewards, \.rewardTimeout, "seconds a reward may take for a step; on timeout its scores "
                + "are 0 and an alarm is raised. A reward that fails on one completion (a plugin crash, a bad reply, a NaN "
                + "score) scores it 0, records the error in `reward_info`, counts it in `rewards/NAME/errors` and raises an "
                + "alarm: the step goes on"),
            K("overlap_rewards", rewards, "`true`: sample a step's prompts in two halves and score the first while sampling "
                + "the second (same samples, same rewards: only the wait changes); `auto` does so when a reward mostly waits "
                + "(plugins); sandboxed `code_tests` compute, and on 2 cores overlapping them made steps slower",
              read: { $0.overlapRewards = try $1.autoBool($2) }, write: { $0.overlapRewards.map { "\($0)" } ?? "auto" }),
            .int("num_generations", generation, \.numGenerations, "G, completions per prompt (≥ 2: advantages compare within a group)"),
            .int("prompts_per_step", generation, \.promptsPerStep, "prompts per step; a step trains on prompts × G completions"),
            .int("max_prompt_length", generation, \.maxPromptLength, "longer prompts keep their last tokens (TRL truncates on the left)"),
            .int("max_completion_length", generation, \.maxCompletionLength, "longest completion; prompt + completion must "
                + "fit the model's max_position_embeddings"),
            .double("temperature", generation, \.temperature, "sampling temperature (> 0); log-probs are taken at it, as TRL does"),
            .double("top_p", generation, \.topP, "nucleus sampling (1: off)"),
            .int("top_k", generation, \.topK, "keep the k likeliest tokens (0: off)"),
            .double("min_p", generation, \.minP, "drop tokens below min_p × the top probability (0: off)"),
            .double("repetition_penalty", generation, \.repetitionPenalty, "divides the logits of tokens already present (1: off)"),
            .strings("stop", generation, \.stop, "stop strings (kept in the completion text)"),
            .int("max_steps", optimisation, \.maxSteps, "steps (one generation batch each)"),
            .double("learning_rate", optimisation, \.learningRate, "peak learning rate of AdamW"),
            .choice("lr_scheduler_type", optimisation, \.lrSchedulerType, from: LRSchedule.Kind.allCases.map(\.rawValue),
                    "`constant`, `constant_with_warmup`, `linear`, `cosine` (as transformers' schedulers)"),
            .double("warmup_ratio", optimisation, \.warmupRatio, "fraction of optimizer updates spent warming up linearly"),
            .double("weight_decay", optimisation, \.weightDecay, "decoupled weight decay on matrices (never on norms and biases)"),
            .double("max_grad_norm", optimisation, \.maxGradNorm, "global gradient-norm clipping (0 disables); `grad_norm` "
                + "logs the norm before clipping"),
            .double("adam_beta1", optimisation, \.adamBeta1, "AdamW's first-moment decay"),
            .double("adam_beta2", optimisation, \.adamBeta2, "AdamW's second-moment decay"),
            .double("adam_epsilon", optimisation, \.adamEpsilon, "AdamW's epsilon"),
            .int("gradient_accumulation_steps", optimisation, \.gradientAccumulationSteps, "micro-batches per update (must "
                + "divide prompts × G); the update equals the one of a single large batch"),
            .int("num_iterations", grpo, \.numIterations, "μ: updates per generation batch; with μ > 1 the sampling policy's "
                + "log-probs are kept as the \"old\" ones (GRPO)"),
            .double("epsilon", grpo, \.epsilon, "clip range below 1"),
            .optionalDouble("epsilon_high", grpo, \.epsilonHigh, "clip range above 1 (DAPO's clip-higher, e.g. 0.28)",
                            default: "`epsilon`"),
            .double("beta", grpo, \.beta, "KL weight to a frozen reference (k3 estimator); 0 loads no reference model. The "
                + "reference is the policy RL starts from: after the cold start when there is one (kept in `reference/` of "
                + "the run directory for resume)"),
            .bool("use_bias_correction_kl", grpo, \.useBiasCorrectionKL, "multiply the KL term by the importance ratio "
                + "(unbiased reverse-KL gradient, DeepSeek-V3.2; TRL's default)"),
            .cases("loss_type", grpo, \.lossType, "`grpo` (per-sequence mean, then mean), `bnpo` (tokens of the "
                + "micro-batch), `dr_grpo` (sequences × max_completion_length), `dapo` (tokens of the whole generation batch)"),
            .choice("scale_rewards", grpo, \.scaleRewards, from: ["group", "batch", "none"],
                    "advantage divisor: `group` std, `batch` std, `none` (Dr. GRPO)"),
            .choice("importance_sampling_level", grpo, \.importanceSamplingLevel, from: ["token", "sequence"],
                    "`token` ratios, or `sequence` (GSPO: one length-normalised ratio per completion)"),
            .bool("mask_truncated_completions", grpo, \.maskTruncatedCompletions, "completions that hit the length limit "
                + "get no loss (DAPO)"),
            .bool("dynamic_sampling", grpo, \.dynamicSampling, "drop groups whose rewards are all equal and sample more prompts (DAPO)"),
            .int("dynamic_sampling_max_rounds", grpo, \.dynamicSamplingMaxRounds, "sampling rounds per step before accepting flat groups"),
            .int("cold_start_steps", cold, \.coldStartSteps, "steps of `grpo sft` on worked solutions of training questions "
                + "(the task's `trace` field) before the first GRPO step, on a fresh run only; its data, metrics and model are "
                + "in `cold-start/` of the run directory"),
            .double("cold_start_learning_rate", cold, \.coldStartLearningRate, "decays linearly to 0 over the cold start; "
                + "`max_grad_norm` clips it as it clips RL (0: no clipping)"),
            .int("cold_start_batch_size", cold, \.coldStartBatchSize, "examples per step; the cold start trains on the first "
                + "cold_start_steps × cold_start_batch_size training questions"),
            K("lora.r", lora, "rank; only the adapters train, and `final/` holds them merged into the weights (the adapters "
                + "in PEFT's layout in `final/adapter/`)", default: "`8`",
              read: { $0.loraRank = try $1.int($2, 8) }, write: { $0.loraRank > 0 ? "\($0.loraRank)" : nil }),
            K.double("lora.alpha", lora, \.loraAlpha, "the update is scaled by alpha / r").only(when: hasLoRA, withoutLoRA),
            K.double("lora.dropout", lora, \.loraDropout, "dropout on the adapter input during training").only(when: hasLoRA, withoutLoRA),
            K.strings("lora.target_modules", lora, \.loraTargetModules, "any of `q_proj k_proj v_proj o_proj gate_proj up_proj down_proj`")
                .only(when: hasLoRA, withoutLoRA),
            .int("logging_steps", logging, \.loggingSteps, "`metrics.jsonl` and TensorBoard get one line every N steps: each "
                + "metric's mean over those steps (as TRL); an evaluation, a checkpoint or the last step also ends a window. "
                + "The progress line and alarms stay per step"),
            .int("save_steps", logging, \.saveSteps, "checkpoint every N steps and at the end (0: only `final/`)"),
            .int("save_total_limit", logging, \.saveTotalLimit, "complete checkpoints kept"),
            .int("eval_steps", logging, \.evalSteps, "evaluate every N steps, before the first step and after the last (0: never)"),
            .int("eval_size", logging, \.evalSize, "held-out prompts per evaluation; each gets one greedy completion, scored by "
                + "the run's rewards and summarised as `grpo eval` does (`eval/pass@1`, `eval/format_rate`, …)"),
            .optionalString("eval_dataset", logging, \.evalDataset, "JSONL of held-out examples with the dataset's fields "
                + "(required for `jsonl` tasks with `eval_steps`); the built-in tasks use their fixed test splits, which never "
                + "share a question with training"),
        ]
    }()

    /// Keys a recipe may hold, by section ("" for the top level).
    public static var sections: [String: [String]] { RecipeKeys.sections(keys) }

    /// The key tables of docs/recipes.md, made from `keys`.
    public static var keyTables: String { RecipeKeys.markdown(keys, defaults: GRPOConfig()) }

    /// Reads `path` and applies `overrides` (`key=value`, dotted keys for sections), then validates.
    public static func load(path: String, overrides: [String] = []) throws -> GRPOConfig {
        try GRPOConfig(file: path, values: RecipeFile.values(path: path, overrides: overrides))
    }

    /// A model directory that is not found from the working directory is looked up next to the recipe,
    /// so a committed experiment can name its base model relative to itself.
    static func resolveModelPath(_ model: String, recipe: String) -> String {
        guard !model.hasPrefix("/"), !FileManager.default.fileExists(atPath: model) else { return model }
        let beside = URL(fileURLWithPath: recipe).deletingLastPathComponent().appendingPathComponent(model).standardized.path
        return FileManager.default.fileExists(atPath: beside) ? beside : model
    }

    init(file: String, values: [String: Any]) throws {
        try RecipeKeys.read(Self.keys, into: &self, file: file, values: values)
        try validate(file: file)
        try checkRewardOptions(file: file)
    }

    /// Checks values and combinations; each message names the key and what to change.
    public func validate(file: String = "recipe") throws {
        func fail(_ key: String, _ why: String) -> ConfigError { ConfigError("\(file): \(key): \(why)") }
        if numGenerations < 2 { throw fail("num_generations", "must be at least 2 (got \(numGenerations)): advantages compare samples within a group") }
        if promptsPerStep < 1 { throw fail("prompts_per_step", "must be at least 1") }
        if maxCompletionLength < 1 { throw fail("max_completion_length", "must be at least 1") }
        if maxPromptLength < 1 { throw fail("max_prompt_length", "must be at least 1") }
        if maxSteps < 1 { throw fail("max_steps", "must be at least 1") }
        if !(learningRate > 0) { throw fail("learning_rate", "must be positive (got \(learningRate))") }
        if temperature < 0 { throw fail("temperature", "must be ≥ 0 (got \(temperature))") }
        if temperature == 0 { throw fail("temperature", "0 (greedy) gives every sample of a group the same completion; use e.g. 1.0") }
        if !(topP > 0 && topP <= 1) { throw fail("top_p", "must be in (0, 1] (got \(topP))") }
        if !(0..<1).contains(warmupRatio) { throw fail("warmup_ratio", "must be in [0, 1) (got \(warmupRatio))") }
        if gradientAccumulationSteps < 1 { throw fail("gradient_accumulation_steps", "must be at least 1") }
        if (promptsPerStep * numGenerations) % gradientAccumulationSteps != 0 {
            throw fail("gradient_accumulation_steps", "\(gradientAccumulationSteps) must divide prompts_per_step × num_generations = \(promptsPerStep * numGenerations)")
        }
        if numIterations < 1 { throw fail("num_iterations", "must be at least 1 (μ updates per generation batch)") }
        if !(epsilon > 0 && epsilon < 1) { throw fail("epsilon", "must be in (0, 1) (got \(epsilon))") }
        if let eh = epsilonHigh, eh < epsilon { throw fail("epsilon_high", "\(eh) is below epsilon \(epsilon); clip-higher needs epsilon_high ≥ epsilon") }
        if beta < 0 { throw fail("beta", "must be ≥ 0 (got \(beta)); 0 disables the KL term and the reference model") }
        let inForce = rewardsInForce
        if let w = rewardWeights, w.count != inForce.count {
            throw fail("reward_weights", "has \(w.count) weights for the \(inForce.count) rewards in force (\(inForce.joined(separator: ", "))"
                + "\(rewardFuncs.isEmpty ? ", the task's defaults" : "")); give one weight per reward")
        }
        if let orphan = rewardOptions.keys.sorted().first(where: { !inForce.contains($0) }) {
            throw fail("reward_options.\(orphan)", "names no reward in force (\(inForce.joined(separator: ", ")))")
        }
        if topK < 0 { throw fail("top_k", "must be ≥ 0 (got \(topK)); 0 keeps every token") }
        if !(0..<1).contains(minP) { throw fail("min_p", "must be in [0, 1) (got \(minP)); 0 disables it") }
        if !(repetitionPenalty > 0) { throw fail("repetition_penalty", "must be positive (got \(repetitionPenalty)); 1 disables it") }
        if stop.contains("") { throw fail("stop", "an empty stop string would end every completion at once") }
        if loraRank > 0 && !(0..<1).contains(loraDropout) { throw fail("lora.dropout", "must be in [0, 1) (got \(loraDropout))") }
        if loraRank > 0, let bad = loraTargetModules.first(where: { !LoRAConfig.knownModules.contains($0) }) {
            throw fail("lora.target_modules", "\(bad) is not one of \(LoRAConfig.knownModules.joined(separator: ", "))")
        }
        if let g = goldFormat, !["gsm8k", "boxed", "raw"].contains(g) {
            throw fail("dataset.gold_format", "\"\(g)\" is not one of gsm8k (after ####), boxed (the last \\boxed{}), raw (the field as it is)")
        }
        if !isBuiltinTask && datasetPath == nil { throw fail("dataset.path", "is required when dataset.task is \(task)") }
        if dynamicSampling && dynamicSamplingMaxRounds < 1 { throw fail("dynamic_sampling_max_rounds", "must be at least 1") }
        if coldStartSteps < 0 || coldStartBatchSize < 1 { throw fail("cold_start_steps", "cold_start_steps ≥ 0 and cold_start_batch_size ≥ 1 are required") }
        if loraRank < 0 { throw fail("lora.r", "must be positive") }
        if saveSteps < 0 || loggingSteps < 1 { throw fail("save_steps", "save_steps ≥ 0 and logging_steps ≥ 1 are required") }
        if evalSteps < 0 || evalSize < 1 { throw fail("eval_steps", "eval_steps ≥ 0 and eval_size ≥ 1 are required") }
        if evalSteps > 0 && !isBuiltinTask && evalDataset == nil {
            throw fail("eval_dataset", "is required with eval_steps on a jsonl task: a JSONL file of held-out examples with the dataset's fields")
        }
        if saveTotalLimit < 1 { throw fail("save_total_limit", "must be at least 1 to resume") }
        if task == "countdown" && !(3...4).contains(countdownNumbers) {
            throw fail("dataset.numbers", "must be 3 or 4 (got \(countdownNumbers))")
        }
        if task == "countdown" && !(2...99).contains(countdownMaxNumber) {
            throw fail("dataset.max_number", "must be in 2...99 (got \(countdownMaxNumber))")
        }
        if task == "countdown" && (countdownOperations.isEmpty || !countdownOperations.allSatisfy({ "+-*/".contains($0) })) {
            throw fail("dataset.operations", "countdown draws operators from \"+-*/\" (got \"\(countdownOperations)\")")
        }
    }

    /// The rewards a run scores with: `reward_funcs`, or the task's defaults when it names none.
    var rewardsInForce: [String] {
        if !rewardFuncs.isEmpty { return rewardFuncs }
        switch task {
        case "countdown": return ["countdown", "think_format"]
        case "jsonl" where datasetStyle == "code" && answerField == nil: return ["code_tests"]
        default: return ["math_answer", "think_format"]
        }
    }

    /// Each built-in reward in force built once with its options, so a wrong or misspelled option is an
    /// error naming the recipe at load rather than at the first step.
    func checkRewardOptions(file: String) throws {
        for name in rewardsInForce {
            guard let factory = RewardRegistry.builtins[name] else { continue }
            do { _ = try factory(rewardOptions[name] ?? [:]) } catch {
                throw ConfigError("\(file): reward_options.\(name): \(error)")
            }
        }
    }

    /// Whether the task is generated in-process (no dataset file) and draws its own test split.
    var isBuiltinTask: Bool { task == "arithmetic" || task == "countdown" }

    /// Every setting as YAML (written to `config.resolved.yaml`); `init` records the starting model and
    /// `threads` the count the run resolved (the recipe's, or the machine's when it gives none).
    public func resolvedYAML(threads resolvedThreads: Int? = nil) -> String {
        var resolved = self
        resolved.threads = resolvedThreads ?? threads
        return RecipeKeys.yaml(Self.keys, resolved)
    }
}
