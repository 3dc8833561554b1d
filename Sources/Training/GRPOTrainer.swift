// The GRPO loop, one step at a time: take the next prompts, sample a group of completions for each,
// score them with the rewards, turn scores into group-relative advantages, update the policy with the
// clipped loss (num_iterations times, over micro-batches), then log metrics and rollouts and save a
// checkpoint when due. How it departs from textbook GRPO: the KL term is off unless beta > 0 (as in
// DAPO and TRL's default), and the default loss normalisation is DAPO's token-level one.
import Autograd
import Cluster
import Dispatch
import Foundation
import Generation
import Models
import Rewards
import Tasks
import Tokenizers

/// Trains a policy with GRPO according to a recipe, writing everything under a run directory.
public final class GRPOTrainer {
    public let config: GRPOConfig
    /// Where this process writes: the run directory on rank 0, a scratch directory on the other ranks.
    public let runDirectory: URL
    /// The run directory every rank resumes from.
    let sharedRunDirectory: URL
    /// The processes of a data-parallel job (one without mpirun).
    let processes: ProcessGroup
    public let policy: Transformer
    /// The KL reference (beta > 0): the policy as RL found it, after any cold start.
    var reference: Transformer?
    let tokenizer: any Tokenizer
    let source: any PromptSource
    let evalSource: (any PromptSource)?
    let rewards: [WeightedComponent]
    let optimizer: AdamW
    let schedule: LRSchedule
    let engine: GenerationEngine
    let sink: RunOutput
    var state = TrainerState(step: 0, cursor: 0, optimizerSteps: 0, dropoutRNG: [], consecutiveBadSteps: 0)
    private var order: EpochOrder

    /// Builds the run from `config` in `runDirectory`; with `resume`, continues from the newest complete checkpoint;
    /// a directory holding an earlier run is refused unless `force` replaces it, and a resume that changes the
    /// recipe unless `allowRecipeChange`. `customRewards` are rewards written in Swift, found by name before the registry's.
    /// Under `processes` of more than one rank, each samples its share of a step and gradients are summed.
    public init(config: GRPOConfig, runDirectory: URL, resume: Bool = false, force: Bool = false,
                allowRecipeChange: Bool = false, customRewards: [String: any RewardFunction] = [:],
                processes: ProcessGroup = .single) throws {
        let writer = processes.rank == 0
        let output = RunDirectory.output(runDirectory, rank: processes.rank)
        let earlier = try RunDirectory.claim(output, resume: resume && writer, force: force || !writer)
        self.config = config
        self.runDirectory = output
        sharedRunDirectory = runDirectory
        self.processes = processes
        order = EpochOrder(seed: config.run.seed)
        Runtime.configure(threads: config.run.threads)
        let resolved = config.resolvedYAML(threads: Runtime.threads)
        if resume && writer && !allowRecipeChange { try RunDirectory.checkUnchanged(resolved, in: runDirectory) }
        tokenizer = try RunSetup.tokenizer(model: config.data.model, tokenizer: config.data.tokenizer)
        source = try RunSetup.source(config)
        evalSource = try RunSetup.evalSource(config)
        rewards = try RunSetup.rewards(config, source: source, custom: customRewards)
        policy = try RunSetup.model(config.data.model, seed: config.run.seed, tokenizer: tokenizer)
        try RunSetup.checkLengths(config, model: policy, tokenizer: tokenizer, sources: [source] + (evalSource.map { [$0] } ?? []))
        // With a cold start the reference is taken when it ends (train()), or read back on resume.
        reference = config.loss.beta > 0 && config.coldStart.steps == 0 ? try policy.mergedCopy() : nil
        if config.lora.rank > 0 {
            try policy.addLoRA(LoRAConfig(rank: config.lora.rank, alpha: config.lora.alpha, dropout: config.lora.dropout,
                                          targetModules: config.lora.targetModules), seed: config.run.seed)
        }
        let trainable = config.lora.rank > 0 ? policy.loraParameters : policy.parameterList
        optimizer = AdamW(groups: ParameterGroup.decayMatricesOnly(trainable, weightDecay: Float(config.optimizer.weightDecay)),
                          beta1: Float(config.optimizer.adamBeta1), beta2: Float(config.optimizer.adamBeta2), eps: Float(config.optimizer.adamEpsilon))
        let updates = config.optimizer.maxSteps * config.optimizer.numIterations
        schedule = LRSchedule(kind: LRSchedule.Kind(rawValue: config.optimizer.lrSchedulerType) ?? .constant,
                              baseLR: Float(config.optimizer.learningRate), warmupSteps: Int(config.optimizer.warmupRatio * Double(updates)),
                              totalSteps: updates)
        engine = GenerationEngine(model: policy, decoder: TokenizerTextDecoder(tokenizer: tokenizer))
        try RunDirectory.clear(output, earlier)
        var resumedStep = 0
        if resume, let last = TrainerCheckpoint.complete(sharedRunDirectory).last {
            state = try TrainerCheckpoint.load(last.url, into: policy, optimizer: optimizer)
            policy.dropoutRNG = RNG(seed: 0)
            if state.dropoutRNG.count == 4 { policy.dropoutRNG.state = state.dropoutRNG }
            resumedStep = state.step
            if config.loss.beta > 0 && config.coldStart.steps > 0 && state.step > 0 {
                reference = try ModelDirectory.load(sharedRunDirectory.appendingPathComponent(Self.referenceDirectory))
            }
        }
        sink = try RunOutput(run: output, resumedAt: resume && writer ? resumedStep : nil)
        try sink.writeResolvedConfig(resolved)
    }

