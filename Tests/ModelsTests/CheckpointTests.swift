// Saving and loading model directories, and every way a checkpoint or config can be wrong: each error
// names the file and the tensor or field.
import Autograd
import Foundation
import Models
import Testing

private func errorText(_ body: () throws -> Any) -> String {
    do { _ = try body(); return "" } catch { return "\(error)" }
}

@Suite struct CheckpointRoundTrip {
    @Test func f32SaveLoadIsExactAndShardsToo() throws {
        let model = try ModelDirectory.load(Fixtures.url("qwen2-tiny"))
        for shard in [nil, 60_000] as [Int?] {
            let dir = try Fixtures.tempDir("save")
            defer { try? FileManager.default.removeItem(at: dir) }
            try ModelDirectory.save(model, to: dir, maxShardBytes: shard)
            let files = try FileManager.default.contentsOfDirectory(atPath: dir.path)
            #expect(files.contains("config.json") && files.contains("generation_config.json"))
            #expect(files.contains(shard == nil ? "model.safetensors" : "model.safetensors.index.json"), "\(files)")
            let back = try ModelDirectory.load(dir)
            #expect(back.config == model.config)
            for name in model.parameterNames { #expect(back.parameters[name]!.toArray() == model.parameters[name]!.toArray()) }
            #expect(!files.contains { $0.contains(".tmp") }, "temporary files left: \(files)")
        }
    }

    @Test func bf16SaveRoundsToNearestEven() throws {
        let t = Tensor(shape: [4], values: [1.0, 1.00390625, 1.01171875, -3.14159])
        let dir = try Fixtures.tempDir("bf16")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("x.safetensors")
        try SafeTensors.write(["x": t], to: url, dtype: .bf16)
        // 1 + 2⁻⁸ is a tie and rounds to even (1.0); 1 + 3·2⁻⁸ rounds up to 1 + 2⁻⁶.
        #expect(try SafeTensors.read(url)["x"]!.toArray() == [1.0, 1.0, 1.015625, -3.140625])
    }

    @Test func bothRopeLayoutsLoad() throws {
        let top = """
        {"architectures":["LlamaForCausalLM"],"model_type":"llama","vocab_size":8,"hidden_size":8,"intermediate_size":8,
         "num_hidden_layers":1,"num_attention_heads":2,"num_key_value_heads":1,"rope_theta":500000.0,"rope_scaling":null}
        """
        let nested = """
        {"model_type":"llama","vocab_size":8,"hidden_size":8,"intermediate_size":8,"num_hidden_layers":1,
         "num_attention_heads":2,"rope_parameters":{"rope_theta":500000.0,"rope_type":"default"}}
        """
        for json in [top, nested] {
            let c = try JSONDecoder().decode(TransformerConfig.self, from: Data(json.utf8))
            #expect(c.ropeTheta == 500_000 && c.headDim == 4)
        }
    }

    @Test func ropeScalingSurvivesSaveAndUnknownRulesAreNamed() throws {
        let model = try ModelDirectory.load(Fixtures.url("llama3-tiny"))
        #expect(model.config.ropeScaling?.kind == .llama3 && model.config.ropeScaling?.originalMaxPositionEmbeddings == 64)
        let dir = try Fixtures.tempDir("rope")
        defer { try? FileManager.default.removeItem(at: dir) }
        try ModelDirectory.save(model, to: dir)
        #expect(try ModelDirectory.load(dir).config == model.config)
        let plain = Tensor.ropeInverseFrequencies(theta: 10_000, headDim: 16)
        let scaled = model.config.ropeInverseFrequencies
        #expect(scaled[0] == plain[0] && scaled[7] == plain[7] / 8 && scaled[2] < plain[2] && scaled[2] > plain[2] / 8)
        func load(_ scaling: String) -> String {
            let json = """
            {"model_type":"llama","vocab_size":8,"hidden_size":8,"intermediate_size":8,"num_hidden_layers":1,
             "num_attention_heads":2,"rope_scaling":\(scaling)}
            """
            let url = dir.appendingPathComponent("config.json")
            try? Data(json.utf8).write(to: url)
            return errorText { try TransformerConfig.load(url) }
        }
        #expect(load(#"{"rope_type":"yarn","factor":4}"#).contains("rope_scaling: rope_type: \"yarn\" is not supported"))
        #expect(load(#"{"type":"llama3","factor":8}"#).contains("rope_scaling: low_freq_factor"))
        #expect(load(#"{"type":"linear","factor":0.5}"#).contains("rope_scaling: factor: must be at least 1"))
        #expect(load(#"{"type":"linear","factor":2}"#).isEmpty)
    }
}

@Suite struct CheckpointErrors {
    private func copyFixture(_ name: String) throws -> URL {
        let dir = try Fixtures.tempDir("bad")
        for f in try FileManager.default.contentsOfDirectory(atPath: Fixtures.url(name).path) {
            try FileManager.default.copyItem(at: Fixtures.url(name).appendingPathComponent(f), to: dir.appendingPathComponent(f))
        }
        return dir
    }

