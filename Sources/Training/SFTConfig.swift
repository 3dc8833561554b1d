// The `grpo sft` recipe under TRL's SFTConfig names: the model to start from, the JSONL data and its
// held-out part, the loss (completion only or every token), epochs or steps, optimiser and schedule,
// LoRA, and when to log, evaluate and save. Every value is checked when the recipe loads.
import Foundation
import Autograd
import Models

/// A supervised fine-tuning recipe.
public struct SFTConfig: Equatable, Sendable {
    public var name = "sft"
    public var seed: UInt64 = 0
    public var threads: Int?
    /// A built-in shape or a model directory (`init:` is the same key).
    public var model = "tiny"
    /// A tokenizer.json path, or `char`; default: the model directory's.
    public var tokenizer: String?
    /// JSONL of `prompt`/`completion`, `messages` or `text` lines.
    public var datasetPath = ""
    /// JSONL of held-out examples; none of its prompts may appear in the training file.
    public var evalPath: String?
    /// Without `eval_path`: the share of the training file held out, by a hash of each prompt.
    public var evalFraction = 0.0
    /// Loss on the completion (assistant turns) only; false trains on the prompt too.
    public var completionOnlyLoss = true
    /// Longest example in tokens (longer ones are cut); default: the model's max_position_embeddings.
    public var maxLength: Int?
    /// Packs each step's examples into as few rows of max_length as they fit, kept apart in attention.
    public var packing = false
    public var numTrainEpochs = 3.0
    /// Steps to run; overrides `num_train_epochs` when above 0.
    public var maxSteps = 0
    public var batchSize = 8
    public var gradientAccumulationSteps = 1
    public var learningRate = 2e-5
    public var lrSchedulerType = "linear"
    public var warmupRatio = 0.0
    public var weightDecay = 0.0
    public var maxGradNorm = 1.0
    public var adamBeta1 = 0.9
    public var adamBeta2 = 0.999
    public var adamEpsilon = 1e-8
    public var lora: LoRAConfig?
    public var loggingSteps = 1
    /// Steps between checkpoints (0: none); the last step always writes `final/`.
    public var saveSteps = 0
    public var saveTotalLimit = 3
    /// Steps between held-out losses (0: only before the first step and after the last).
    public var evalSteps = 0

    /// Keys a recipe may hold, by section.
    public static let sections: [String: [String]] = [
        "": ["name", "seed", "threads", "model", "init", "tokenizer", "dataset", "completion_only_loss",
             "max_length", "packing", "num_train_epochs", "max_steps", "per_device_train_batch_size",
             "gradient_accumulation_steps", "learning_rate", "lr_scheduler_type", "warmup_ratio", "weight_decay",
             "max_grad_norm", "adam_beta1", "adam_beta2", "adam_epsilon", "lora", "logging_steps", "save_steps",
             "save_total_limit", "eval_steps"],
        "dataset": ["path", "eval_path", "eval_fraction"],
        "lora": ["r", "alpha", "dropout", "target_modules"],
    ]

    public init() {}

    /// Reads a YAML recipe and applies `key=value` overrides.
    public static func load(path: String, overrides: [String] = []) throws -> SFTConfig {
        try SFTConfig(file: path, values: RecipeFile.values(path: path, overrides: overrides))
    }

