// `grpo pretrain`: a base model from scratch on a built-in task's corpus (direct answers, worked
// solutions, some of both wrong), so that R1-Zero-style RL has a base model with latent but unreliable
// ability to start from. Writes a complete model directory: weights, config.json, tokenizer.json and
// pretrain.json (the recipe's figures and the loss curve).
import Autograd
import Foundation
import Models
import Tasks
import Tokenizers

/// A pretraining recipe.
public struct PretrainConfig: Equatable, Sendable {
    public var name = "base"
    public var seed: UInt64 = 0
    public var threads: Int?
    /// A built-in shape (`micro`, `tiny`, `small`).
    public var model = "tiny"
    /// A model directory `grpo pretrain` wrote, to continue from instead of a random `model`.
    public var initFrom: String?
    /// `arithmetic` or `countdown`.
    public var task = "arithmetic"
    public var digits = 2
    public var operands = 2
    /// Arithmetic's or Countdown's operators (Countdown's default: all four).
    public var operations = "+"
    /// Countdown: numbers per question and the largest of them.
    public var numbers = 3
    public var maxNumber = 25
    public var template = "r1_zero_short"
    public var workedFraction = 0.2
    /// Steps at the start that see worked documents only, so the model learns to compute before the
    /// direct answers (mostly noise) join in.
    public var workedOnlySteps = 0
    public var workedErrorRate = 0.1
    public var directErrorRate = 0.7
    public var steps = 1000
    public var batchSize = 32
    public var learningRate = 2e-3
    public var warmupSteps = 50
    public var maxGradNorm = 1.0

    /// Every key a recipe may hold, in the order docs/pretrain.md lists them.
    public static let keys: [RecipeKey<PretrainConfig>] = {
        typealias K = RecipeKey<PretrainConfig>
        let run = "Run", data = "Data", corpus = "Corpus", training = "Training"
        let countdown: (PretrainConfig) -> Bool = { $0.task == "countdown" }
        return [
            .string("name", run, \.name, "recorded in `pretrain.json`"),
            K("seed", run, "initialisation and corpus", read: { $0.seed = UInt64(try $1.int($2, Int($0.seed))) },
              write: { "\($0.seed)" }),
            .optionalInt("threads", run, \.threads, "also `--threads`", default: "all cores"),
            .choice("model", run, \.model, from: TransformerConfig.builtinNames,
                    "built-in shape: `micro` (~1M parameters), `tiny` (~3.4M), `small` (~25M)"),
            K("init", run, "continue from a model directory `grpo pretrain` wrote (its shape and weights), relative to the "
                + "recipe; not with `model`", default: "none", read: { root, r, key in
                guard let path = try r.optionalString(key) else { return }
                if r.has("model") { throw r.fail(key, "continues the shape of its model; drop model: \(root.model)") }
                let resolved = GRPOConfig.resolveModelPath(path, recipe: r.file)
                guard FileManager.default.fileExists(atPath: resolved + "/pretrain.json") else {
                    throw r.fail(key, "\(path) is not a model directory grpo pretrain wrote (no pretrain.json)")
                }
                root.initFrom = resolved
            }, write: { $0.initFrom.map(yamlQuoted) ?? "null" }),
            .choice("dataset.task", data, \.task, from: ["arithmetic", "countdown"], "`arithmetic` or `countdown`"),
            K.int("dataset.digits", data, \.digits, "arithmetic, as in `grpo train`")
                .only(when: { !countdown($0) }, "does not apply to dataset.task countdown"),
            K.int("dataset.operands", data, \.operands, "arithmetic, as in `grpo train`")
                .only(when: { !countdown($0) }, "does not apply to dataset.task countdown"),
            K("dataset.operations", data, "the operators, as in `grpo train`", default: "`\"+\"`, countdown `\"+-*/\"`",
              read: { root, r, key in root.operations = try r.string(key, countdown(root) ? "+-*/" : root.operations) },
              write: { yamlQuoted($0.operations) }),
            K.int("dataset.numbers", data, \.numbers, "countdown, as in `grpo train`")
                .only(when: countdown, "applies only to dataset.task countdown"),
            K.int("dataset.max_number", data, \.maxNumber, "countdown, as in `grpo train`")
                .only(when: countdown, "applies only to dataset.task countdown"),
            .choice("dataset.template", data, \.template, from: PromptTemplate.allCases.map(\.rawValue),
                    "the prompt template the model learns (use the same one in RL)"),
            .double("corpus.worked_fraction", corpus, \.workedFraction, "share of worked documents (the rest answer directly)"),
            .double("corpus.worked_error_rate", corpus, \.workedErrorRate, "share of worked documents with a mistake; for "
                + "countdown, the chance per miss that the search gives up and answers the miss"),
            .double("corpus.direct_error_rate", corpus, \.directErrorRate, "share of wrong direct answers (for countdown, a "
                + "chain that misses)"),
            .int("corpus.worked_only_steps", corpus, \.workedOnlySteps, "the first N steps see worked documents only (a "
                + "curriculum: mixed in from the start, the mostly-wrong direct answers kept a `tiny` model's loss on a "
                + "plateau for 1500 steps)"),
            .int("steps", training, \.steps, "optimiser steps"),
            .int("batch_size", training, \.batchSize, "documents per step"),
            .double("learning_rate", training, \.learningRate, "peak AdamW learning rate: linear warmup, then cosine to 10%"),
            .int("warmup_steps", training, \.warmupSteps, "steps of linear warmup"),
            .double("max_grad_norm", training, \.maxGradNorm, "gradient-norm clipping"),
        ]
    }()

