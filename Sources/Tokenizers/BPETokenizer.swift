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
    private let state = EncoderState()

    /// Every added token (special or not), in file order.
    public var addedTokens: [AddedToken] { spec.addedTokens }
    public let vocabularySize: Int

    /// Reads `path`: a tokenizer.json file, or a model directory holding one.
    public init(path: String) throws {
        var isDirectory: ObjCBool = false
        let url = URL(fileURLWithPath: path)
        let isModelDirectory =
            FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
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
        var scratch = SplitScratch()
        scalarText.load(bytes[...])
        spec.preTokenizer.pieces(of: scalarText, into: &pieces, scratch: &scratch)
        return pieces.map { String(decoding: bytes[scalarText.byteRange($0)], as: UTF8.self) }
    }

    /// How many pieces the normalizer and pre-tokenizer cut `text` into, added tokens cut out first:
    /// the splitting half of `encode` without BPE, for benchmarks.
    public func pieceCount(of text: String) -> Int {
        let bytes = Array(normalize(text).utf8)
        var work = state.take()
        defer { state.give(&work) }
        var count = 0
        for segment in matcher.segments(bytes) {
            guard case .text(let range) = segment else { continue }
            work.text.load(bytes[range])
            spec.preTokenizer.pieces(of: work.text, into: &work.pieces, scratch: &work.scratch)
            count += work.pieces.count
        }
        return count
    }

    public func id(of token: String) -> Int? {
        spec.addedTokens.first { $0.content == token }?.id ?? spec.model.vocabulary[token]
    }

    /// Encodes normalized text; with `recordOffsets`, appends each id's UTF-8 byte range to `offsets`.
    private func run(_ text: String, ids: inout [Int], offsets: inout [Range<Int>], recordOffsets: Bool) {
        let bytes = Array(text.utf8)
        var work = state.take()
        defer { state.give(&work) }
        for segment in matcher.segments(bytes) {
            switch segment {
            case .token(let id, let range):
                ids.append(id)
                if recordOffsets { offsets.append(range) }
            case .text(let range):
                work.text.load(bytes[range])
                spec.preTokenizer.pieces(of: work.text, into: &work.pieces, scratch: &work.scratch)
                for piece in work.pieces {
                    let first = ids.count
                    encodePiece(piece, &work, into: &ids)
                    if recordOffsets {
                        let pieceBytes = work.text.byteRange(piece)
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

    /// BPE of one piece of `work.text`, through the cache.
    private func encodePiece(_ piece: Range<Int>, _ work: inout Workspace, into ids: inout [Int]) {
        let byteRange = work.text.byteRange(piece)
        let text = work.text
        text.bytes.withUnsafeBufferPointer { buffer in
            let key = UnsafeBufferPointer(rebasing: buffer[byteRange])
            let hash = PieceCache.hash(key)
            if work.cache.appendIDs(of: key, hash: hash, to: &ids) { return }
            let first = ids.count
            spec.model.encode(text, piece, into: &ids)
            work.cache.insert(key, hash: hash, ids: ids[first...])
        }
    }

    private func tokenLength(_ id: Int) -> Int { id < tokenByteLength.count ? tokenByteLength[id] : 0 }
}

/// The working memory of encoding, reused across calls.
private struct Workspace {
    var text = ScalarText()
    var pieces: [Range<Int>] = []
    var scratch = SplitScratch()
    var cache = PieceCache()
}

/// Lends the workspace to one encode at a time: a concurrent encode gets a fresh one, so encoding
/// never waits and never shares mutable memory; whichever comes back last is kept.
private final class EncoderState: @unchecked Sendable {  // `stored` is only touched under `lock`
    private let lock = NSLock()
    private var stored = Workspace()

    func take() -> Workspace {
        var work = Workspace()
        lock.lock()
        swap(&work, &stored)
        lock.unlock()
        return work
    }

    func give(_ work: inout Workspace) {
        lock.lock()
        swap(&work, &stored)
        lock.unlock()
    }
}