    /// Where a cold-started run keeps its KL reference, for resume.
    static let referenceDirectory = "reference"

    /// What `init:` records: a built-in shape's name, or the model directory's absolute path.
    static func initPath(_ model: String) -> String {
        TransformerConfig.builtin(model) != nil ? model : URL(fileURLWithPath: model).standardizedFileURL.path
    }

    /// Runs the cold start (if any), then GRPO until `max_steps`, calling `progress` after every step (and with
    /// step 0 for the evaluation before the first step, when `eval_steps` is set).
    public func train(coldStartProgress: (Int, Double) -> Void = { _, _ in },
                      progress: (StepReport) -> Void = { _ in }) async throws {
        policy.training = true
        if let loss = try coldStart(progress: coldStartProgress) {
            try sink.appendColdStart(steps: config.coldStart.steps, loss: loss)
            if config.loss.beta > 0 {
                reference = try policy.mergedCopy()
                try TrainerCheckpoint.saveModel(reference!, to: runDirectory.appendingPathComponent(Self.referenceDirectory))
            }
        }
        if config.logging.evalSteps > 0 && state.step == 0 {
            let m = try await evaluate()
            try sink.appendMetrics(step: 0, metrics: m, alarms: [])
            progress(StepReport(step: 0, totalSteps: config.optimizer.maxSteps, metrics: m, alarms: []))
        }
        while state.step < config.optimizer.maxSteps {
            let report = try await step()
            progress(report)
            if state.consecutiveBadSteps >= 3 {
                throw ConfigError("stopped: the loss was NaN or infinite \(state.consecutiveBadSteps) steps in a row; "
                    + "lower learning_rate, set max_grad_norm, or check the rewards for NaN")
            }
        }
        guard processes.rank == 0 else { return try FileManager.default.removeItem(at: runDirectory) }
        // final/ is a model `grpo eval` and `grpo sample` take as it is: LoRA merged in, adapters beside it.
        let final = runDirectory.appendingPathComponent("final")
        try TrainerCheckpoint.saveModel(policy.loraConfig != nil ? try policy.mergedCopy() : policy, to: final)
        try RunSetup.saveTokenizer(model: config.data.model, tokenizer: config.data.tokenizer, to: final)
        if policy.loraConfig != nil { try policy.saveLoRA(to: final.appendingPathComponent("adapter")) }
    }

    /// The examples for the next `count` prompts in a seeded order that reshuffles every epoch.
    func nextExamples(_ count: Int) -> [(index: Int, example: Example)] {
        (0..<count).map { _ in
            let index = order.index(at: state.cursor, count: source.count)
            state.cursor += 1
            return (index, source.example(at: index))
        }
    }

