// A Hugging Face tokenizer.json tokenizer (GPT-2, Llama-3, Qwen2, SmolLM/StarCoder families): the same
// pipeline as `tokenizers` — normalize, cut out added tokens, pre-tokenize, BPE each piece,
// post-process — and the reverse through the decoder. It must give the library's ids exactly.
import Foundation

/// A byte-level (or character-level) BPE tokenizer read from a tokenizer.json file.
public struct BPETokenizer: Tokenizer {
    private let spec: TokenizerSpec
    private let matcher: AddedTokenMatcher
    private let tokenForID: [String?]
    private let addedForID: [Int: AddedToken]
    private let tokenByteLength: [Int]

    /// Every added token (special or not), in file order.
    public var addedTokens: [AddedToken] { spec.addedTokens }
    public let vocabularySize: Int

    /// Reads `path`: a tokenizer.json file, or a model directory holding one.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path)
        let isModelDirectory = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
        try self.init(contentsOf: isModelDirectory ? url.appendingPathComponent("tokenizer.json") : url)
    }

    /// Reads the tokenizer.json at `url`; errors name the file and field at fault.
    public init(contentsOf url: URL) throws {
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            throw TokenizerError(file: url.path, field: "", "cannot read (\(error.localizedDescription))")
        }
        try self.init(json: data, file: url.path)
    }

    /// Parses tokenizer.json contents; `file` names the source in errors.
    public init(json data: Data, file: String = "<memory>") throws {
        spec = try TokenizerJSON.parse(data, file: file)
        matcher = AddedTokenMatcher(spec.addedTokens)
        let largest = max(spec.model.vocabulary.values.max() ?? -1, spec.addedTokens.map(\.id).max() ?? -1)
        vocabularySize = largest + 1
        var tokens = [String?](repeating: nil, count: vocabularySize)
        for (token, id) in spec.model.vocabulary { tokens[id] = token }
        tokenForID = tokens
        addedForID = Dictionary(spec.addedTokens.map { ($0.id, $0) }, uniquingKeysWith: { _, last in last })
        let byteLevel = spec.byteLevel
        tokenByteLength = tokens.map { token in
            guard let token else { return 0 }
            return byteLevel ? token.unicodeScalars.count : token.utf8.count
        }
    }

    public func encode(_ text: String, addSpecialTokens: Bool) -> [Int] {
        var ids: [Int] = []
        var unused: [Range<Int>] = []
        ids.reserveCapacity(text.utf8.count / 3)
        run(normalize(text), ids: &ids, offsets: &unused, recordOffsets: false)
        return addSpecialTokens ? spec.postProcessor.apply(ids) : ids
    }

    public func encodeWithOffsets(_ text: String) -> [(id: Int, bytes: Range<Int>)] {
        var ids: [Int] = []
        var offsets: [Range<Int>] = []
        run(normalize(text), ids: &ids, offsets: &offsets, recordOffsets: true)
        return zip(ids, offsets).map { ($0, $1) }
    }

    public func decode(_ ids: [Int], skipSpecialTokens: Bool) -> String {
        var tokens: [String] = []
        tokens.reserveCapacity(ids.count)
        for id in ids {
            if let added = addedForID[id] {
                if !(skipSpecialTokens && added.special) { tokens.append(added.content) }
            } else if id >= 0, id < tokenForID.count, let token = tokenForID[id] {
                tokens.append(token)
            }
        }
        switch spec.decoder {
        case .byteLevel:
            // A token with a character outside the byte alphabet (an added token) stands for its own UTF-8.
            var bytes: [UInt8] = []
            for token in tokens { bytes += ByteLevel.bytes(of: token) ?? Array(token.utf8) }
            return String(decoding: bytes, as: UTF8.self)
        case .fuse: return tokens.joined()
        case .none: return tokens.joined(separator: " ")
        }
    }

    public func normalize(_ text: String) -> String {
        guard spec.normalizeNFC, !text.utf8.allSatisfy({ $0 < 0x80 }) else { return text }
        return text.precomposedStringWithCanonicalMapping
    }

    /// The pieces the normalizer and pre-tokenizer cut `text` into, added tokens not looked for
    /// (what `tokenizers`' `pre_tokenize_str` gives, with bytes in place of ByteLevel characters).
    public func pieces(of text: String) -> [String] {
        let bytes = Array(normalize(text).utf8)
        var scalarText = ScalarText()
        var pieces: [Range<Int>] = []
        var scratch: [Range<Int>] = []
        scalarText.load(bytes[...])
        spec.preTokenizer.pieces(of: scalarText, into: &pieces, scratch: &scratch)
        return pieces.map { String(decoding: bytes[scalarText.byteRange($0)], as: UTF8.self) }
    }

    public func id(of token: String) -> Int? {
        spec.addedTokens.first { $0.content == token }?.id ?? spec.model.vocabulary[token]
    }

    /// Encodes normalized text; with `recordOffsets`, appends each id's UTF-8 byte range to `offsets`.
    private func run(_ text: String, ids: inout [Int], offsets: inout [Range<Int>], recordOffsets: Bool) {
        let bytes = Array(text.utf8)
        var segmentText = ScalarText()
        var pieces: [Range<Int>] = []
        var scratch: [Range<Int>] = []
        for segment in matcher.segments(bytes) {
            switch segment {
            case .token(let id, let range):
                ids.append(id)
                if recordOffsets { offsets.append(range) }
            case .text(let range):
                segmentText.load(bytes[range])
                spec.preTokenizer.pieces(of: segmentText, into: &pieces, scratch: &scratch)
                for piece in pieces {
                    let first = ids.count
                    spec.model.encode(segmentText, piece, into: &ids)
                    if recordOffsets {
                        let pieceBytes = segmentText.byteRange(piece)
                        var start = range.lowerBound + pieceBytes.lowerBound
                        let end = range.lowerBound + pieceBytes.upperBound
                        for k in first..<ids.count {
                            let stop = k == ids.count - 1 ? end : min(end, start + tokenLength(ids[k]))
                            offsets.append(start..<stop)
                            start = stop
                        }
                    }
                }
            }
        }
    }

    private func tokenLength(_ id: Int) -> Int { id < tokenByteLength.count ? tokenByteLength[id] : 0 }
}
