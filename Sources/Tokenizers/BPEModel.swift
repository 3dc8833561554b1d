// The BPE model of tokenizer.json: a piece's symbols (its bytes through the byte-level alphabet, or its
// characters) merged pair by pair, lowest merge rank first and leftmost among equals, exactly as
// `tokenizers` does with its priority queue. `BPETokenizer` caches the results per piece.

/// Byte-pair encoding of single pieces.
struct BPEModel: Sendable {
    /// Token text to id, as the vocabulary lists it.
    let vocabulary: [String: Int]
    /// Merged pair `(left << 32 | right)` to `(rank << 32 | new id)`.
    private let merges: [UInt64: UInt64]
    /// Whether symbols are bytes through the GPT-2 alphabet (ByteLevel) rather than characters.
    let byteLevel: Bool
    private let byteSymbols: [Int]
    /// With `ignore_merges`, a piece that is itself a token is taken whole (Llama-3); keyed by its bytes.
    private let wholeTokens: [ByteKey: Int]?
    private let unknownID: Int?
    private let fuseUnknown: Bool

    /// Builds the model; `merges` are token pairs by rank, already checked to be in the vocabulary.
    init(
        vocabulary: [String: Int], merges: [(Int, Int, Int)], byteLevel: Bool, ignoreMerges: Bool,
        unknownID: Int?, fuseUnknown: Bool
    ) {
        self.vocabulary = vocabulary
        var table: [UInt64: UInt64] = [:]
        table.reserveCapacity(merges.count)
        for (rank, (left, right, merged)) in merges.enumerated() {
            table[UInt64(left) << 32 | UInt64(right)] = UInt64(rank) << 32 | UInt64(merged)
        }
        self.merges = table
        self.byteLevel = byteLevel
        byteSymbols = ByteLevel.characterForByte.map { vocabulary[String($0)] ?? -1 }
        if ignoreMerges {
            var whole: [ByteKey: Int] = [:]
            for (token, id) in vocabulary {
                let bytes = byteLevel ? ByteLevel.bytes(of: token) : Array(token.utf8)
                if let bytes { whole[ByteKey(bytes)] = id }
            }
            wholeTokens = whole
        } else {
            wholeTokens = nil
        }
        self.unknownID = unknownID
        self.fuseUnknown = fuseUnknown
    }

    /// Appends the ids of the piece `range` of `text` to `ids`.
    func encode(_ text: ScalarText, _ range: Range<Int>, into ids: inout [Int]) {
        let bytes = Array(text.bytes[text.byteRange(range)])
        if let whole = wholeTokens?[ByteKey(bytes)] {
            ids.append(whole)
        } else {
            ids.append(contentsOf: merge(symbols(text, range, bytes)))
        }
    }

    /// The piece's starting symbols; characters outside the vocabulary become the unknown token, or
    /// vanish when there is none, as in `tokenizers`.
    private func symbols(_ text: ScalarText, _ range: Range<Int>, _ bytes: [UInt8]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(bytes.count)
        var lastWasUnknown = false
        func add(_ id: Int?) {
            if let id {
                result.append(id)
                lastWasUnknown = false
            } else if let unknownID, !(fuseUnknown && lastWasUnknown) {
                result.append(unknownID)
                lastWasUnknown = true
            }
        }
        if byteLevel {
            for byte in bytes { add(byteSymbols[Int(byte)] >= 0 ? byteSymbols[Int(byte)] : nil) }
        } else {
            for k in range { add(vocabulary[String(text.scalars[k])]) }
        }
        return result
    }

    /// Merges adjacent symbols by rank until no listed pair is left.
    private func merge(_ symbols: [Int]) -> [Int] {
        let n = symbols.count
        guard n > 1 else { return symbols }
        var ids = symbols
        var next = Array(1...n)
        next[n - 1] = -1
        var prev = Array(-1..<(n - 1))
        var alive = [Bool](repeating: true, count: n)
        var queue = MergeQueue()
        func push(_ pos: Int) {
            guard next[pos] >= 0, let entry = merges[pairKey(ids[pos], ids[next[pos]])] else { return }
            queue.push(rank: Int(entry >> 32), position: pos)
        }
        for pos in 0..<(n - 1) { push(pos) }
        while let (rank, pos) = queue.pop() {
            guard alive[pos], next[pos] >= 0,
                let entry = merges[pairKey(ids[pos], ids[next[pos]])], Int(entry >> 32) == rank
            else { continue }  // stale: one side was merged since this pair was queued
            let right = next[pos]
            ids[pos] = Int(entry & 0xFFFF_FFFF)
            alive[right] = false
            next[pos] = next[right]
            if next[right] >= 0 { prev[next[right]] = pos }
            if prev[pos] >= 0 { push(prev[pos]) }
            push(pos)
        }
        var result: [Int] = []
        var pos = 0
        while pos >= 0 {
            result.append(ids[pos])
            pos = next[pos]
        }
        return result
    }

    private func pairKey(_ left: Int, _ right: Int) -> UInt64 { UInt64(left) << 32 | UInt64(right) }
}

/// A binary min-heap of (rank, position), packed in one integer so rank orders first, then position.
private struct MergeQueue {
    private var heap: [UInt64] = []

    mutating func push(rank: Int, position: Int) {
        heap.append(UInt64(rank) << 32 | UInt64(position))
        var child = heap.count - 1
        while child > 0 {
            let parent = (child - 1) / 2
            if heap[parent] <= heap[child] { break }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    mutating func pop() -> (Int, Int)? {
        guard let top = heap.first else { return nil }
        let last = heap.removeLast()
        if !heap.isEmpty {
            heap[0] = last
            var parent = 0
            while true {
                let left = 2 * parent + 1
                if left >= heap.count { break }
                let smaller = left + 1 < heap.count && heap[left + 1] < heap[left] ? left + 1 : left
                if heap[parent] <= heap[smaller] { break }
                heap.swapAt(parent, smaller)
                parent = smaller
            }
        }
        return (Int(top >> 32), Int(top & 0xFFFF_FFFF))
    }
}

/// Bytes as a dictionary key, hashed in one call rather than byte by byte.
struct ByteKey: Hashable {
    let bytes: [UInt8]

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    func hash(into hasher: inout Hasher) {
        bytes.withUnsafeBytes { hasher.combine(bytes: $0) }
    }
}
