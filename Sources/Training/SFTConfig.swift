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
    /// How `messages` lines become text: `chatml` (the fixed layout), `model` (the model directory's own
    /// chat template) or a Jinja template file.
    public var template = "chatml"
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

    /// Every key a recipe may hold, in the order config.resolved.yaml and docs/sft.md list them.
    public static let keys: [RecipeKey<SFTConfig>] = {
        typealias K = RecipeKey<SFTConfig>
        let run = "Run", data = "Data", loss = "Loss", optimisation = "Optimisation", logging = "Logging and checkpoints"
        /// A path as given, or beside the recipe when it is not found from the working directory.
        func path(_ p: String, _ r: ConfigReader) -> String { GRPOConfig.resolveModelPath(p, recipe: r.file) }
        func lora(_ name: String, _ meaning: String, default d: String, _ set: @escaping (inout LoRAConfig, ConfigReader, String) throws -> Void,
                  _ show: @escaping (LoRAConfig) -> String) -> K {
            K(name, optimisation, meaning, default: d, read: { root, r, key in
                if root.lora == nil { root.lora = LoRAConfig(rank: 8, targetModules: ["q_proj", "k_proj", "v_proj", "o_proj"]) }
                try set(&root.lora!, r, key)
            }, write: { $0.lora.map(show) })
        }
        return [
            .string("name", run, \.name, "run name: the run directory is `runs/NAME` unless `--out`"),
            K("seed", run, "data order, LoRA init and dropout", read: { $0.seed = UInt64(try $1.int($2, Int($0.seed))) },
              write: { "\($0.seed)" }),
            .optionalInt("threads", run, \.threads, "also `--threads`; config.resolved.yaml records the count used", default: "every core"),
            K("model", run, "a built-in shape (random init) or a model directory (`grpo pretrain`, `grpo train`'s `final/`, "
                + "a Hugging Face Llama/Qwen2 directory)", read: { root, r, _ in
                  root.model = try r.startingModel(root.model)
                  if TransformerConfig.builtin(root.model) == nil && !FileManager.default.fileExists(atPath: root.model + "/config.json") {
                      throw r.fail(r.has("init") ? "init" : "model", "\(root.model) is neither a built-in shape "
                          + "(\(TransformerConfig.builtinNames.joined(separator: ", "))) nor a model directory")
                  }
              }, write: { yamlQuoted($0.model) }),
            K("init", run, "the starting model as config.resolved.yaml records it: the same key as `model`", default: "`model`",
              read: { _, _, _ in }, write: { yamlQuoted(GRPOTrainer.initPath($0.model)) }),
            K("tokenizer", run, "a `tokenizer.json` path, or `char`", default: "the model directory's",
              read: { root, r, key in root.tokenizer = try r.optionalString(key).map { $0 == "char" ? $0 : path($0, r) } },
              write: { $0.tokenizer.map(yamlQuoted) ?? "null" }),
            K("dataset.path", data, "the training JSONL (required)", default: "—",
              read: { root, r, key in
                  guard let train = try r.optionalString(key) else { throw r.fail(key, "is required (a JSONL file)") }
                  root.datasetPath = path(train, r)
              }, write: { yamlQuoted($0.datasetPath) }),
            K("dataset.eval_path", data, "held-out JSONL; none of its prompts may appear in the training file", default: "none",
              read: { root, r, key in root.evalPath = try r.optionalString(key).map { path($0, r) } },
              write: { $0.evalPath.map(yamlQuoted) ?? "null" }),
            K("dataset.template", data, "how `messages` lines become text: `chatml` (fixed ChatML turns), `model` (the model "
                + "directory's own `chat_template`, from tokenizer_config.json or chat_template.jinja, applied as transformers "
                + "does; the loss covers each assistant reply and its end-of-turn marker, `docs/chat-templates.md`) or a "
                + "Jinja template file", default: "`chatml`",
              read: { root, r, key in
                  guard let value = try r.optionalString(key) else { return }
                  if value == "chatml" || value == "model" { root.template = value; return }
                  let file = path(value, r)
                  guard FileManager.default.fileExists(atPath: file) else {
                      throw r.fail(key, "must be chatml, model or a Jinja template file (\(file) does not exist)")
                  }
                  root.template = file
              }, write: { yamlQuoted($0.template) }),
            .double("dataset.eval_fraction", data, \.evalFraction, "share held out by prompt hash, when there is no `eval_path`"),
            .bool("completion_only_loss", loss, \.completionOnlyLoss, "`false` trains on the prompt too"),
            .optionalInt("max_length", loss, \.maxLength, "longest example in tokens (longer ones are cut)",
                         default: "model's `max_position_embeddings`"),
            .bool("packing", loss, \.packing, "packs each micro-batch's examples first-fit into as few rows of `max_length` as "
                + "they fit; positions restart and attention stays inside each example, so the update is the unpacked one "
                + "(checked by a test) in fewer, fuller rows"),
            .double("num_train_epochs", optimisation, \.numTrainEpochs, "passes over the training examples (a fraction is allowed)"),
            .int("max_steps", optimisation, \.maxSteps, "steps to run; above 0 it overrides `num_train_epochs` (config.resolved.yaml "
                + "records the steps the run takes)"),
            .int("per_device_train_batch_size", optimisation, \.batchSize, "examples per micro-batch"),
            .int("gradient_accumulation_steps", optimisation, \.gradientAccumulationSteps, "micro-batches per step; the loss is "
                + "normalised by the trained tokens of the whole step, so the update does not depend on the split"),
            .double("learning_rate", optimisation, \.learningRate, "peak learning rate (AdamW)"),
            .choice("lr_scheduler_type", optimisation, \.lrSchedulerType, from: LRSchedule.Kind.allCases.map(\.rawValue),
                    "`constant`, `constant_with_warmup`, `linear`, `cosine`"),
            .double("warmup_ratio", optimisation, \.warmupRatio, "share of the steps warming up"),
            .double("weight_decay", optimisation, \.weightDecay, "decoupled, on matrices only"),
            .double("max_grad_norm", optimisation, \.maxGradNorm, "gradient clipping; 0 disables it"),
            .double("adam_beta1", optimisation, \.adamBeta1, "AdamW's first-moment decay"),
            .double("adam_beta2", optimisation, \.adamBeta2, "AdamW's second-moment decay"),
            .double("adam_epsilon", optimisation, \.adamEpsilon, "AdamW's epsilon"),
            lora("lora.r", "LoRA rank (a `lora:` section trains adapters only; `final/` has them merged, and "
                 + "`final/adapter/` in PEFT's layout)", default: "`8` (no `lora:`: all weights)",
                 { $0.rank = try $1.int($2, $0.rank) }, { "\($0.rank)" }),
            lora("lora.alpha", "the update is scaled by alpha / r", default: "`16`", { $0.alpha = try $1.double($2, $0.alpha) }, { "\($0.alpha)" }),
            lora("lora.dropout", "dropout on the adapter input during training", default: "`0`",
                 { $0.dropout = try $1.double($2, $0.dropout) }, { "\($0.dropout)" }),
            lora("lora.target_modules", "any of `q_proj k_proj v_proj o_proj gate_proj up_proj down_proj`",
                 default: "`[q_proj, k_proj, v_proj, o_proj]`", { $0.targetModules = try $1.strings($2, $0.targetModules) },
                 { "[\($0.targetModules.joined(separator: ", "))]" }),
            .int("logging_steps", logging, \.loggingSteps, "metrics lines are means over this many steps"),
            .int("save_steps", logging, \.saveSteps, "checkpoints every N steps (and at the end); needed for `--resume`"),
            .int("save_total_limit", logging, \.saveTotalLimit, "checkpoints kept"),
            .int("eval_steps", logging, \.evalSteps, "held-out loss every N steps (0: before and after only)"),
        ]
    }()

    /// Keys a recipe may hold, by section ("" for the top level).
    public static var sections: [String: [String]] { RecipeKeys.sections(keys) }

    /// The key tables of docs/sft.md, made from `keys`.
    public static var keyTables: String { RecipeKeys.markdown(keys, defaults: SFTConfig()) }

    public init() {}

    /// Reads a YAML recipe and applies `key=value` overrides.
    public static func load(path: String, overrides: [String] = []) throws -> SFTConfig {
        try SFTConfig(file: path, values: RecipeFile.values(path: path, overrides: overrides))
    }

    init(file: String, values: [String: Any]) throws {
        let r = ConfigReader(file: file, values: values)
        if !r.has("dataset") { throw r.fail("dataset", "is required: {path: train.jsonl}") }
        try RecipeKeys.read(Self.keys, into: &self, file: file, values: values)
        let d = ConfigReader(file: file, prefix: "dataset.", values: [:]), l = ConfigReader(file: file, prefix: "lora.", values: [:])
        if !(0..<1).contains(evalFraction) { throw d.fail("eval_fraction", "must be in [0, 1) (got \(evalFraction))") }
        if evalPath != nil && evalFraction > 0 { throw d.fail("eval_fraction", "holds out part of path; with eval_path give one of the two") }
        if let lora {
            if lora.rank < 1 { throw l.fail("r", "must be at least 1 (got \(lora.rank))") }
            if !(0..<1).contains(lora.dropout) { throw l.fail("dropout", "must be in [0, 1) (got \(lora.dropout))") }
            if let bad = lora.targetModules.first(where: { !LoRAConfig.knownModules.contains($0) }) {
                throw l.fail("target_modules", "\(bad) is not one of \(LoRAConfig.knownModules.joined(separator: ", "))")
            }
        }
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

    /// Every setting as YAML (written to `config.resolved.yaml`): `init` records the starting model,
    /// `threads` the count the run used and `max_steps` the steps it takes.
    public func resolvedYAML(threads resolvedThreads: Int, steps: Int) -> String {
        var resolved = self
        resolved.threads = resolvedThreads
        resolved.maxSteps = steps
        return RecipeKeys.yaml(Self.keys, resolved)
    }
}