    /// One GRPO step; returns its metrics.
    func step() async throws -> StepReport {
        let started = DispatchTime.now().uptimeNanoseconds
        func seconds(since t: UInt64) -> Double { Double(DispatchTime.now().uptimeNanoseconds - t) / 1e9 }
        let g = config.sampling.numGenerations
        var groups: [Group] = [], generationTime = 0.0, rewardTime = 0.0, timedOut: Set<String> = []
        var rounds = 0
        // Sample and score groups; with dynamic sampling, groups without reward variance are replaced.
        while groups.count < config.sampling.promptsPerStep {
            rounds += 1
            let needed = config.sampling.promptsPerStep - groups.count
            let scored = try await sampleAndScore(nextExamples(needed))
            timedOut.formUnion(scored.timedOut)
            generationTime += scored.generation
            rewardTime += scored.rewards
            let lastRound = rounds >= config.sampling.dynamicSamplingMaxRounds
            for group in scored.groups {
                let flat = group.rewards.allSatisfy { abs($0 - group.rewards[0]) < 1e-12 }
                if !config.sampling.dynamicSampling || !flat || lastRound { groups.append(group) }
            }
        }
        groups = Array(groups.prefix(config.sampling.promptsPerStep))
        let allRewards = groups.flatMap(\.rewards)
        let advantages = Advantages.compute(allRewards, groupSize: g, scale: config.loss.scaleRewards)
        var t = DispatchTime.now().uptimeNanoseconds
        let update = try optimize(groups, advantages: advantages)
        let trainTime = seconds(since: t)
        state.step += 1
        var m = metrics(groups, advantages: advantages, update: update)
        m["step_time"] = seconds(since: started)
        m["step_time/generation"] = generationTime
        m["step_time/rewards"] = rewardTime
        m["step_time/training"] = trainTime
        m["step_time/training/logprobs"] = update.logprobSeconds
        m["step_time/training/forward"] = update.forwardSeconds
        m["step_time/training/backward"] = update.backwardSeconds
        m["step_time/training/optimizer"] = update.optimizerSeconds
        m["dynamic_sampling/rounds"] = Double(rounds)
        t = DispatchTime.now().uptimeNanoseconds
        try sink.append(step: state.step, groups: groups, advantages: advantages)
        if state.initialEntropy == nil { state.initialEntropy = m["entropy"] }
        var alarms = HealthAlarms.check(m, initialEntropy: state.initialEntropy, timedOut: timedOut.sorted())
        if !update.finite { alarms.append("loss was NaN or infinite: the update was skipped") }
        // Timeouts have their own alarm.
        for name in groups.first?.errors.keys.sorted() ?? [] where !timedOut.contains(name) {
            let failed = groups.flatMap { $0.errors[name] ?? [] }.compactMap { $0 }
            if let first = failed.first {
                alarms.append("reward \(name) failed on \(failed.count) of \(groups.count * g) completions (scored 0): \(first)")
            }
        }
        m["step_time/logging"] = seconds(since: t)
        let evaluating = evaluationDue(after: state.step)
        if evaluating {
            t = DispatchTime.now().uptimeNanoseconds
            m.merge(try await evaluate()) { $1 }
            m["step_time/eval"] = seconds(since: t)
        }
        let saving = config.logging.saveSteps > 0 && (state.step % config.logging.saveSteps == 0 || state.step == config.optimizer.maxSteps)
        // Evaluations and checkpoints end a logging window too: figures stay at their step, and a resumed
        // run's log matches a straight one's.
        try sink.appendMetrics(step: state.step, metrics: m, alarms: alarms,
                               endsWindow: state.step % config.logging.loggingSteps == 0 || state.step == config.optimizer.maxSteps
                                   || evaluating || saving)
        if saving && processes.rank == 0 {
            state.dropoutRNG = policy.dropoutRNG.state
            try TrainerCheckpoint.save(run: runDirectory, model: policy, optimizer: optimizer, state: state,
                                       keep: config.logging.saveTotalLimit)
        }
        return StepReport(step: state.step, totalSteps: config.optimizer.maxSteps, metrics: m, alarms: alarms)
    }
}
