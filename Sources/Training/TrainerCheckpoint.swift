// Checkpoints that a crash cannot corrupt: the model as a Hugging Face directory, the optimizer's
// moments, and the trainer's step and data cursor, all written into a temporary folder that is synced
// and renamed to `step-N` only when complete. Resume picks the newest complete one; the last K are kept.
import Autograd
import Foundation
import Models

/// Where training stands: enough to continue bit for bit.
struct TrainerState: Codable, Equatable {
    var step: Int
    /// Prompts consumed from the data order.
    var cursor: Int
    var optimizerSteps: Int
    var dropoutRNG: [UInt64]
    var consecutiveBadSteps: Int
    /// Mean token entropy of the run's first GRPO step: the entropy-collapse alarm compares against it.
    var initialEntropy: Double? = nil
}

enum TrainerCheckpoint {
    static func directory(_ run: URL) -> URL { run.appendingPathComponent("checkpoints") }

    /// Writes step `state.step` atomically and prunes to the newest `keep`.
    static func save(run: URL, model: Transformer, optimizer: AdamW, state: TrainerState, keep: Int) throws {
        let root = directory(run)
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        let final = root.appendingPathComponent("step-\(state.step)")
        let tmp = root.appendingPathComponent(".step-\(state.step).tmp-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        try ModelDirectory.save(model, to: tmp)
        if model.loraConfig != nil { try model.saveLoRA(to: tmp.appendingPathComponent("adapter")) }
        var moments: [String: Tensor] = [:]
        for (i, pair) in optimizer.moments.enumerated() {
            moments["m.\(i)"] = pair.m
            moments["v.\(i)"] = pair.v
        }
        try SafeTensors.write(moments, to: tmp.appendingPathComponent("optimizer.safetensors"))
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        try AtomicFile.write(try encoder.encode(state), to: tmp.appendingPathComponent("trainer_state.json"))
        AtomicFile.syncDirectory(tmp)
        try? FileManager.default.removeItem(at: final)
        guard rename(tmp.path, final.path) == 0 else {
            throw ConfigError("\(final.path): could not rename the finished checkpoint into place")
        }
        AtomicFile.syncDirectory(root)
        for old in complete(run).dropLast(keep) { try? FileManager.default.removeItem(at: old.url) }
    }

    /// Writes `model` as a model directory at `url`, whole or not at all (a temporary folder renamed into place).
    static func saveModel(_ model: Transformer, to url: URL) throws {
        let tmp = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).tmp-\(getpid())")
        try? FileManager.default.removeItem(at: tmp)
        try ModelDirectory.save(model, to: tmp)
        AtomicFile.syncDirectory(tmp)
        try? FileManager.default.removeItem(at: url)
        guard rename(tmp.path, url.path) == 0 else { throw ConfigError("\(url.path): could not rename the model into place") }
        AtomicFile.syncDirectory(url.deletingLastPathComponent())
    }

    /// Complete checkpoints, oldest first (a folder without trainer_state.json is never complete).
    static func complete(_ run: URL) -> [(step: Int, url: URL)] {
        let root = directory(run)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root.path)) ?? []
        return names.compactMap { name -> (Int, URL)? in
            guard name.hasPrefix("step-"), let step = Int(name.dropFirst(5)) else { return nil }
            let url = root.appendingPathComponent(name)
            return FileManager.default.fileExists(atPath: url.appendingPathComponent("trainer_state.json").path)
                ? (step, url) : nil
        }.sorted { $0.0 < $1.0 }
    }

    /// Loads the checkpoint at `url` into `model` and `optimizer`; returns its state.
    static func load(_ url: URL, into model: Transformer, optimizer: AdamW) throws -> TrainerState {
        let state = try JSONDecoder().decode(TrainerState.self,
                                             from: Data(contentsOf: url.appendingPathComponent("trainer_state.json")))
        let weights = try ModelDirectory.loadWeights(url).tensors
        for (name, tensor) in model.parameters {
            guard let saved = weights[name], saved.shape == tensor.shape else {
                throw ConfigError("\(url.path): tensor \(name) is missing or has another shape than the model")
            }
            tensor.data.update(from: saved.data, count: tensor.count)
        }
        if model.loraConfig != nil {
            let adapters = try SafeTensors.read(url.appendingPathComponent("adapter/adapter_model.safetensors"))
            for (module, adapter) in model.adapters {
                for (suffix, t) in [("lora_A.weight", adapter.a), ("lora_B.weight", adapter.b)] {
                    guard let saved = adapters["base_model.model.\(module).\(suffix)"] else {
                        throw ConfigError("\(url.path): adapter tensor \(module).\(suffix) is missing")
                    }
                    t.data.update(from: saved.data, count: t.count)
                }
            }
        }
        let moments = try SafeTensors.read(url.appendingPathComponent("optimizer.safetensors"))
        var pairs: [(m: Tensor, v: Tensor)] = []
        for i in 0..<optimizer.moments.count {
            guard let m = moments["m.\(i)"], let v = moments["v.\(i)"] else {
                throw ConfigError("\(url.path): optimizer.safetensors lacks the moments of parameter \(i)")
            }
            pairs.append((m, v))
        }
        try optimizer.loadMoments(pairs, stepCount: state.optimizerSteps)
        return state
    }
}
