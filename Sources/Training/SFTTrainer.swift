// `grpo sft`: supervised fine-tuning on JSONL, the step DeepSeek-R1 ran before RL (its cold start) and
// the second half of distillation. Loss on the trained tokens of each example only, normalised by the
// trained tokens of the whole accumulated batch (so micro-batching does not change the update), epochs
// in a seeded order, a held-out loss, checkpoints and bit-exact resume as in `grpo train`, and a `final/`
// model directory (LoRA merged in) that `grpo train` takes as `init:`. Under mpirun every rank takes its
// slice of each micro-batch (and of the held-out set) and gradients are summed, as in `grpo train`.
import Autograd
import Cluster
import Foundation
import Models
import Tasks
import Tokenizers

/// What one SFT step reports to the progress line.
public struct SFTReport: Sendable {
    public let step: Int
    public let totalSteps: Int
    public let metrics: [String: Double]
}

/// Trains a model on supervised examples according to an SFT recipe, writing under a run directory.
public final class SFTTrainer {
    public let config: SFTConfig
    /// Where this process writes: the run directory on rank 0, a scratch directory on the other ranks.
    public let runDirectory: URL
    /// The processes of a data-parallel job (one without mpirun).
    let processes: ProcessGroup
    public let model: Transformer
    /// Training and held-out examples (never sharing a prompt).
    public let train: [SFTExample]
    public let heldOut: [SFTExample]
    /// Examples cut to max_length (training and held-out).
    public let truncated: Int
    public let totalSteps: Int
    /// The longest row in tokens: max_length, else the model's positions.
    let maxLength: Int
    let optimizer: AdamW
    let schedule: LRSchedule
    let sink: RunOutput
    var state = TrainerState(step: 0, cursor: 0, optimizerSteps: 0, dropoutRNG: [], consecutiveBadSteps: 0)
    private var order: EpochOrder

