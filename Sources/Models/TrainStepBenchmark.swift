// The standard training-step workload of ../shared/bench: forward + backward + AdamW on random tokens,
// timed, with the share of time in sgemm and the sgemm rate of the same call shapes replayed alone.
import Autograd
import Dispatch

/// Figures from timing training steps of one model shape.
public struct TrainStepReport: Codable, Sendable {
    public var name: String
    public var batch: Int
    public var sequence: Int
    public var parameters: Int
    /// Median seconds per step (forward + backward + AdamW).
    public var secondsPerStep: Double
    public var tokensPerSecond: Double
    /// Fraction of step time spent inside sgemm.
    public var sgemmFraction: Double
    /// sgemm FLOPs of one step divided by the step time.
    public var stepGFLOPS: Double
    /// GFLOP/s of the step's own sgemm calls replayed in isolation.
    public var sgemmGFLOPSAtStepShapes: Double
}

/// Runs the training-step benchmark.
public enum TrainStepBenchmark {
    /// Times `steps` training steps (after one warm-up) of a randomly initialised model of `config`.
    public static func run(name: String, config: TransformerConfig, batch: Int, sequence: Int,
                           steps: Int = 5, seed: UInt64 = 0) throws -> TrainStepReport {
        let model = try Transformer(config: config, seed: seed)
        let optimizer = AdamW(groups: ParameterGroup.decayMatricesOnly(model.parameterList, weightDecay: 0.01))
        var rng = RNG(seed: seed &+ 1)
        let ids = (0..<batch * (sequence + 1)).map { _ in Int32(rng.nextInt(below: config.vocabSize)) }
        var inputs = [Int32](), targets = [Int32]()
        for b in 0..<batch {
            let row = ids[b * (sequence + 1)..<(b + 1) * (sequence + 1)]
            inputs += row.dropLast()
            targets += row.dropFirst()
        }
        func step() throws {
            let logits = try model.forward(ids: inputs, batch: batch)
            let loss = try logits.crossEntropy(targets: targets)
            try loss.backward()
            optimizer.step(lr: 1e-4)
            optimizer.zeroGrad()
        }
        try step()
        BLAS.resetCounters()
        BLAS.recording = true
        BLAS.profiling = true
        var times: [Double] = []
        for _ in 0..<steps {
            let start = DispatchTime.now().uptimeNanoseconds
            try step()
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9)
        }
        BLAS.profiling = false
        BLAS.recording = false
        let total = times.reduce(0, +)
        let sgemmSeconds = BLAS.seconds, flopsPerStep = BLAS.flopCount / Double(steps)
        let calls = BLAS.recordedCalls.mapValues { $0 / steps }
        let median = times.sorted()[times.count / 2]
        return TrainStepReport(name: name, batch: batch, sequence: sequence, parameters: model.parameterCount,
                               secondsPerStep: median, tokensPerSecond: Double(batch * sequence) / median,
                               sgemmFraction: sgemmSeconds / total, stepGFLOPS: flopsPerStep / median / 1e9,
                               sgemmGFLOPSAtStepShapes: GemmBenchmark.gflops(replaying: calls))
    }
}
