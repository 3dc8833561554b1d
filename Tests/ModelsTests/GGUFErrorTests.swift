// Broken GGUF files: each error names the file, and the offset and the key or tensor at fault.
import Foundation
import Models
import Testing

private func errorText(_ body: () throws -> Any) -> String {
    do { _ = try body(); return "" } catch { return "\(error)" }
}

@Suite struct GGUFErrorTests {
    /// A small valid file: two metadata keys, an F32 and a Q8_0 tensor.
    static func valid(extra: (inout GGUFWriter) -> Void = { _ in }) -> Data {
        var w = GGUFWriter()
        w.set("general.architecture", .string("llama"))
        w.set("tokenizer.ggml.tokens", .array(.string, [.string("a"), .string("b")]))
        w.addTensor("blk.0.attn_q.weight", shape: [2, 32], type: .f32, bytes: Data(count: 256))
        w.addTensor("token_embd.weight", shape: [2, 32], type: .q8_0, bytes: Data(count: 68))
        extra(&w)
        return w.data()
    }

    /// The error opening `data` as a file, with the file's path.
    static func error(_ data: Data, _ label: String) throws -> (String, String) {
        let dir = try Fixtures.tempDir("gguf-\(label)")
        let url = dir.appendingPathComponent("\(label).gguf")
        try data.write(to: url)
        do {
            _ = try GGUFImport.load(url)
            return (url.path, "")
        } catch { return (url.path, "\(error)") }
    }

    static func patch(_ data: Data, after marker: String, skip: Int, with value: UInt32) -> Data {
        var copy = data
        let at = data.range(of: Data(marker.utf8))!.upperBound + skip
        withUnsafeBytes(of: value.littleEndian) { copy.replaceSubrange(at..<at + 4, with: $0) }
        return copy
    }

    @Test func validFileReads() throws {
        let file = try GGUFFile(data: Self.valid(), path: "x.gguf")
        #expect(file.tensors.map(\.name) == ["blk.0.attn_q.weight", "token_embd.weight"])
        #expect(file.tensors[1].shape == [2, 32] && file.tensors[1].type == .q8_0 && file.tensors[1].offset == 256)
        #expect(try file.strings("tokenizer.ggml.tokens") == ["a", "b"])
        #expect(file.dataOffset % 32 == 0)
    }

    @Test func badMagic() throws {
        var data = Self.valid()
        data.replaceSubrange(0..<4, with: Array("GGML".utf8))
        let (path, text) = try Self.error(data, "magic")
        #expect(text.hasPrefix(path) && text.contains("offset 0") && text.contains("magic is \"GGML\""), "\(text)")
    }

    @Test func unsupportedVersion() throws {
        var data = Self.valid()
        data.replaceSubrange(4..<8, with: [1, 0, 0, 0])
        let (path, text) = try Self.error(data, "version")
        #expect(text.hasPrefix(path) && text.contains("version 1 is not supported"), "\(text)")
    }

    @Test func truncatedHeaderAndMetadata() throws {
        let data = Self.valid()
        let (path, header) = try Self.error(data.prefix(10), "short-header")
        #expect(header.hasPrefix(path) && header.contains("offset 8: tensor count") && header.contains("truncated"), "\(header)")
        var onlyMetadata = GGUFWriter()
        onlyMetadata.set("general.architecture", .string("llama"))
        let meta = onlyMetadata.data()
        let cut = meta.range(of: Data("general.archi".utf8))!.upperBound
        let (_, key) = try Self.error(meta.prefix(cut), "short-key")
        #expect(key.contains("offset 24: metadata key: string of 20 bytes runs past the end"), "\(key)")
        // A count larger than the file could hold is refused before anything is allocated for it.
        let (_, counts) = try Self.error(data.prefix(cut), "short-counts")
        #expect(counts.contains("offset 8: tensor count 2 is more than a file of \(cut) bytes can hold"), "\(counts)")
    }

    @Test func truncatedTensorData() throws {
        let data = Self.valid()
        let (path, text) = try Self.error(data.prefix(data.count - 40), "short-data")
        #expect(text.hasPrefix(path) && text.contains("tensor token_embd.weight: 68 bytes of Q8_0 data"), "\(text)")
        #expect(text.contains("run past the end of the file (\(data.count - 40) bytes"), "\(text)")
    }

    @Test func unknownTypes() throws {
        let data = Self.valid()
        // After the name: 4 bytes of rank, two 8-byte dimensions, then the type.
        let (_, tensor) = try Self.error(Self.patch(data, after: "blk.0.attn_q.weight", skip: 20, with: 99), "tensor-type")
        #expect(tensor.contains("tensor blk.0.attn_q.weight: unknown ggml type 99") && tensor.contains("offset "), "\(tensor)")
        // 2³² added to both dimensions of the first tensor: their product overflows.
        let huge = Self.patch(Self.patch(data, after: "blk.0.attn_q.weight", skip: 8, with: 1), after: "blk.0.attn_q.weight", skip: 16, with: 1)
        let (_, dims) = try Self.error(huge, "dims")
        #expect(dims.contains("tensor blk.0.attn_q.weight: dimensions [4294967328, 4294967298] hold more values"), "\(dims)")
        let (_, value) = try Self.error(Self.patch(data, after: "general.architecture", skip: 0, with: 77), "value-type")
        #expect(value.contains("key general.architecture: value type: unknown value type 77"), "\(value)")
    }

    @Test func typeWeCannotDequantiseIsNamed() throws {
        let data = Self.valid { $0.addTensor("blk.0.attn_k.weight", shape: [1, 256], type: .iq2_XXS, bytes: Data(count: 66)) }
        let file = try GGUFFile(data: data, path: "iq.gguf")
        let text = errorText { try GGUFDequantize.tensor(file.tensors[2], of: file) }
        #expect(text.hasPrefix("iq.gguf: offset ") && text.contains("tensor blk.0.attn_k.weight: type IQ2_XXS is not supported"), "\(text)")
    }

    @Test func missingMetadataAndUnknownArchitecture() throws {
        let (path, text) = try Self.error(Self.valid(), "metadata")
        #expect(text == "\(path): metadata llama.embedding_length: missing", "\(text)")
        let other = Self.valid { $0.set("general.architecture", .string("mamba")) }
        let (_, arch) = try Self.error(other, "arch")
        #expect(arch.contains("general.architecture: \"mamba\" is not supported"), "\(arch)")
    }

    @Test func unknownPreTokenizerAndModel() throws {
        func tokenizerError(_ pre: String, _ model: String) throws -> String {
            let data = Self.valid {
                $0.set("tokenizer.ggml.model", .string(model))
                $0.set("tokenizer.ggml.pre", .string(pre))
            }
            let file = try GGUFFile(data: data, path: "tok.gguf")
            return errorText { try GGUFTokenizerImport.tokenizerFiles(file) }
        }
        #expect(try tokenizerError("chatglm-bpe", "gpt2")
            == "tok.gguf: metadata tokenizer.ggml.pre: \"chatglm-bpe\" is not supported (known: gpt-2, smollm, starcoder, llama-bpe, qwen2)")
        #expect(try tokenizerError("smollm", "llama").contains("tokenizer.ggml.model: \"llama\" is not supported"))
    }
}