    init(file: String, values: [String: Any]) throws {
        let r = ConfigReader(file: file, values: values)
        try r.rejectUnknown(Self.sections[""]!)
        func path(_ p: String) -> String { GRPOConfig.resolveModelPath(p, recipe: file) }
        name = try r.string("name", name)
        seed = UInt64(try r.int("seed", Int(seed)))
        threads = try r.optionalInt("threads")
        model = try r.startingModel(model)
        if TransformerConfig.builtin(model) == nil && !FileManager.default.fileExists(atPath: model + "/config.json") {
            throw r.fail(r.has("init") ? "init" : "model", "\(model) is neither a built-in shape (\(TransformerConfig.builtinNames.joined(separator: ", "))) nor a model directory")
        }
        tokenizer = try r.optionalString("tokenizer").map { $0 == "char" ? $0 : path($0) }
        guard let d = try r.mapping("dataset") else { throw r.fail("dataset", "is required: {path: train.jsonl}") }
        try d.rejectUnknown(Self.sections["dataset"]!)
        guard let train = try d.optionalString("path") else { throw d.fail("path", "is required (a JSONL file)") }
        datasetPath = path(train)
        evalPath = try d.optionalString("eval_path").map(path)
        evalFraction = try d.double("eval_fraction", evalFraction)
        if !(0..<1).contains(evalFraction) { throw d.fail("eval_fraction", "must be in [0, 1) (got \(evalFraction))") }
        if evalPath != nil && evalFraction > 0 { throw d.fail("eval_fraction", "holds out part of path; with eval_path give one of the two") }
        completionOnlyLoss = try r.bool("completion_only_loss", completionOnlyLoss)
        maxLength = try r.optionalInt("max_length")
        packing = try r.bool("packing", packing)
        numTrainEpochs = try r.double("num_train_epochs", numTrainEpochs)
        maxSteps = try r.int("max_steps", maxSteps)
        batchSize = try r.int("per_device_train_batch_size", batchSize)
        gradientAccumulationSteps = try r.int("gradient_accumulation_steps", gradientAccumulationSteps)
        learningRate = try r.double("learning_rate", learningRate)
        lrSchedulerType = try r.choice("lr_scheduler_type", lrSchedulerType, from: LRSchedule.Kind.allCases.map(\.rawValue))
        warmupRatio = try r.double("warmup_ratio", warmupRatio)
        weightDecay = try r.double("weight_decay", weightDecay)
        maxGradNorm = try r.double("max_grad_norm", maxGradNorm)
        adamBeta1 = try r.double("adam_beta1", adamBeta1)
        adamBeta2 = try r.double("adam_beta2", adamBeta2)
        adamEpsilon = try r.double("adam_epsilon", adamEpsilon)
        if let l = try r.mapping("lora") {
            try l.rejectUnknown(Self.sections["lora"]!)
            let rank = try l.int("r", 8)
            if rank < 1 { throw l.fail("r", "must be at least 1 (got \(rank))") }
            let dropout = try l.double("dropout", 0)
            if !(0..<1).contains(dropout) { throw l.fail("dropout", "must be in [0, 1) (got \(dropout))") }
            let modules = try l.strings("target_modules", ["q_proj", "k_proj", "v_proj", "o_proj"])
            if let bad = modules.first(where: { !LoRAConfig.knownModules.contains($0) }) {
                throw l.fail("target_modules", "\(bad) is not one of \(LoRAConfig.knownModules.joined(separator: ", "))")
            }
            lora = LoRAConfig(rank: rank, alpha: try l.double("alpha", 16), dropout: dropout, targetModules: modules)
        }
        loggingSteps = try r.int("logging_steps", loggingSteps)
        saveSteps = try r.int("save_steps", saveSteps)
        saveTotalLimit = try r.int("save_total_limit", saveTotalLimit)
        evalSteps = try r.int("eval_steps", evalSteps)
        for (key, value) in [("per_device_train_batch_size", batchSize), ("gradient_accumulation_steps", gradientAccumulationSteps),
                             ("logging_steps", loggingSteps), ("save_total_limit", saveTotalLimit)] where value < 1 {
            throw r.fail(key, "must be at least 1 (got \(value))")
        }
        for (key, value) in [("max_steps", maxSteps), ("save_steps", saveSteps), ("eval_steps", evalSteps)] where value < 0 {
            throw r.fail(key, "must be ≥ 0 (got \(value))")
        }
        if maxSteps == 0 && !(numTrainEpochs > 0) { throw r.fail("num_train_epochs", "must be positive when max_steps is 0") }
        if let m = maxLength, m < 2 { throw r.fail("max_length", "must be at least 2 tokens (got \(m))") }
        if !(learningRate > 0) { throw r.fail("learning_rate", "must be positive (got \(learningRate))") }
        if !(0..<1).contains(warmupRatio) { throw r.fail("warmup_ratio", "must be in [0, 1) (got \(warmupRatio))") }
        if maxGradNorm < 0 { throw r.fail("max_grad_norm", "must be ≥ 0 (0 disables clipping)") }
    }

    /// Every setting as YAML (written to `config.resolved.yaml`); `init` records the starting model.
    public func resolvedYAML(threads resolvedThreads: Int, steps: Int) -> String {
        func s(_ x: String?) -> String { x.map { "\"\($0.replacingOccurrences(of: "\"", with: "\\\""))\"" } ?? "null" }
        var lines = ["name: \(s(name))", "init: \(s(GRPOTrainer.initPath(model)))", "seed: \(seed)", "tokenizer: \(s(tokenizer))",
                     "dataset:", "  path: \(s(datasetPath))", "  eval_path: \(s(evalPath))", "  eval_fraction: \(evalFraction)",
                     "completion_only_loss: \(completionOnlyLoss)", "max_length: \(maxLength.map { "\($0)" } ?? "null")",
                     "packing: \(packing)",
                     "num_train_epochs: \(numTrainEpochs)", "max_steps: \(steps)", "per_device_train_batch_size: \(batchSize)",
                     "gradient_accumulation_steps: \(gradientAccumulationSteps)", "learning_rate: \(learningRate)",
                     "lr_scheduler_type: \(lrSchedulerType)", "warmup_ratio: \(warmupRatio)", "weight_decay: \(weightDecay)",
                     "max_grad_norm: \(maxGradNorm)", "adam_beta1: \(adamBeta1)", "adam_beta2: \(adamBeta2)",
                     "adam_epsilon: \(adamEpsilon)"]
        if let lora {
            lines += ["lora:", "  r: \(lora.rank)", "  alpha: \(lora.alpha)", "  dropout: \(lora.dropout)",
                      "  target_modules: [\(lora.targetModules.joined(separator: ", "))]"]
        }
        lines += ["logging_steps: \(loggingSteps)", "save_steps: \(saveSteps)", "save_total_limit: \(saveTotalLimit)",
                  "eval_steps: \(evalSteps)", "threads: \(resolvedThreads)"]
        return lines.joined(separator: "\n") + "\n"
    }
}