    /// The key tables of docs/pretrain.md, made from `keys`.
    public static var keyTables: String { RecipeKeys.markdown(keys, defaults: PretrainConfig()) }

    public init() {}

    /// Reads a YAML recipe and applies `key=value` overrides.
    public static func load(path: String, overrides: [String] = []) throws -> PretrainConfig {
        try PretrainConfig(file: path, values: RecipeFile.values(path: path, overrides: overrides))
    }

    init(file: String, values: [String: Any]) throws {
        try RecipeKeys.read(Self.keys, into: &self, file: file, values: values)
        let r = ConfigReader(file: file, values: values)
        let d = ConfigReader(file: file, prefix: "dataset.", values: [:]), c = ConfigReader(file: file, prefix: "corpus.", values: [:])
        if !(3...4).contains(numbers) { throw d.fail("numbers", "must be 3 or 4 (got \(numbers))") }
        if !(2...99).contains(maxNumber) { throw d.fail("max_number", "must be in 2...99 (got \(maxNumber))") }
        for (key, value) in [("worked_fraction", workedFraction), ("worked_error_rate", workedErrorRate),
                             ("direct_error_rate", directErrorRate)] where !(0...1).contains(value) {
            throw c.fail(key, "must be in [0, 1] (got \(value))")
        }
        // The task's own checks (operators, digits, operands) named at load, not at the first step.
        do { _ = try corpus() } catch let error as TaskError { throw ConfigError("\(file): dataset: \(error)") }
        if steps < 1 { throw r.fail("steps", "must be at least 1") }
        if batchSize < 1 { throw r.fail("batch_size", "must be at least 1") }
        if !(learningRate > 0) { throw r.fail("learning_rate", "must be positive") }
        if warmupSteps < 0 { throw r.fail("warmup_steps", "must be ≥ 0") }
        if !(0..<steps).contains(workedOnlySteps) {
            throw r.fail("corpus.worked_only_steps", "must be in 0..<steps (\(steps)), got \(workedOnlySteps)")
        }
    }

    /// The corpus this recipe trains on.
    public func corpus() throws -> any TaskCorpus {
        let template = PromptTemplate(rawValue: template)!
        let mix = try CorpusMix(workedFraction: workedFraction, workedErrorRate: workedErrorRate,
                                directErrorRate: directErrorRate, seed: seed &+ 0xC0_4905)
        if task == "countdown" {
            let task = try CountdownTask(numbers: numbers, maxNumber: maxNumber, operations: operations, split: .train,
                                         template: template, seed: seed)
            return try CountdownCorpus(task: task, mix: mix)
        }
        let task = try ArithmeticTask(digits: digits, operands: operands, operations: operations, split: .train,
                                      template: template, seed: seed)
        return try ArithmeticCorpus(task: task, mix: mix)
    }
}

