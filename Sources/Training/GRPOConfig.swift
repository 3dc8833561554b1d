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

/// A complete GRPO training recipe: one typed section per group of keys (TRL's names in `keys`).
public struct GRPOConfig: Equatable, Sendable {
    /// Name, seed and threads.
    public struct RunSettings: Equatable, Sendable {
        public var name = "grpo"
        public var seed: UInt64 = 42
        public var threads: Int?
    }

    /// The starting model, its tokenizer, and the task or dataset with its knobs.
    public struct DataSettings: Equatable, Sendable {
        /// A built-in shape (`micro`, `tiny`, `small`: random init) or a Hugging Face model directory.
        public var model = "tiny"
        /// `char` (built-in character tokenizer), a tokenizer.json path, or nil for the model directory's.
        public var tokenizer: String?
        /// `arithmetic` or `countdown` (built-in), `jsonl`, or `gsm8k` (a JSONL file in GSM8K's layout).
        public var task = "arithmetic"
        public var path: String?
        public var style = "gsm8k"
        public var questionField: String?
        public var answerField: String?
        public var goldFormat: String?
        public var template = "r1_zero"
        /// With `template` `model`: the system message put before each question ("" for none).
        public var systemPrompt = "Reason step by step, then give the final answer inside <answer> </answer>."
        public var arithmeticDigits = 2
        public var arithmeticOperations = "+-"
        public var arithmeticOperands = 2
        /// Countdown: numbers per question (3 or 4) and the largest of them.
        public var countdownNumbers = 3
        public var countdownMaxNumber = 25
        /// Countdown: the operators questions use (`dataset.operations`, which arithmetic reads too).
        public var countdownOperations = "+-*/"

        /// Whether the task is generated in-process (no dataset file) and draws its own test split.
        public var isBuiltinTask: Bool { task == "arithmetic" || task == "countdown" }
    }

    /// The rewards, their weights, options and time limit.
    public struct RewardSettings: Equatable, Sendable {
        public var funcs: [String] = []
        public var weights: [Double]?
        public var timeout = 60.0
        /// Score half a step while sampling the other half: true, false, or nil (`auto`: when a reward mostly
        /// waits, as plugins do).
        public var overlap: Bool?
        /// Options per reward name, e.g. `math_answer: {fallback_to_last_number: false}`.
        public var options: [String: [String: JSONValue]] = [:]
    }

    /// What a step samples: groups, lengths, the sampler's knobs, dynamic sampling.
    public struct SamplingSettings: Equatable, Sendable {
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
        public var dynamicSampling = false
        public var dynamicSamplingMaxRounds = 4
    }

    /// Steps, AdamW, schedule, clipping, accumulation and updates per generation batch.
    public struct OptimizerSettings: Equatable, Sendable {
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
        public var numIterations = 1
    }

    /// The policy loss: its normalisation (`type`), clipping, KL and advantage scaling.
    public struct LossSettings: Equatable, Sendable {
        public var type = LossType.dapo
        public var epsilon = 0.2
        public var epsilonHigh: Double?
        public var beta = 0.0
        public var useBiasCorrectionKL = true
        public var scaleRewards = "group"
        public var importanceSamplingLevel = "token"
        public var maskTruncatedCompletions = false
    }

    /// Supervised steps on the task's worked solutions (`trace` field) before RL.
    public struct ColdStartSettings: Equatable, Sendable {
        public var steps = 0
        public var learningRate = 1e-3
        public var batchSize = 32
    }

    /// LoRA adapters (rank 0: train every weight).
    public struct LoRASettings: Equatable, Sendable {
        public var rank = 0
        public var alpha = 16.0
        public var dropout = 0.0
        public var targetModules = ["q_proj", "k_proj", "v_proj", "o_proj"]
    }

    /// Metrics windows, checkpoints and held-out evaluation.
    public struct LoggingSettings: Equatable, Sendable {
        public var loggingSteps = 1
        public var saveSteps = 50
        public var saveTotalLimit = 3
        /// Evaluate every N steps (0: never); also before the first step and after the last.
        public var evalSteps = 0
        /// Held-out prompts per evaluation, decoded greedily, one completion each.
        public var evalSize = 64
        /// JSONL file of held-out examples (same fields as the dataset); built-in tasks draw their own.
        public var evalDataset: String?
    }