    /// Builds the run; `resume`, `force` and `allowRecipeChange` behave as in `grpo train`. A `model` given
    /// is trained in place of loading `config.model` (the adapters it already has, if any, not its weights).
    public init(config: SFTConfig, runDirectory: URL, model given: Transformer? = nil, resume: Bool = false,
                force: Bool = false, allowRecipeChange: Bool = false, processes: ProcessGroup = .single) throws {
        let writer = processes.rank == 0
        let output = RunDirectory.output(runDirectory, rank: processes.rank)
        let earlier = try RunDirectory.claim(output, resume: resume && writer, force: force || !writer)
        self.config = config
        self.runDirectory = output
        self.processes = processes
        order = EpochOrder(seed: config.seed)
        Runtime.configure(threads: config.threads)
        let tokenizer = try RunSetup.tokenizer(model: config.model, tokenizer: config.tokenizer)
        model = try given ?? RunSetup.model(config.model, seed: config.seed, tokenizer: tokenizer)
        let positions = model.config.maxPositionEmbeddings
        if let m = config.maxLength, m > positions {
            throw ConfigError("max_length: \(m) tokens pass the model's max_position_embeddings (\(positions))")
        }
        let eos = model.config.eosTokenIds.first.map(Int32.init)
        maxLength = config.maxLength ?? positions
        let chatTemplate = try RunSetup.chatTemplate(config.template, model: config.model)
        let loaded = try SFTDataset.load(path: config.datasetPath, tokenizer: tokenizer, eos: eos,
                                         completionOnlyLoss: config.completionOnlyLoss, maxLength: maxLength,
                                         chatTemplate: chatTemplate)
        var cut = loaded.truncated
        if let evalPath = config.evalPath {
            let held = try SFTDataset.load(path: evalPath, tokenizer: tokenizer, eos: eos,
                                           completionOnlyLoss: config.completionOnlyLoss, maxLength: maxLength,
                                           chatTemplate: chatTemplate)
            let trainLines = Dictionary(loaded.examples.map { ($0.prompt, $0.line) }) { a, _ in a }
            if let shared = held.examples.first(where: { trainLines[$0.prompt] != nil }) {
                throw ConfigError("\(evalPath): line \(shared.line) has the prompt of \(config.datasetPath) line "
                    + "\(trainLines[shared.prompt]!): a held-out set must not share a question with training")
            }
            train = loaded.examples
            heldOut = held.examples
            cut += held.truncated
        } else {
            let percent = Int((config.evalFraction * 100).rounded())
            train = loaded.examples.filter { HashSplit.bucket($0.prompt) >= percent }
            heldOut = loaded.examples.filter { HashSplit.bucket($0.prompt) < percent }
            if train.isEmpty { throw ConfigError("\(config.datasetPath): eval_fraction \(config.evalFraction) leaves no training example") }
        }
        truncated = cut
        let perStep = config.batchSize * config.gradientAccumulationSteps
        totalSteps = config.maxSteps > 0 ? config.maxSteps
            : max(1, Int((config.numTrainEpochs * Double(train.count) / Double(perStep)).rounded(.up)))
        let resolved = config.resolvedYAML(threads: Runtime.threads, steps: totalSteps)
        if resume && writer && !allowRecipeChange { try RunDirectory.checkUnchanged(resolved, in: runDirectory) }
        if let lora = config.lora { try model.addLoRA(lora, seed: config.seed) }
        let trainable = model.loraConfig != nil ? model.loraParameters : model.parameterList
        optimizer = AdamW(groups: ParameterGroup.decayMatricesOnly(trainable, weightDecay: Float(config.weightDecay)),
                          beta1: Float(config.adamBeta1), beta2: Float(config.adamBeta2), eps: Float(config.adamEpsilon))
        schedule = LRSchedule(kind: LRSchedule.Kind(rawValue: config.lrSchedulerType)!, baseLR: Float(config.learningRate),
                              warmupSteps: Int(config.warmupRatio * Double(totalSteps)), totalSteps: totalSteps)
        try RunDirectory.clear(output, earlier)
        if resume, let last = TrainerCheckpoint.complete(runDirectory).last {
            state = try TrainerCheckpoint.load(last.url, into: model, optimizer: optimizer)
            if state.dropoutRNG.count == 4 { model.dropoutRNG.state = state.dropoutRNG }
        }
        sink = try RunOutput(run: output, resumedAt: resume && writer ? state.step : nil, rolloutLog: false)
        try sink.writeResolvedConfig(resolved)
    }

    /// Trains to the last step, calling `progress` after each (and with step 0 for the first held-out loss).
    public func run(progress: (SFTReport) -> Void = { _ in }) throws {
        if !heldOut.isEmpty && state.step == 0 {
            let m = ["eval_loss": try heldOutLoss()]
            try sink.appendMetrics(step: 0, metrics: m, alarms: [])
            progress(SFTReport(step: 0, totalSteps: totalSteps, metrics: m))
        }
        while state.step < totalSteps {
            let report = try step()
            progress(report)
            if state.consecutiveBadSteps >= 3 {
                throw ConfigError("stopped: the loss was NaN or infinite \(state.consecutiveBadSteps) steps in a row; lower learning_rate")
            }
        }
        guard processes.rank == 0 else { return try FileManager.default.removeItem(at: runDirectory) }
        let final = runDirectory.appendingPathComponent("final")
        try TrainerCheckpoint.saveModel(model.loraConfig != nil ? try model.mergedCopy() : model, to: final)
        try RunSetup.saveTokenizer(model: config.model, tokenizer: config.tokenizer, to: final)
        if model.loraConfig != nil { try model.saveLoRA(to: final.appendingPathComponent("adapter")) }
    }

