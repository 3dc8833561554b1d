// The "model" object of tokenizer.json: type, vocab, merges (as "a b" strings or ["a", "b"] pairs) and
// the BPE options. Every merge must name tokens of the vocabulary, and so must its result.
import Foundation

/// Parser of the BPE "model" object.
enum BPEModelJSON {
    /// Ids index dense tables, so a wild id would allocate without bound; real vocabularies stay far below.
    static let maxID = 1 << 24

    static func parse(_ value: Any, _ reader: JSONReader, byteLevel: Bool) throws -> BPEModel {
        let model = try reader.object(value, "model")
        let type = model["type"] as? String ?? "BPE"
        guard type == "BPE" else {
            throw reader.fail("model.type", "unknown model type \"\(type)\" (supported: BPE)")
        }
        guard let vocabValue = model["vocab"] else { throw reader.fail("model.vocab", "missing") }
        guard let rawVocab = vocabValue as? [String: Any] else {
            throw reader.fail("model.vocab", "must be an object of token to id")
        }
        var vocabulary: [String: Int] = [:]
        vocabulary.reserveCapacity(rawVocab.count)
        for (token, id) in rawVocab {
            guard let id = (id as? NSNumber).flatMap({ Int(exactly: $0.doubleValue) }), id >= 0 else {
                throw reader.fail("model.vocab[\"\(token)\"]", "must be a non-negative integer id")
            }
            guard id < maxID else {
                throw reader.fail("model.vocab[\"\(token)\"]", "id \(id) is too large (at most \(maxID - 1))")
            }
            vocabulary[token] = id
        }
        let merges = try parseMerges(model, vocabulary, reader)
        var unknownID: Int?
        if let unk = model["unk_token"] as? String {
            guard let id = vocabulary[unk] else {
                throw reader.fail("model.unk_token", "\"\(unk)\" is not in model.vocab")
            }
            unknownID = id
        }
        if try reader.bool(model, "byte_fallback", "model", default: false) {
            throw reader.fail("model.byte_fallback", "byte_fallback is not supported")
        }
        for key in ["continuing_subword_prefix", "end_of_word_suffix"] {
            if let affix = model[key] as? String, !affix.isEmpty {
                throw reader.fail("model.\(key)", "a non-empty \(key) is not supported")
            }
        }
        return BPEModel(
            vocabulary: vocabulary, merges: merges, byteLevel: byteLevel,
            ignoreMerges: try reader.bool(model, "ignore_merges", "model", default: false),
            unknownID: unknownID, fuseUnknown: try reader.bool(model, "fuse_unk", "model", default: false))
    }

    /// The merges as (left id, right id, merged id), by rank.
    private static func parseMerges(
        _ model: [String: Any], _ vocabulary: [String: Int],
        _ reader: JSONReader
    ) throws -> [(Int, Int, Int)] {
        let list = model["merges"] == nil ? [] : try reader.array(model, "merges", "model")
        var merges: [(Int, Int, Int)] = []
        merges.reserveCapacity(list.count)
        for (index, entry) in list.enumerated() {
            let path = "model.merges[\(index)]"
            let pair: [String]
            if let text = entry as? String {
                pair = text.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
            } else if let array = entry as? [Any] {
                pair = array.compactMap { $0 as? String }
                guard pair.count == array.count else { throw reader.fail(path, "must hold two strings") }
            } else {
                throw reader.fail(path, "must be \"left right\" or [\"left\", \"right\"]")
            }
            guard pair.count == 2 else { throw reader.fail(path, "must name exactly two tokens (got \(pair.count))") }
            guard let left = vocabulary[pair[0]] else {
                throw reader.fail(path, "refers to unknown token \"\(pair[0])\" (not in model.vocab)")
            }
            guard let right = vocabulary[pair[1]] else {
                throw reader.fail(path, "refers to unknown token \"\(pair[1])\" (not in model.vocab)")
            }
            guard let merged = vocabulary[pair[0] + pair[1]] else {
                throw reader.fail(path, "merged token \"\(pair[0] + pair[1])\" is not in model.vocab")
            }
            merges.append((left, right, merged))
        }
        return merges
    }
}