    public var run = RunSettings()
    public var data = DataSettings()
    public var rewards = RewardSettings()
    public var sampling = SamplingSettings()
    public var optimizer = OptimizerSettings()
    public var loss = LossSettings()
    public var coldStart = ColdStartSettings()
    public var lora = LoRASettings()
    public var logging = LoggingSettings()

    public init() {}

    /// Every key a recipe may hold, in the order config.resolved.yaml and docs/recipes.md list them.
    public static let keys: [RecipeKey<GRPOConfig>] = {
        typealias K = RecipeKey<GRPOConfig>
        let run = "Run", data = "Model and data", rewards = "Rewards", sampling = "Sampling",
            optimisation = "Optimisation", loss = "Loss (GRPO)", cold = "Cold start (supervised steps before RL, as DeepSeek-R1)",
            loraGroup = "LoRA (`lora:` section; omit to train all weights)", logging = "Logging and checkpoints"
        let countdown: (GRPOConfig) -> Bool = { $0.data.task == "countdown" }
        let hasLoRA: (GRPOConfig) -> Bool = { $0.lora.rank > 0 }, withoutLoRA = "applies only with lora.r ≥ 1"
        return [
            .string("name", run, \.run.name, "run name; the run directory is `runs/NAME` unless `--out` is given"),
            K("seed", run, "fixes initialisation, data order and every sample; same seed + same threads = same run, bit for bit",
              read: { $0.run.seed = UInt64(try $1.int($2, Int($0.run.seed))) }, write: { "\($0.run.seed)" }),
            .optionalInt("threads", run, \.run.threads, "threads for OpenBLAS and our kernels (also `--threads`, `GRPO_THREADS`); "
                + "config.resolved.yaml records the count the run used", default: "all cores"),
            K("model", data, "a built-in shape (`micro` ~1M, `tiny` ~3M, `small` ~25M parameters; random init from `seed`) or a "
                + "Hugging Face model directory (Llama / Qwen2), e.g. one `grpo pretrain` wrote; a relative path not found from "
                + "the working directory is looked up next to the recipe",
              read: { root, r, _ in root.data.model = try r.startingModel(root.data.model) }, write: { yamlQuoted($0.data.model) }),
            K("init", data, "the starting model as config.resolved.yaml records it (a built-in name or an absolute path), so a "
                + "resolved recipe runs again as it is: the same key as `model`; giving both is an error unless they name the same model",
              default: "`model`", read: { _, _, _ in }, write: { yamlQuoted(GRPOTrainer.initPath($0.data.model)) }),
            .optionalString("tokenizer", data, \.data.tokenizer, "`char` (built-in character tokenizer) or a `tokenizer.json` path; "
                + "default: the model directory's `tokenizer.json`, or `char` for built-in shapes", default: "model's"),
            .choice("dataset.task", data, \.data.task, from: ["arithmetic", "countdown", "jsonl", "gsm8k"],
                    "`arithmetic` or `countdown` (built-in, seeded questions with fixed held-out test splits), `jsonl`, or "
                    + "`gsm8k` (a JSONL file in GSM8K's layout)"),
            .optionalString("dataset.path", data, \.data.path, "JSONL file, required for `jsonl` and `gsm8k`"),
            .choice("dataset.style", data, \.data.style, from: ["gsm8k", "math", "code"],
                    "field preset: `gsm8k` (`question`, `answer` ending in `#### x`), `math` (`problem`, `solution` with "
                    + "`\\boxed{}`), `code` (`prompt`, tests in `tests`)"),
            .optionalString("dataset.question_field", data, \.data.questionField, "overrides the preset's question field", default: "preset's"),
            .optionalString("dataset.answer_field", data, \.data.answerField, "overrides the preset's answer field", default: "preset's"),
            .optionalString("dataset.gold_format", data, \.data.goldFormat, "how the answer field holds the gold answer: `gsm8k` "
                + "(after `####`), `boxed` (the last `\\boxed{}`) or `raw` (the field as it is)", default: "preset's"),
            .choice("dataset.template", data, \.data.template, from: PromptTemplate.allCases.map(\.rawValue) + ["model"],
                    "`r1_zero` (reason in `<think>`, answer in `<answer>`; the prompt ends with `Assistant: <think>`), "
                    + "`r1_zero_short` (the same, shorter), `chatml`, `plain`, or `model`: the model directory's own "
                    + "`chat_template` (tokenizer_config.json or chat_template.jinja) with `dataset.system_prompt` and the "
                    + "question as the user's turn, the assistant's turn opened (`docs/chat-templates.md`)"),
            K("dataset.system_prompt", data, "with `dataset.template: model`, the system message before each question "
                + "(empty: none)", default: "`\"Reason step by step, then give the final answer inside <answer> </answer>.\"`",
              read: { root, r, key in
                  let given = try r.string(key, root.data.systemPrompt)
                  // config.resolved.yaml records the default whatever the template, and must load back.
                  if root.data.template != "model" && given != DataSettings().systemPrompt {
                      throw r.fail(key, "applies only with dataset.template: model")
                  }
                  root.data.systemPrompt = given
              }, write: { yamlQuoted($0.data.systemPrompt) }),
            K.int("dataset.digits", data, \.data.arithmeticDigits, "arithmetic: digits of every operand (exactly); training "
                + "draws from the train split, evaluation from the fixed test split (`docs/eval.md`)")
                .only(when: { !countdown($0) }, "does not apply to dataset.task countdown (its knobs: numbers, max_number, operations)"),
            K.int("dataset.operands", data, \.data.arithmeticOperands, "arithmetic: operand count (2–5)")
                .only(when: { !countdown($0) }, "does not apply to dataset.task countdown (its knobs: numbers, max_number, operations)"),
            K("dataset.operations", data, "the operators questions use: arithmetic's from `+-*` (default `+-`), countdown's "
                + "from `+-*/` (default all four)", default: "`\"+-\"`, `\"+-*/\"`",
              read: { root, r, key in
                  if countdown(root) { root.data.countdownOperations = try r.string(key, root.data.countdownOperations) }
                  else { root.data.arithmeticOperations = try r.string(key, root.data.arithmeticOperations) }
              }, write: { yamlQuoted(countdown($0) ? $0.data.countdownOperations : $0.data.arithmeticOperations) }),
            K.int("dataset.numbers", data, \.data.countdownNumbers, "countdown: numbers per question (3 or 4); the target "
                + "is the value of a random expression over them, below 1000; the `countdown` reward checks the answer's "
                + "expression in exact arithmetic, each number used at most once")
                .only(when: countdown, "applies only to dataset.task countdown"),
            K.int("dataset.max_number", data, \.data.countdownMaxNumber, "countdown: the largest number drawn (2–99)")
                .only(when: countdown, "applies only to dataset.task countdown"),
            .strings("reward_funcs", rewards, \.rewards.funcs, "names from the registry (`math_answer`, `countdown`, "
                + "`think_format`, `tag_count`, `cosine_length`, `soft_overlong`, `repetition_penalty`, `code_tests`) or paths "
                + "to executable plugins (see `rewards/README.md`)",
                default: "the task's (`math_answer` + `think_format`; `countdown` + `think_format` for countdown)"),
            K("reward_weights", rewards, "one weight per reward in force; the total is Σ wᵢ·rᵢ, a reward that does not "
                + "apply adds nothing (TRL's nansum)", default: "all `1`",
              read: { $0.rewards.weights = try $1.doubles($2) ?? $0.rewards.weights },
              write: { $0.rewards.weights.map { "[\($0.map { "\($0)" }.joined(separator: ", "))]" } ?? "null" }),
            K("reward_options", rewards, "options per reward name, e.g. `{math_answer: {fallback_to_last_number: false}}` "
                + "(see `rewards/README.md`); an option a reward does not know, or a name that is no reward in force, is an error",
              default: "`{}`", read: { root, r, key in
                  guard let options = try r.mapping(key) else { return }
                  for name in options.values.keys.sorted() {
                      guard let entry = try options.mapping(name) else { continue }
                      root.rewards.options[name] = try entry.values.mapValues {
                          try ConfigReader.json($0, entry.fail(name, "unsupported value"))
                      }
                  }
              }, write: { JSONValue.object($0.rewards.options.mapValues { JSONValue.object($0) }).jsonText }),
            .double("reward_timeout", rewards, \.rewards.timeout, "seconds a reward may take for a step; on timeout its scores "
                + "are 0 and an alarm is raised. A reward that fails on one completion (a plugin crash, a bad reply, a NaN "
                + "score) scores it 0, records the error in `reward_info`, counts it in `rewards/NAME/errors` and raises an "
                + "alarm: the step goes on"),
            K("overlap_rewards", rewards, "`true`: sample a step's prompts in two halves and score the first while sampling "
                + "the second (same samples, same rewards: only the wait changes); `auto` does so when a reward mostly waits "
                + "(plugins); sandboxed `code_tests` compute, and on 2 cores overlapping them made steps slower",
              read: { $0.rewards.overlap = try $1.autoBool($2) }, write: { $0.rewards.overlap.map { "\($0)" } ?? "auto" }),
            .int("num_generations", sampling, \.sampling.numGenerations, "G, completions per prompt (≥ 2: advantages compare within a group)"),
            .int("prompts_per_step", sampling, \.sampling.promptsPerStep, "prompts per step; a step trains on prompts × G completions"),
            .int("max_prompt_length", sampling, \.sampling.maxPromptLength, "longer prompts keep their last tokens (TRL truncates on the left)"),
            .int("max_completion_length", sampling, \.sampling.maxCompletionLength, "longest completion; prompt + completion must "
                + "fit the model's max_position_embeddings"),
            .double("temperature", sampling, \.sampling.temperature, "sampling temperature (> 0); log-probs are taken at it, as TRL does"),
            .double("top_p", sampling, \.sampling.topP, "nucleus sampling (1: off)"),
            .int("top_k", sampling, \.sampling.topK, "keep the k likeliest tokens (0: off)"),
            .double("min_p", sampling, \.sampling.minP, "drop tokens below min_p × the top probability (0: off)"),
            .double("repetition_penalty", sampling, \.sampling.repetitionPenalty, "divides the logits of tokens already present (1: off)"),
            .strings("stop", sampling, \.sampling.stop, "stop strings (kept in the completion text)"),
            .bool("dynamic_sampling", sampling, \.sampling.dynamicSampling, "drop groups whose rewards are all equal and sample more prompts (DAPO)"),
            .int("dynamic_sampling_max_rounds", sampling, \.sampling.dynamicSamplingMaxRounds, "sampling rounds per step before accepting flat groups"),
            .int("max_steps", optimisation, \.optimizer.maxSteps, "steps (one generation batch each)"),
            .double("learning_rate", optimisation, \.optimizer.learningRate, "peak learning rate of AdamW"),
            .choice("lr_scheduler_type", optimisation, \.optimizer.lrSchedulerType, from: LRSchedule.Kind.allCases.map(\.rawValue),
                    "`constant`, `constant_with_warmup`, `linear`, `cosine` (as transformers' schedulers)"),
            .double("warmup_ratio", optimisation, \.optimizer.warmupRatio, "fraction of optimizer updates spent warming up linearly"),
            .double("weight_decay", optimisation, \.optimizer.weightDecay, "decoupled weight decay on matrices (never on norms and biases)"),
            .double("max_grad_norm", optimisation, \.optimizer.maxGradNorm, "global gradient-norm clipping (0 disables); `grad_norm` "
                + "logs the norm before clipping"),
            .double("adam_beta1", optimisation, \.optimizer.adamBeta1, "AdamW's first-moment decay"),
            .double("adam_beta2", optimisation, \.optimizer.adamBeta2, "AdamW's second-moment decay"),
            .double("adam_epsilon", optimisation, \.optimizer.adamEpsilon, "AdamW's epsilon"),
            .int("gradient_accumulation_steps", optimisation, \.optimizer.gradientAccumulationSteps, "micro-batches per update (must "
                + "divide prompts × G); the update equals the one of a single large batch"),
            .int("num_iterations", optimisation, \.optimizer.numIterations, "μ: updates per generation batch; with μ > 1 the sampling policy's "
                + "log-probs are kept as the \"old\" ones (GRPO)"),
            .double("epsilon", loss, \.loss.epsilon, "clip range below 1"),
            .optionalDouble("epsilon_high", loss, \.loss.epsilonHigh, "clip range above 1 (DAPO's clip-higher, e.g. 0.28)",
                            default: "`epsilon`"),
            .double("beta", loss, \.loss.beta, "KL weight to a frozen reference (k3 estimator); 0 loads no reference model. The "
                + "reference is the policy RL starts from: after the cold start when there is one (kept in `reference/` of "
                + "the run directory for resume)"),
            .bool("use_bias_correction_kl", loss, \.loss.useBiasCorrectionKL, "multiply the KL term by the importance ratio "
                + "(unbiased reverse-KL gradient, DeepSeek-V3.2; TRL's default)"),
            .cases("loss_type", loss, \.loss.type, "`grpo` (per-sequence mean, then mean), `bnpo` (tokens of the "
                + "micro-batch), `dr_grpo` (sequences × max_completion_length), `dapo` (tokens of the whole generation batch)"),
            .choice("scale_rewards", loss, \.loss.scaleRewards, from: ["group", "batch", "none"],
                    "advantage divisor: `group` std, `batch` std, `none` (Dr. GRPO)"),
            .choice("importance_sampling_level", loss, \.loss.importanceSamplingLevel, from: ["token", "sequence"],
                    "`token` ratios, or `sequence` (GSPO: one length-normalised ratio per completion)"),
            .bool("mask_truncated_completions", loss, \.loss.maskTruncatedCompletions, "completions that hit the length limit "
                + "get no loss (DAPO)"),
            .int("cold_start_steps", cold, \.coldStart.steps, "steps of `grpo sft` on worked solutions of training questions "
                + "(the task's `trace` field) before the first GRPO step, on a fresh run only; its data, metrics and model are "
                + "in `cold-start/` of the run directory"),
            .double("cold_start_learning_rate", cold, \.coldStart.learningRate, "decays linearly to 0 over the cold start; "
                + "`max_grad_norm` clips it as it clips RL (0: no clipping)"),
            .int("cold_start_batch_size", cold, \.coldStart.batchSize, "examples per step; the cold start trains on the first "
                + "cold_start_steps × cold_start_batch_size training questions"),
            K("lora.r", loraGroup, "rank; only the adapters train, and `final/` holds them merged into the weights (the adapters "
                + "in PEFT's layout in `final/adapter/`)", default: "`8`",
              read: { $0.lora.rank = try $1.int($2, 8) }, write: { $0.lora.rank > 0 ? "\($0.lora.rank)" : nil }),
            K.double("lora.alpha", loraGroup, \.lora.alpha, "the update is scaled by alpha / r").only(when: hasLoRA, withoutLoRA),
            K.double("lora.dropout", loraGroup, \.lora.dropout, "dropout on the adapter input during training").only(when: hasLoRA, withoutLoRA),
            K.strings("lora.target_modules", loraGroup, \.lora.targetModules, "any of `q_proj k_proj v_proj o_proj gate_proj up_proj down_proj`")
                .only(when: hasLoRA, withoutLoRA),
            .int("logging_steps", logging, \.logging.loggingSteps, "`metrics.jsonl` and TensorBoard get one line every N steps: each "
                + "metric's mean over those steps (as TRL); an evaluation, a checkpoint or the last step also ends a window. "
                + "The progress line and alarms stay per step"),
            .int("save_steps", logging, \.logging.saveSteps, "checkpoint every N steps and at the end (0: only `final/`)"),
            .int("save_total_limit", logging, \.logging.saveTotalLimit, "complete checkpoints kept"),
            .int("eval_steps", logging, \.logging.evalSteps, "evaluate every N steps, before the first step and after the last (0: never)"),
            .int("eval_size", logging, \.logging.evalSize, "held-out prompts per evaluation; each gets one greedy completion, scored by "
                + "the run's rewards and summarised as `grpo eval` does (`eval/pass@1`, `eval/format_rate`, …)"),
            .optionalString("eval_dataset", logging, \.logging.evalDataset, "JSONL of held-out examples with the dataset's fields "
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
        let beside = URL(fileURLWithPath: recipe).deletingLastPathComponent().appendingPathComponent(model).standardizedFileURL.path
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
        if sampling.numGenerations < 2 { throw fail("num_generations", "must be at least 2 (got \(sampling.numGenerations)): advantages compare samples within a group") }
        if sampling.promptsPerStep < 1 { throw fail("prompts_per_step", "must be at least 1") }
        if sampling.maxCompletionLength < 1 { throw fail("max_completion_length", "must be at least 1") }
        if sampling.maxPromptLength < 1 { throw fail("max_prompt_length", "must be at least 1") }
        if optimizer.maxSteps < 1 { throw fail("max_steps", "must be at least 1") }
        if !(optimizer.learningRate > 0) { throw fail("learning_rate", "must be positive (got \(optimizer.learningRate))") }
        if sampling.temperature < 0 { throw fail("temperature", "must be ≥ 0 (got \(sampling.temperature))") }
        if sampling.temperature == 0 { throw fail("temperature", "0 (greedy) gives every sample of a group the same completion; use e.g. 1.0") }
        if !(sampling.topP > 0 && sampling.topP <= 1) { throw fail("top_p", "must be in (0, 1] (got \(sampling.topP))") }
        if !(0..<1).contains(optimizer.warmupRatio) { throw fail("warmup_ratio", "must be in [0, 1) (got \(optimizer.warmupRatio))") }
        if optimizer.gradientAccumulationSteps < 1 { throw fail("gradient_accumulation_steps", "must be at least 1") }
        if (sampling.promptsPerStep * sampling.numGenerations) % optimizer.gradientAccumulationSteps != 0 {
            throw fail("gradient_accumulation_steps", "\(optimizer.gradientAccumulationSteps) must divide prompts_per_step × num_generations = \(sampling.promptsPerStep * sampling.numGenerations)")
        }
        if optimizer.numIterations < 1 { throw fail("num_iterations", "must be at least 1 (μ updates per generation batch)") }
        if !(loss.epsilon > 0 && loss.epsilon < 1) { throw fail("epsilon", "must be in (0, 1) (got \(loss.epsilon))") }
        if let eh = loss.epsilonHigh, eh < loss.epsilon { throw fail("epsilon_high", "\(eh) is below epsilon \(loss.epsilon); clip-higher needs epsilon_high ≥ epsilon") }
        if loss.beta < 0 { throw fail("beta", "must be ≥ 0 (got \(loss.beta)); 0 disables the KL term and the reference model") }
        let inForce = rewardsInForce
        if let w = rewards.weights, w.count != inForce.count {
            throw fail("reward_weights", "has \(w.count) weights for the \(inForce.count) rewards in force (\(inForce.joined(separator: ", "))"
                + "\(rewards.funcs.isEmpty ? ", the task's defaults" : "")); give one weight per reward")
        }
        if let orphan = rewards.options.keys.sorted().first(where: { !inForce.contains($0) }) {
            throw fail("reward_options.\(orphan)", "names no reward in force (\(inForce.joined(separator: ", ")))")
        }
        if sampling.topK < 0 { throw fail("top_k", "must be ≥ 0 (got \(sampling.topK)); 0 keeps every token") }
        if !(0..<1).contains(sampling.minP) { throw fail("min_p", "must be in [0, 1) (got \(sampling.minP)); 0 disables it") }
        if !(sampling.repetitionPenalty > 0) { throw fail("repetition_penalty", "must be positive (got \(sampling.repetitionPenalty)); 1 disables it") }
        if sampling.stop.contains("") { throw fail("stop", "an empty stop string would end every completion at once") }
        if lora.rank > 0 && !(0..<1).contains(lora.dropout) { throw fail("lora.dropout", "must be in [0, 1) (got \(lora.dropout))") }
        if lora.rank > 0, let bad = lora.targetModules.first(where: { !LoRAConfig.knownModules.contains($0) }) {
            throw fail("lora.target_modules", "\(bad) is not one of \(LoRAConfig.knownModules.joined(separator: ", "))")
        }
        if let g = data.goldFormat, !["gsm8k", "boxed", "raw"].contains(g) {
            throw fail("dataset.gold_format", "\"\(g)\" is not one of gsm8k (after ####), boxed (the last \\boxed{}), raw (the field as it is)")
        }
        if !data.isBuiltinTask && data.path == nil { throw fail("dataset.path", "is required when dataset.task is \(data.task)") }
        if sampling.dynamicSampling && sampling.dynamicSamplingMaxRounds < 1 { throw fail("dynamic_sampling_max_rounds", "must be at least 1") }
        if coldStart.steps < 0 || coldStart.batchSize < 1 { throw fail("cold_start_steps", "cold_start_steps ≥ 0 and cold_start_batch_size ≥ 1 are required") }
        if lora.rank < 0 { throw fail("lora.r", "must be positive") }
        if logging.saveSteps < 0 || logging.loggingSteps < 1 { throw fail("save_steps", "save_steps ≥ 0 and logging_steps ≥ 1 are required") }
        if logging.evalSteps < 0 || logging.evalSize < 1 { throw fail("eval_steps", "eval_steps ≥ 0 and eval_size ≥ 1 are required") }
        if logging.evalSteps > 0 && !data.isBuiltinTask && logging.evalDataset == nil {
            throw fail("eval_dataset", "is required with eval_steps on a jsonl task: a JSONL file of held-out examples with the dataset's fields")
        }
        if logging.saveTotalLimit < 1 { throw fail("save_total_limit", "must be at least 1 to resume") }
        if data.task == "countdown" && !(3...4).contains(data.countdownNumbers) {
            throw fail("dataset.numbers", "must be 3 or 4 (got \(data.countdownNumbers))")
        }
        if data.task == "countdown" && !(2...99).contains(data.countdownMaxNumber) {
            throw fail("dataset.max_number", "must be in 2...99 (got \(data.countdownMaxNumber))")
        }
        if data.task == "countdown" && (data.countdownOperations.isEmpty || !data.countdownOperations.allSatisfy({ "+-*/".contains($0) })) {
            throw fail("dataset.operations", "countdown draws operators from \"+-*/\" (got \"\(data.countdownOperations)\")")
        }
    }

    /// The rewards a run scores with: `reward_funcs`, or the task's defaults when it names none.
    var rewardsInForce: [String] {
        if !rewards.funcs.isEmpty { return rewards.funcs }
        switch data.task {
        case "countdown": return ["countdown", "think_format"]
        case "jsonl" where data.style == "code" && data.answerField == nil: return ["code_tests"]
        default: return ["math_answer", "think_format"]
        }
    }

    /// Each built-in reward in force built once with its options, so a wrong or misspelled option is an
    /// error naming the recipe at load rather than at the first step.
    func checkRewardOptions(file: String) throws {
        for name in rewardsInForce {
            guard let factory = RewardRegistry.builtins[name] else { continue }
            do { _ = try factory(rewards.options[name] ?? [:]) } catch {
                throw ConfigError("\(file): reward_options.\(name): \(error)")
            }
        }
    }

    /// Every setting as YAML (written to `config.resolved.yaml`); `init` records the starting model and
    /// `threads` the count the run resolved (the recipe's, or the machine's when it gives none).
    public func resolvedYAML(threads resolvedThreads: Int? = nil) -> String {
        var resolved = self
        resolved.run.threads = resolvedThreads ?? run.threads
        return RecipeKeys.yaml(Self.keys, resolved)
    }
}
