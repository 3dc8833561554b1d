// LoRA (Hu et al., 2021): a frozen weight W gets a trainable low-rank update, y = x·Wᵀ + (α/r)·x·Aᵀ·Bᵀ,
// with A (r, in) Kaiming-uniform and B (out, r) zero so training starts from the base model. Adapters
// merge into W, and save and load in the PEFT layout (adapter_config.json, adapter_model.safetensors).
import Autograd
import Foundation

/// Which projections get adapters, and their size.
public struct LoRAConfig: Codable, Equatable, Sendable {
    /// Rank r of the update.
    public var rank: Int
    /// Scale numerator: the update is multiplied by alpha / rank.
    public var alpha: Double
    /// Dropout on the adapter's input during training.
    public var dropout: Double
    /// Projection names (`q_proj`, `k_proj`, `v_proj`, `o_proj`, `gate_proj`, `up_proj`, `down_proj`).
    public var targetModules: [String]

    /// A LoRA setup; defaults follow PEFT's common choice for Llama (attention q and v).
    public init(rank: Int = 8, alpha: Double = 16, dropout: Double = 0, targetModules: [String] = ["q_proj", "v_proj"]) {
        self.rank = rank
        self.alpha = alpha
        self.dropout = dropout
        self.targetModules = targetModules
    }

    /// The projections a model can adapt.
    public static let knownModules = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"]
}

/// One adapter pair on a projection.
public struct LoRAAdapter {
    /// (r, in), trainable.
    public let a: Tensor
    /// (out, r), trainable, zero at start.
    public let b: Tensor
    /// alpha / rank.
    public let scale: Float
}

extension Transformer {
    /// Adds adapters to every targeted projection and freezes all base weights.
    public func addLoRA(_ lora: LoRAConfig, seed: UInt64) throws {
        guard lora.rank > 0 else { throw ModelError.usage("lora: rank must be positive (got \(lora.rank))") }
        if let bad = lora.targetModules.first(where: { !LoRAConfig.knownModules.contains($0) }) {
            throw ModelError.usage("lora: target module \(bad) is not one of \(LoRAConfig.knownModules.joined(separator: ", "))")
        }
        var rng = RNG(seed: seed)
        for t in parameterList { t.setTrainable(false) }
        for name in parameterNames where name.hasSuffix(".weight") {
            let module = name.dropLast(".weight".count)
            guard let last = module.split(separator: ".").last, lora.targetModules.contains(String(last)) else { continue }
            let w = parameters[name]!
            let a = Tensor.kaimingUniform([lora.rank, w.shape[1]], fanIn: w.shape[1], rng: &rng)
                .asParameter(name: "\(module).lora_A.weight")
            let b = Tensor.zeros([w.shape[0], lora.rank]).asParameter(name: "\(module).lora_B.weight")
            adapters[String(module)] = LoRAAdapter(a: a, b: b, scale: Float(lora.alpha / Double(lora.rank)))
        }
        loraConfig = lora
    }

    /// The adapters' tensors (what an optimizer trains when LoRA is on).
    public var loraParameters: [Tensor] { adapters.keys.sorted().flatMap { [adapters[$0]!.a, adapters[$0]!.b] } }

    /// Folds every adapter into its base weight (W += scale·B·A) and removes the adapters.
    public func mergeLoRA() throws {
        try noGrad {
            for (module, adapter) in adapters {
                let w = parameters[module + ".weight"]!
                let delta = try adapter.b.matmul(adapter.a) * adapter.scale
                Kernels.addInto(w, delta)
            }
        }
        adapters = [:]
        loraConfig = nil
        for t in parameterList { t.setTrainable(true) }
    }

    /// A copy that computes what this model computes now, adapters folded into its weights (a KL reference).
    public func mergedCopy() throws -> Transformer {
        let copy = try Transformer(config: config, weights: parameters.mapValues { $0.copy() })
        for (module, adapter) in adapters {
            copy.adapters[module] = LoRAAdapter(a: adapter.a.copy(), b: adapter.b.copy(), scale: adapter.scale)
        }
        if !adapters.isEmpty { try copy.mergeLoRA() }
        return copy
    }

    /// Writes the adapters in PEFT's layout to `dir`.
    public func saveLoRA(to dir: URL, baseModel: String = "") throws {
        guard let lora = loraConfig else { throw ModelError.usage("saveLoRA: the model has no adapters") }
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var tensors: [String: Tensor] = [:]
        for (module, adapter) in adapters {
            tensors["base_model.model.\(module).lora_A.weight"] = adapter.a
            tensors["base_model.model.\(module).lora_B.weight"] = adapter.b
        }
        try SafeTensors.write(tensors, to: dir.appendingPathComponent("adapter_model.safetensors"))
        let config: [String: Any] = [
            "peft_type": "LORA", "task_type": "CAUSAL_LM", "r": lora.rank, "lora_alpha": lora.alpha,
            "lora_dropout": lora.dropout, "target_modules": lora.targetModules, "bias": "none",
            "fan_in_fan_out": false, "inference_mode": true, "base_model_name_or_path": baseModel,
        ]
        try ModelDirectory.writeJSON(config, to: dir.appendingPathComponent("adapter_config.json"))
    }

    /// Loads PEFT adapters from `dir` onto this model (base weights frozen).
    public func loadLoRA(from dir: URL) throws {
        let configURL = dir.appendingPathComponent("adapter_config.json")
        guard let data = try? Data(contentsOf: configURL),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw ModelError.file(configURL.path, "missing or not a JSON object")
        }
        guard let rank = json["r"] as? Int, let alpha = (json["lora_alpha"] as? NSNumber)?.doubleValue,
              let targets = json["target_modules"] as? [String] else {
            throw ModelError.file(configURL.path, "r, lora_alpha and target_modules (a list) are required")
        }
        let lora = LoRAConfig(rank: rank, alpha: alpha, dropout: (json["lora_dropout"] as? NSNumber)?.doubleValue ?? 0,
                              targetModules: targets)
        try addLoRA(lora, seed: 0)
        let file = dir.appendingPathComponent("adapter_model.safetensors")
        let tensors = try SafeTensors.read(file)
        for (module, adapter) in adapters {
            for (suffix, target) in [("lora_A.weight", adapter.a), ("lora_B.weight", adapter.b)] {
                let key = "base_model.model.\(module).\(suffix)"
                guard let t = tensors[key] else { throw ModelError.file(file.path, "tensor \(key) is missing") }
                guard t.shape == target.shape else {
                    throw ModelError.file(file.path, "tensor \(key) has shape \(t.shape), expected \(target.shape)")
                }
                target.data.update(from: t.data, count: t.count)
            }
        }
    }
}