    @Test func truncatedFileNamesTensor() throws {
        let dir = try copyFixture("llama-tiny")
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("model.safetensors")
        let data = try Data(contentsOf: file)
        try data.prefix(data.count - 100).write(to: file)
        let m = errorText { try ModelDirectory.load(dir) }
        #expect(m.contains("model.safetensors") && m.contains("tensor") && m.contains("truncated"), "\(m)")
    }

    @Test func headerLongerThanFile() throws {
        let dir = try Fixtures.tempDir("hdr")
        defer { try? FileManager.default.removeItem(at: dir) }
        var data = Data()
        withUnsafeBytes(of: UInt64(1_000_000).littleEndian) { data.append(contentsOf: $0) }
        data.append(Data("{}".utf8))
        let url = dir.appendingPathComponent("x.safetensors")
        try data.write(to: url)
        let m = errorText { try SafeTensors.read(url) }
        #expect(m.contains("x.safetensors") && m.contains("header claims"), "\(m)")
        try Data([1, 2, 3]).write(to: url)
        #expect(errorText { try SafeTensors.read(url) }.contains("truncated"))
    }

    @Test func headerLyingAboutSize() throws {
        let dir = try Fixtures.tempDir("lie")
        defer { try? FileManager.default.removeItem(at: dir) }
        let header = Data(#"{"w":{"dtype":"F32","shape":[4,4],"data_offsets":[0,32]}}"#.utf8)
        var data = Data()
        withUnsafeBytes(of: UInt64(header.count).littleEndian) { data.append(contentsOf: $0) }
        data.append(header)
        data.append(Data(count: 32))
        let url = dir.appendingPathComponent("lie.safetensors")
        try data.write(to: url)
        let m = errorText { try SafeTensors.read(url) }
        #expect(m.contains("lie.safetensors") && m.contains("tensor w") && m.contains("64 bytes"), "\(m)")
    }

    @Test func missingExtraAndMisshapenTensors() throws {
        let source = try ModelDirectory.loadWeights(Fixtures.url("llama-tiny")).tensors
        let config = try TransformerConfig.load(Fixtures.url("llama-tiny").appendingPathComponent("config.json"))
        var missing = source
        missing["model.layers.1.mlp.up_proj.weight"] = nil
        #expect(errorText { try Transformer(config: config, weights: missing, source: "m.safetensors") }
            .contains("m.safetensors: tensor model.layers.1.mlp.up_proj.weight is missing"))
        var extra = source
        extra["model.layers.9.mlp.up_proj.weight"] = Tensor.zeros([2])
        #expect(errorText { try Transformer(config: config, weights: extra) }.contains("model.layers.9.mlp.up_proj.weight is not part"))
        var wrong = source
        wrong["model.norm.weight"] = Tensor.zeros([63])
        let m = errorText { try Transformer(config: config, weights: wrong) }
        #expect(m.contains("model.norm.weight") && m.contains("[63]") && m.contains("[64]"), "\(m)")
    }

    @Test func badConfigsNameTheField() throws {
        let dir = try copyFixture("llama-tiny")
        defer { try? FileManager.default.removeItem(at: dir) }
        let url = dir.appendingPathComponent("config.json")
        let original = try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as! [String: Any]
        let cases: [(String, Any?, String)] = [
            ("architectures", ["MambaForCausalLM"], "architectures"), ("model_type", "mamba", "model_type"),
            ("num_key_value_heads", 3, "num_key_value_heads"), ("hidden_size", nil, "hidden_size: missing"),
            ("vocab_size", "many", "vocab_size"), ("hidden_act", "relu", "hidden_act"),
        ]
        for (key, value, expected) in cases {
            var json = original
            json[key] = value
            try JSONSerialization.data(withJSONObject: json).write(to: url)
            let m = errorText { try ModelDirectory.load(dir) }
            #expect(m.contains("config.json") && m.contains(expected), "\(key): \(m)")
        }
        try Data("{not json".utf8).write(to: url)
        #expect(errorText { try ModelDirectory.load(dir) }.contains("not valid JSON"))
    }
}
