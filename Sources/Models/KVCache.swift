// Keys and values of every layer for the tokens seen so far, preallocated for a batch and a maximum
// length so decoding never reallocates. All rows advance together; padding is handled by the key mask.
import Autograd

/// Per-layer key/value storage for incremental decoding, (B, capacity, Hkv, D) per layer.
public final class KVCache {
    /// Rows (sequences) in the batch.
    public private(set) var batch: Int
    /// Tokens each row can hold.
    public let capacity: Int
    /// Tokens stored so far in every row.
    public internal(set) var length = 0
    let keys: [Tensor]
    let values: [Tensor]
    let rowSize: Int

    /// Storage for `batch` rows of up to `capacity` tokens for a model of `config`; `reservedRows` (at
    /// least `batch`) is how many rows `selectRows` may grow the batch to (one prompt → G samples).
    public init(config: TransformerConfig, batch: Int, capacity: Int, reservedRows: Int? = nil) {
        self.batch = batch
        self.capacity = capacity
        let shape = [max(batch, reservedRows ?? batch), capacity, config.numKeyValueHeads, config.headDim]
        rowSize = capacity * config.numKeyValueHeads * config.headDim
        keys = (0..<config.numHiddenLayers).map { _ in Tensor(shape: shape, zeroed: true) }
        values = (0..<config.numHiddenLayers).map { _ in Tensor(shape: shape, zeroed: true) }
    }

    /// Layer `layer`'s keys and values for the current batch rows, (B, capacity, Hkv, D) views.
    func layerView(_ layer: Int) -> (k: Tensor, v: Tensor) {
        var shape = keys[layer].shape
        shape[0] = batch
        return (Tensor(storage: keys[layer].storage, shape: shape), Tensor(storage: values[layer].storage, shape: shape))
    }

    /// Empties the cache (the storage is kept).
    public func reset() { length = 0 }

    /// Writes new (B, T, Hkv, D) keys and values of `layer` after the stored ones.
    func append(layer: Int, k: Tensor, v: Tensor) {
        let t = k.shape[1], perToken = k.shape[2] * k.shape[3]
        for b in 0..<batch {
            (keys[layer].data + b * rowSize + length * perToken).update(from: k.data + b * t * perToken, count: t * perToken)
            (values[layer].data + b * rowSize + length * perToken).update(from: v.data + b * t * perToken, count: t * perToken)
        }
    }

    /// Copies the `length` tokens of `prefix`'s first row into row `row` from token `offset` on, in
    /// every layer: a prompt prefilled on its own, placed after its left padding.
    public func place(_ prefix: KVCache, intoRow row: Int, at offset: Int) throws {
        let perToken = rowSize / capacity
        guard row < batch, offset >= 0, offset + prefix.length <= capacity, prefix.keys.count == keys.count,
              prefix.rowSize / prefix.capacity == perToken
        else {
            throw ModelError.usage("KVCache.place: \(prefix.length) tokens at \(offset) do not fit row \(row) of a "
                + "\(batch)-row cache of capacity \(capacity)")
        }
        for layer in keys.indices {
            (keys[layer].data + row * rowSize + offset * perToken).update(from: prefix.keys[layer].data, count: prefix.length * perToken)
            (values[layer].data + row * rowSize + offset * perToken).update(from: prefix.values[layer].data, count: prefix.length * perToken)
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
        let used = length * (rowSize / capacity)
        for layer in keys.indices {
            for tensor in [keys[layer], values[layer]] {
                // Copy through a scratch so a row may be both a source and a destination.
                let scratch = Tensor(shape: [rows.count, used], zeroed: false)
                for (i, r) in rows.enumerated() { (scratch.data + i * used).update(from: tensor.data + r * rowSize, count: used) }
                for i in rows.indices { (tensor.data + i * rowSize).update(from: scratch.data + i * used, count: used) }
            }
        }
        batch = rows.count
    }
}