/// Trains a base model on a task corpus.
public enum Pretrainer {
    /// Trains and writes the model directory `out`; `progress` gets (step, loss). Returns the last loss.
    @discardableResult
    public static func run(_ config: PretrainConfig, out: URL, progress: (Int, Double) -> Void) throws -> Double {
        Runtime.configure(threads: config.threads)
        let corpus = try config.corpus()
        let tokenizer = CharTokenizer()
        var shape = TransformerConfig.builtin(config.model)!
        if let eos = tokenizer.id(of: "<|endoftext|>") { shape.eosTokenIds = [eos] }
        if let pad = tokenizer.id(of: "<|pad|>") { shape.padTokenId = pad }
        let model = try config.initFrom.map { try ModelDirectory.load(URL(fileURLWithPath: $0)) }
            ?? Transformer(config: shape, seed: config.seed)
        let parameters = model.parameterList
        let optimizer = AdamW(groups: ParameterGroup.decayMatricesOnly(parameters, weightDecay: 0))
        let schedule = LRSchedule(kind: .cosine, baseLR: Float(config.learningRate), warmupSteps: config.warmupSteps,
                                  totalSteps: config.steps, minLRRatio: 0.1)
        let eos = Int32(model.config.eosTokenIds[0])
        var losses: [Double] = []
        for step in 0..<config.steps {
            var prompts: [[Int32]] = [], targets: [[Int32]] = []
            for row in 0..<config.batchSize {
                let doc = corpus.document(at: step * config.batchSize + row,
                                          workedFraction: step < config.workedOnlySteps ? 1 : nil)
                prompts.append(tokenizer.encode(doc.prompt, addSpecialTokens: true).map(Int32.init))
                targets.append(tokenizer.encode(doc.completion, addSpecialTokens: false).map(Int32.init) + [eos])
            }
            let loss = try SupervisedStep.run(model, optimizer: optimizer, parameters: parameters, prompts: prompts,
                                              targets: targets, lr: schedule.lr(step: step),
                                              maxGradNorm: Float(config.maxGradNorm))
            guard loss.isFinite else {
                throw ConfigError("pretrain: the loss became \(loss) at step \(step + 1); lower learning_rate")
            }
            losses.append(loss)
            progress(step + 1, loss)
        }
        try ModelDirectory.save(model, to: out)
        try tokenizer.save(to: out.appendingPathComponent("tokenizer.json"))
        let summary: [String: Any] = [
            "name": config.name, "seed": config.seed, "steps": config.steps,
            "batch_size": config.batchSize, "learning_rate": config.learningRate, "task": config.task,
            "template": config.template, "worked_fraction": config.workedFraction, "worked_only_steps": config.workedOnlySteps,
            "worked_error_rate": config.workedErrorRate, "direct_error_rate": config.directErrorRate,
            "loss_every_10_steps": stride(from: 0, to: losses.count, by: 10).map { losses[$0] }, "final_loss": losses.last!]
        var taskKnobs: [String: Any] = config.task == "countdown"
            ? ["numbers": config.numbers, "max_number": config.maxNumber, "operations": config.operations]
            : ["digits": config.digits, "operands": config.operands, "operations": config.operations]
        // A continued model records where it started; its shape is that model's.
        taskKnobs[config.initFrom == nil ? "model" : "init"] = config.initFrom ?? config.model
        let data = try JSONSerialization.data(withJSONObject: summary.merging(taskKnobs) { a, _ in a },
                                              options: [.sortedKeys, .prettyPrinted])
        try data.write(to: out.appendingPathComponent("pretrain.json"), options: .atomic)
        return losses.last!
    }
}
