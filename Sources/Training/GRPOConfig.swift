// The GRPO recipe: every knob under TRL's GRPOConfig name, grouped as TRL groups them, read from YAML
// and checked as a whole (`validate`) with messages that say which key to change and how.
// Papers: GRPO (DeepSeekMath, Shao et al. 2024); clip-higher, dynamic sampling, token-level loss and
// soft overlong punishment (DAPO, Yu et al. 2025); Dr. GRPO (Liu et al. 2025); GSPO's sequence-level
// importance sampling (Zheng et al. 2025).
import Foundation
import Models
import Rewards
import Yams

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

    /// Keys a recipe may hold, by section (a flat recipe may use them at top level too).
    public static let sections: [String: [String]] = [
        "": ["name", "init", "seed", "threads", "model", "tokenizer", "dataset", "reward_funcs", "reward_weights", "reward_timeout", "reward_options", "overlap_rewards",
             "num_generations", "prompts_per_step", "max_prompt_length", "max_completion_length", "temperature", "top_p",
             "top_k", "min_p", "repetition_penalty", "stop", "max_steps", "learning_rate", "lr_scheduler_type",
             "warmup_ratio", "weight_decay", "max_grad_norm", "adam_beta1", "adam_beta2", "adam_epsilon",
             "gradient_accumulation_steps", "num_iterations", "epsilon", "epsilon_high", "beta", "use_bias_correction_kl", "loss_type",
             "scale_rewards", "importance_sampling_level", "mask_truncated_completions", "dynamic_sampling",
             "dynamic_sampling_max_rounds", "cold_start_steps", "cold_start_learning_rate", "cold_start_batch_size", "lora", "logging_steps", "save_steps", "save_total_limit", "eval_steps", "eval_size", "eval_dataset"],
        "dataset": ["task", "path", "style", "question_field", "answer_field", "gold_format", "template", "digits",
                    "operands", "operations", "numbers", "max_number"],
        "lora": ["r", "alpha", "dropout", "target_modules"],
    ]

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
        let r = ConfigReader(file: file, values: values)
        try r.rejectUnknown(Self.sections[""]!)
        name = try r.string("name", name)
        seed = UInt64(try r.int("seed", Int(seed)))
        threads = try r.optionalInt("threads")
        // `init:` is what config.resolved.yaml records, so a resolved config runs again as it is.
        model = try r.startingModel(model)
        tokenizer = try r.optionalString("tokenizer")
        if let d = try r.mapping("dataset") {
            try d.rejectUnknown(Self.sections["dataset"]!)
            task = try d.choice("task", task, from: ["arithmetic", "countdown", "jsonl", "gsm8k"])
            datasetPath = try d.optionalString("path")
            datasetStyle = try d.choice("style", datasetStyle, from: ["gsm8k", "math", "code"])
            questionField = try d.optionalString("question_field")
            answerField = try d.optionalString("answer_field")
            goldFormat = try d.optionalString("gold_format")
            template = try d.choice("template", template, from: ["r1_zero", "r1_zero_short", "chatml", "plain"])
            arithmeticDigits = try d.int("digits", arithmeticDigits)
            arithmeticOperands = try d.int("operands", arithmeticOperands)
            if task != "countdown", let key = ["numbers", "max_number"].first(where: d.has) {
                throw d.fail(key, "applies only to dataset.task countdown (got task \(task))")
            }
            if task == "countdown", let key = ["digits", "operands"].first(where: d.has) {
                throw d.fail(key, "does not apply to dataset.task countdown (its knobs: numbers, max_number, operations)")
            }
            if task == "countdown" {
                countdownOperations = try d.string("operations", countdownOperations)
            } else {
                arithmeticOperations = try d.string("operations", arithmeticOperations)
            }
            countdownNumbers = try d.int("numbers", countdownNumbers)
            countdownMaxNumber = try d.int("max_number", countdownMaxNumber)
        }
        rewardFuncs = try r.strings("reward_funcs", rewardFuncs)
        rewardWeights = try r.doubles("reward_weights")
        rewardTimeout = try r.double("reward_timeout", rewardTimeout)
        overlapRewards = try r.autoBool("overlap_rewards")
        if let options = try r.mapping("reward_options") {
            for name in options.values.keys.sorted() {
                guard let entry = try options.mapping(name) else { continue }
                rewardOptions[name] = try entry.values.mapValues { try ConfigReader.json($0, entry.fail(name, "unsupported value")) }
            }
        }
        numGenerations = try r.int("num_generations", numGenerations)
        promptsPerStep = try r.int("prompts_per_step", promptsPerStep)
        maxPromptLength = try r.int("max_prompt_length", maxPromptLength)
        maxCompletionLength = try r.int("max_completion_length", maxCompletionLength)
        temperature = try r.double("temperature", temperature)
        topP = try r.double("top_p", topP)
        topK = try r.int("top_k", topK)
        minP = try r.double("min_p", minP)
        repetitionPenalty = try r.double("repetition_penalty", repetitionPenalty)
        stop = try r.strings("stop", stop)
        maxSteps = try r.int("max_steps", maxSteps)
        learningRate = try r.double("learning_rate", learningRate)
        lrSchedulerType = try r.choice("lr_scheduler_type", lrSchedulerType,
                                       from: ["constant", "constant_with_warmup", "linear", "cosine"])
        warmupRatio = try r.double("warmup_ratio", warmupRatio)
        weightDecay = try r.double("weight_decay", weightDecay)
        maxGradNorm = try r.double("max_grad_norm", maxGradNorm)
        adamBeta1 = try r.double("adam_beta1", adamBeta1)
        adamBeta2 = try r.double("adam_beta2", adamBeta2)
        adamEpsilon = try r.double("adam_epsilon", adamEpsilon)
        gradientAccumulationSteps = try r.int("gradient_accumulation_steps", gradientAccumulationSteps)
        numIterations = try r.int("num_iterations", numIterations)
        epsilon = try r.double("epsilon", epsilon)
        epsilonHigh = try r.optionalDouble("epsilon_high")
        beta = try r.double("beta", beta)
        useBiasCorrectionKL = try r.bool("use_bias_correction_kl", useBiasCorrectionKL)
        lossType = LossType(rawValue: try r.choice("loss_type", lossType.rawValue, from: LossType.allCases.map(\.rawValue)))!
        scaleRewards = try r.choice("scale_rewards", scaleRewards, from: ["group", "batch", "none"])
        importanceSamplingLevel = try r.choice("importance_sampling_level", importanceSamplingLevel,
                                               from: ["token", "sequence"])
        maskTruncatedCompletions = try r.bool("mask_truncated_completions", maskTruncatedCompletions)
        dynamicSampling = try r.bool("dynamic_sampling", dynamicSampling)
        dynamicSamplingMaxRounds = try r.int("dynamic_sampling_max_rounds", dynamicSamplingMaxRounds)
        coldStartSteps = try r.int("cold_start_steps", coldStartSteps)
        coldStartLearningRate = try r.double("cold_start_learning_rate", coldStartLearningRate)
        coldStartBatchSize = try r.int("cold_start_batch_size", coldStartBatchSize)
        if let l = try r.mapping("lora") {
            try l.rejectUnknown(Self.sections["lora"]!)
            loraRank = try l.int("r", 8)
            loraAlpha = try l.double("alpha", loraAlpha)
            loraDropout = try l.double("dropout", loraDropout)
            loraTargetModules = try l.strings("target_modules", loraTargetModules)
        }
        loggingSteps = try r.int("logging_steps", loggingSteps)
        saveSteps = try r.int("save_steps", saveSteps)
        saveTotalLimit = try r.int("save_total_limit", saveTotalLimit)
        evalSteps = try r.int("eval_steps", evalSteps)
        evalSize = try r.int("eval_size", evalSize)
        evalDataset = try r.optionalString("eval_dataset")
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

    /// Every setting as YAML (written to `config.resolved.yaml`); `init` records the starting model.
    /// `threads` is the count the run resolved (the recipe's, or the machine's when it gives none).
    public func resolvedYAML(initFrom: String, threads resolvedThreads: Int? = nil) -> String {
        func s(_ x: String) -> String { "\"\(x.replacingOccurrences(of: "\"", with: "\\\""))\"" }
        var lines = ["name: \(s(name))", "init: \(s(initFrom))", "seed: \(seed)", "model: \(s(model))",
                     "tokenizer: \(tokenizer.map(s) ?? "null")", "dataset:", "  task: \(task)",
                     "  path: \(datasetPath.map(s) ?? "null")", "  style: \(datasetStyle)",
                     "  template: \(template)"]
        lines += task == "countdown"
            ? ["  numbers: \(countdownNumbers)", "  max_number: \(countdownMaxNumber)", "  operations: \(s(countdownOperations))"]
            : ["  digits: \(arithmeticDigits)", "  operands: \(arithmeticOperands)", "  operations: \(s(arithmeticOperations))"]
        if let q = questionField { lines.append("  question_field: \(s(q))") }
        if let a = answerField { lines.append("  answer_field: \(s(a))") }
        if let g = goldFormat { lines.append("  gold_format: \(s(g))") }
        lines += ["reward_funcs: [\(rewardFuncs.map(s).joined(separator: ", "))]",
                  "reward_weights: \(rewardWeights.map { "[\($0.map { "\($0)" }.joined(separator: ", "))]" } ?? "null")",
                  "reward_timeout: \(rewardTimeout)", "overlap_rewards: \(overlapRewards.map { "\($0)" } ?? "auto")",
                  "reward_options: \(JSONValue.object(rewardOptions.mapValues { JSONValue.object($0) }).jsonText)", "num_generations: \(numGenerations)",
                  "prompts_per_step: \(promptsPerStep)", "max_prompt_length: \(maxPromptLength)",
                  "max_completion_length: \(maxCompletionLength)", "temperature: \(temperature)", "top_p: \(topP)",
                  "top_k: \(topK)", "min_p: \(minP)", "repetition_penalty: \(repetitionPenalty)",
                  "stop: [\(stop.map(s).joined(separator: ", "))]", "max_steps: \(maxSteps)",
                  "learning_rate: \(learningRate)", "lr_scheduler_type: \(lrSchedulerType)", "warmup_ratio: \(warmupRatio)",
                  "weight_decay: \(weightDecay)", "max_grad_norm: \(maxGradNorm)", "adam_beta1: \(adamBeta1)",
                  "adam_beta2: \(adamBeta2)", "adam_epsilon: \(adamEpsilon)",
                  "gradient_accumulation_steps: \(gradientAccumulationSteps)", "num_iterations: \(numIterations)",
                  "epsilon: \(epsilon)", "epsilon_high: \(epsilonHigh.map { "\($0)" } ?? "null")", "beta: \(beta)", "use_bias_correction_kl: \(useBiasCorrectionKL)",
                  "loss_type: \(lossType.rawValue)", "scale_rewards: \(scaleRewards)",
                  "importance_sampling_level: \(importanceSamplingLevel)",
                  "mask_truncated_completions: \(maskTruncatedCompletions)", "dynamic_sampling: \(dynamicSampling)",
                  "dynamic_sampling_max_rounds: \(dynamicSamplingMaxRounds)", "cold_start_steps: \(coldStartSteps)",
                  "cold_start_learning_rate: \(coldStartLearningRate)", "cold_start_batch_size: \(coldStartBatchSize)"]
        if loraRank > 0 {
            lines += ["lora:", "  r: \(loraRank)", "  alpha: \(loraAlpha)", "  dropout: \(loraDropout)",
                      "  target_modules: [\(loraTargetModules.joined(separator: ", "))]"]
        }
        lines += ["logging_steps: \(loggingSteps)", "save_steps: \(saveSteps)", "save_total_limit: \(saveTotalLimit)",
                  "eval_steps: \(evalSteps)", "eval_size: \(evalSize)", "eval_dataset: \(evalDataset.map(s) ?? "null")",
                  "threads: \((resolvedThreads ?? threads).map { "\($0)" } ?? "null")"]
        return lines.joined(separator: "\n") + "\n"
    }
}
