// A Hugging Face model directory in and out: config.json, model.safetensors (or shards with
// model.safetensors.index.json), generation_config.json; tokenizer files travel alongside untouched.
// What we save loads in transformers; what transformers saves loads here.
import Autograd
import Foundation

/// Loading and saving models as Hugging Face model directories.
public enum ModelDirectory {
    /// Files a tokenizer brings, copied along when a model is saved from a directory that has them.
    public static let tokenizerFiles = ["tokenizer.json", "tokenizer_config.json", "special_tokens_map.json",
                                        "vocab.json", "merges.txt", "chat_template.jinja"]

    /// The model in `dir` (single-file or sharded safetensors).
    public static func load(_ dir: URL) throws -> Transformer {
        let config = try TransformerConfig.load(dir.appendingPathComponent("config.json"))
        let weights = try loadWeights(dir)
        return try Transformer(config: config, weights: weights.tensors, source: weights.source)
    }

    /// Every tensor of the checkpoint in `dir`, and the file(s) it came from (for messages).
    public static func loadWeights(_ dir: URL) throws -> (tensors: [String: Tensor], source: String) {
        let single = dir.appendingPathComponent("model.safetensors")
        let index = dir.appendingPathComponent("model.safetensors.index.json")
        let fm = FileManager.default
        if fm.fileExists(atPath: single.path) { return (try SafeTensors.read(single), single.path) }
        guard fm.fileExists(atPath: index.path) else {
            throw ModelError.file(dir.path, "no model.safetensors or model.safetensors.index.json")
        }
        guard let data = try? Data(contentsOf: index),
              let json = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let map = json["weight_map"] as? [String: String] else {
            throw ModelError.file(index.path, "weight_map: missing or not an object of tensor name → file")
        }
        var tensors: [String: Tensor] = [:]
        for shard in Set(map.values).sorted() {
            let url = dir.appendingPathComponent(shard)
            for (name, t) in try SafeTensors.read(url) {
                guard map[name] == shard else {
                    throw ModelError.file(url.path, "tensor \(name) is not listed for this shard in \(index.lastPathComponent)")
                }
                tensors[name] = t
            }
        }
        if let missing = map.keys.sorted().first(where: { tensors[$0] == nil }) {
            throw ModelError.file(index.path, "tensor \(missing) is listed in weight_map but not found in \(map[missing]!)")
        }
        return (tensors, index.path)
    }

    /// Writes `model` to `dir` (created if needed) as a Hugging Face directory. Weights are F32 or BF16;
    /// `maxShardBytes` splits them into shards with an index. Tokenizer files are copied from `tokenizerFrom`.
    public static func save(_ model: Transformer, to dir: URL, dtype: SafeTensors.DType = .f32,
                            maxShardBytes: Int? = nil, tokenizerFrom: URL? = nil) throws {
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        var config = model.config
        if config.architectures == nil {
            config.architectures = [config.modelType == "qwen2" ? "Qwen2ForCausalLM" : "LlamaForCausalLM"]
        }
        try writeJSON(configJSON(config, dtype: dtype), to: dir.appendingPathComponent("config.json"))
        var generation: [String: Any] = ["_from_model_config": true]
        if let bos = config.bosTokenId { generation["bos_token_id"] = bos }
        if !config.eosTokenIds.isEmpty { generation["eos_token_id"] = config.eosTokenIds.count == 1 ? config.eosTokenIds[0] : config.eosTokenIds }
        if let pad = config.padTokenId { generation["pad_token_id"] = pad }
        try writeJSON(generation, to: dir.appendingPathComponent("generation_config.json"))
        let tensors = model.parameters
        let bytes = tensors.values.reduce(0) { $0 + $1.count * dtype.size }
        if let limit = maxShardBytes, bytes > limit {
            try saveShards(tensors, order: model.parameterNames, to: dir, dtype: dtype, limit: limit, total: bytes)
        } else {
            try SafeTensors.write(tensors, to: dir.appendingPathComponent("model.safetensors"), dtype: dtype)
        }
        if let source = tokenizerFrom {
            for name in tokenizerFiles {
                let from = source.appendingPathComponent(name)
                guard FileManager.default.fileExists(atPath: from.path), source.standardized != dir.standardized else { continue }
                try AtomicFile.write(try Data(contentsOf: from), to: dir.appendingPathComponent(name))
            }
        }
    }

    private static func saveShards(_ tensors: [String: Tensor], order: [String], to dir: URL,
                                   dtype: SafeTensors.DType, limit: Int, total: Int) throws {
        var shards: [[String]] = [[]], size = 0
        for name in order {
            let n = tensors[name]!.count * dtype.size
            if size + n > limit, !shards[shards.count - 1].isEmpty { shards.append([]); size = 0 }
            shards[shards.count - 1].append(name)
            size += n
        }
        var map: [String: String] = [:]
        for (i, names) in shards.enumerated() {
            let file = String(format: "model-%05d-of-%05d.safetensors", i + 1, shards.count)
            try SafeTensors.write(Dictionary(uniqueKeysWithValues: names.map { ($0, tensors[$0]!) }),
                                  to: dir.appendingPathComponent(file), dtype: dtype)
            for name in names { map[name] = file }
        }
        try writeJSON(["metadata": ["total_size": total], "weight_map": map],
                      to: dir.appendingPathComponent("model.safetensors.index.json"))
    }

    static func configJSON(_ config: TransformerConfig, dtype: SafeTensors.DType) throws -> [String: Any] {
        let data = try JSONEncoder().encode(config)
        var json = try JSONSerialization.jsonObject(with: data) as! [String: Any]
        json["torch_dtype"] = dtype == .f32 ? "float32" : "bfloat16"
        json["hidden_act"] = config.hiddenAct
        if config.ropeScaling == nil { json["rope_scaling"] = NSNull() }
        json["use_cache"] = true
        return json
    }

    static func writeJSON(_ object: Any, to url: URL) throws {
        let data = try JSONSerialization.data(withJSONObject: object, options: [.prettyPrinted, .sortedKeys])
        try AtomicFile.write(data, to: url)
    }
}
