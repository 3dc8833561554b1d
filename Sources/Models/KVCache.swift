// Keys and values of every layer for the tokens seen so far, preallocated for a batch and a maximum
// length so decoding never reallocates. All rows advance together; padding is handled by the key mask.
// Head-major, (B, Hkv, capacity, D): a decoding query streams its head's keys as one contiguous run.
// Token-major (B, capacity, Hkv, D) interleaved the heads, so each head read every other 256-byte run of
// memory, at 8.5 GB/s against 18.6 GB/s contiguous on one core here.
import Autograd

/// Per-layer key/value storage for incremental decoding, (B, Hkv, capacity, D) per layer.
public final class KVCache {
    /// Rows (sequences) in the batch.
    public private(set) var batch: Int
    /// Tokens each row can hold.
    public let capacity: Int
    /// Tokens stored so far in every row.
    public internal(set) var length = 0
    let keys: [Tensor]
    let values: [Tensor]
    let heads: Int
    let headDim: Int
    /// Floats per batch row of one layer: Hkv · capacity · D.
    var rowSize: Int { heads * capacity * headDim }

    /// Storage for `batch` rows of up to `capacity` tokens for a model of `config`; `reservedRows` (at
    /// least `batch`) is how many rows `selectRows` may grow the batch to (one prompt → G samples).
    public init(config: TransformerConfig, batch: Int, capacity: Int, reservedRows: Int? = nil) {
        self.batch = batch
        self.capacity = capacity
        heads = config.numKeyValueHeads
        headDim = config.headDim
        let shape = [max(batch, reservedRows ?? batch), heads, capacity, headDim]
        keys = (0..<config.numHiddenLayers).map { _ in Tensor(shape: shape, zeroed: true) }
        values = (0..<config.numHiddenLayers).map { _ in Tensor(shape: shape, zeroed: true) }
    }

    /// Layer `layer`'s keys and values for the current batch rows, (B, Hkv, capacity, D) views.
    func layerView(_ layer: Int) -> (k: Tensor, v: Tensor) {
        var shape = keys[layer].shape
        shape[0] = batch
        return (Tensor(storage: keys[layer].storage, shape: shape), Tensor(storage: values[layer].storage, shape: shape))
    }

    /// Empties the cache (the storage is kept).
    public func reset() { length = 0 }

    /// Writes new (B, T, Hkv, D) keys and values of `layer` after the stored ones.
    func append(layer: Int, k: Tensor, v: Tensor) {
        let t = k.shape[1]
        for (source, store) in [(k, keys[layer]), (v, values[layer])] {
            for b in 0..<batch {
                for h in 0..<heads {
                    let dst = store.data + (b * heads + h) * capacity * headDim + length * headDim
                    for i in 0..<t {
                        (dst + i * headDim).update(from: source.data + ((b * t + i) * heads + h) * headDim, count: headDim)
                    }
                }
            }
        }
    }

    /// Copies the `length` tokens of `prefix`'s first row into row `row` from token `offset` on, in
    /// every layer: a prompt prefilled on its own, placed after its left padding.
    public func place(_ prefix: KVCache, intoRow row: Int, at offset: Int) throws {
        guard row < batch, offset >= 0, offset + prefix.length <= capacity, prefix.keys.count == keys.count,
              prefix.heads == heads, prefix.headDim == headDim
        else {
            throw ModelError.usage("KVCache.place: \(prefix.length) tokens at \(offset) do not fit row \(row) of a "
                + "\(batch)-row cache of capacity \(capacity)")
        }
        for layer in keys.indices {
            for (source, store) in [(prefix.keys[layer], keys[layer]), (prefix.values[layer], values[layer])] {
                for h in 0..<heads {
                    (store.data + (row * heads + h) * capacity * headDim + offset * headDim)
                        .update(from: source.data + h * prefix.capacity * headDim, count: prefix.length * headDim)
                }
            }
        }
    }

    /// Declares the first `length` tokens of every row filled (after `place`).
    public func setFilled(_ length: Int) throws {
        guard (0...capacity).contains(length) else {
            throw ModelError.usage("KVCache.setFilled: \(length) tokens in a cache of capacity \(capacity)")
        }
        self.length = length
    }

    /// Keeps only `rows` (in that order, repeats allowed) as the new batch: drops finished sequences
    /// and copies a shared prompt's prefill to each of its samples. Storage is reused in place.
    public func selectRows(_ rows: [Int]) throws {
        guard rows.count <= keys.first.map({ $0.shape[0] }) ?? 0, rows.allSatisfy({ $0 >= 0 && $0 < batch }) else {
            throw ModelError.usage("KVCache.selectRows: rows \(rows) do not fit a batch of \(batch) "
                + "(capacity \(keys.first?.shape[0] ?? 0) rows)")
        }
        let used = length * headDim, block = capacity * headDim
        if used > 0 {
            // Copy through a scratch so a row may be both a source and a destination.
            let scratch = Tensor(shape: [rows.count * heads, used], zeroed: false)
            for tensor in keys + values {
                for (i, r) in rows.enumerated() {
                    for h in 0..<heads {
                        (scratch.data + (i * heads + h) * used).update(from: tensor.data + (r * heads + h) * block, count: used)
                    }
                }
                for i in 0..<rows.count * heads { (tensor.data + i * block).update(from: scratch.data + i * used, count: used) }
            }
        }
        batch = rows.count
    }
}