    /// One optimiser step over `per_device_train_batch_size × gradient_accumulation_steps` examples.
    func step() throws -> SFTReport {
        let started = DispatchTime.now().uptimeNanoseconds
        let examples = nextExamples(config.batchSize * config.gradientAccumulationSteps)
        let tokens = examples.reduce(Float(0)) { $0 + $1.lossMask.dropFirst().reduce(0, +) }
        model.training = true
        var loss = 0.0
        // Packed, a micro-batch is per_device_train_batch_size examples in as few rows as they fit.
        for start in stride(from: 0, to: examples.count, by: config.batchSize) {
            let all = examples[start..<min(examples.count, start + config.batchSize)]
            let mine = processes.share(of: all.count)
            let micro = all.dropFirst(mine.lowerBound).prefix(mine.count)
            if micro.isEmpty { continue }
            let sum = config.packing
                ? try SupervisedStep.packedNLL(model, ids: micro.map(\.ids), masks: micro.map(\.lossMask), rowLength: maxLength).sum
                : try SupervisedStep.nll(model, ids: micro.map(\.ids), masks: micro.map(\.lossMask)).sum
            let part = try sum / max(1, tokens)
            let value = Double(part.item())
            loss += value
            if value.isFinite { try part.backward() }
        }
        loss = try processes.sum([loss])[0]
        let parameters = optimizer.parameters
        processes.sumGradients(parameters)
        let norm = Double(config.maxGradNorm > 0 ? parameters.clipGradNorm(maxNorm: Float(config.maxGradNorm)) : parameters.gradNorm())
        let lr = schedule.lr(step: state.optimizerSteps)
        let finite = loss.isFinite && norm.isFinite
        if finite {
            optimizer.step(lr: lr)
            state.optimizerSteps += 1
        }
        optimizer.zeroGrad()
        state.consecutiveBadSteps = finite ? 0 : state.consecutiveBadSteps + 1
        state.step += 1
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - started) / 1e9
        var m: [String: Double] = ["loss": loss, "grad_norm": norm, "learning_rate": Double(lr),
                                   "epoch": Double(state.cursor) / Double(train.count), "num_tokens": Double(tokens),
                                   "step_time": seconds, "tokens_per_second": Double(tokens) / max(seconds, 1e-9)]
        let last = state.step == totalSteps
        let evaluating = !heldOut.isEmpty && (last || config.evalSteps > 0 && state.step % config.evalSteps == 0)
        if evaluating { m["eval_loss"] = try heldOutLoss() }
        let saving = config.saveSteps > 0 && (state.step % config.saveSteps == 0 || last)
        try sink.appendMetrics(step: state.step, metrics: m, alarms: finite ? [] : ["loss was NaN or infinite: the update was skipped"],
                               endsWindow: state.step % config.loggingSteps == 0 || last || evaluating || saving)
        if saving && processes.rank == 0 {
            state.dropoutRNG = model.dropoutRNG.state
            try TrainerCheckpoint.save(run: runDirectory, model: model, optimizer: optimizer, state: state,
                                       keep: config.saveTotalLimit)
        }
        return SFTReport(step: state.step, totalSteps: totalSteps, metrics: m)
    }

    /// Mean negative log-likelihood per trained token over the held-out examples (no dropout, no history).
    public func heldOutLoss() throws -> Double {
        model.training = false
        defer { model.training = true }
        var total = 0.0, tokens = 0.0
        let mine = heldOut[processes.share(of: heldOut.count)]
        try noGrad {
            for start in stride(from: mine.startIndex, to: mine.endIndex, by: config.batchSize) {
                let micro = mine[start..<min(mine.endIndex, start + config.batchSize)]
                let (sum, n) = try SupervisedStep.nll(model, ids: micro.map(\.ids), masks: micro.map(\.lossMask))
                total += Double(sum.item())
                tokens += Double(n)
            }
        }
        let summed = try processes.sum([total, tokens])
        return summed[0] / max(1, summed[1])
    }

    /// The next `count` training examples in a seeded order that reshuffles every epoch.
    private func nextExamples(_ count: Int) -> [SFTExample] {
        (0..<count).map { _ in
            defer { state.cursor += 1 }
            return train[order.index(at: state.cursor, count: train.count)]
        }
    }
}
