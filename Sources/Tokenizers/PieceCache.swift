// Piece bytes to ids, remembered across encode calls since text repeats its words. Kept in flat arenas
// with open addressing: a lookup allocates nothing, where a Dictionary keyed by byte arrays would
// allocate a key per piece (the largest cost in profiles before this).

/// A bounded cache from piece bytes to token ids.
struct PieceCache {
    private struct Entry {
        var hash: UInt64
        var keyStart: Int32
        var keyLength: Int32
        var valueStart: Int32
        var valueLength: Int32
    }

    /// Pieces longer than this are not cached: they rarely repeat.
    static let maxKeyLength = 64
    private static let slotCount = 1 << 18  // a power of two; the table is cleared when half full
    private var slots: [Int32] = []  // allocated by the first insert, so an unused cache costs nothing
    private var entries: [Entry] = []
    private var keyBytes: [UInt8] = []
    private var values: [Int32] = []

    /// FNV-1a over the bytes, finished with a multiply so the low bits used for the slot are mixed.
    static func hash(_ key: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in key { h = (h ^ UInt64(byte)) &* 0x100_0000_01B3 }
        return (h ^ (h >> 29)) &* 0xBF58_476D_1CE4_E5B9
    }

    /// Appends the cached ids of `key` to `ids` and returns true, or returns false if not cached.
    func appendIDs(of key: UnsafeBufferPointer<UInt8>, hash: UInt64, to ids: inout [Int]) -> Bool {
        guard !slots.isEmpty else { return false }
        let mask = Self.slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 {
            let entry = entries[Int(slots[slot])]
            if entry.hash == hash && Int(entry.keyLength) == key.count && matches(entry, key) {
                let start = Int(entry.valueStart)
                for k in start..<(start + Int(entry.valueLength)) { ids.append(Int(values[k])) }
                return true
            }
            slot = (slot + 1) & mask
        }
        return false
    }

    /// Remembers `ids` for `key`, which must not be cached yet.
    mutating func insert(_ key: UnsafeBufferPointer<UInt8>, hash: UInt64, ids: ArraySlice<Int>) {
        guard key.count <= Self.maxKeyLength else { return }
        if slots.isEmpty { slots = [Int32](repeating: -1, count: Self.slotCount) }
        if entries.count >= Self.slotCount / 2 { clear() }
        let mask = Self.slotCount - 1
        var slot = Int(truncatingIfNeeded: hash) & mask
        while slots[slot] >= 0 { slot = (slot + 1) & mask }
        slots[slot] = Int32(entries.count)
        entries.append(
            Entry(
                hash: hash, keyStart: Int32(keyBytes.count), keyLength: Int32(key.count),
                valueStart: Int32(values.count), valueLength: Int32(ids.count)))
        keyBytes.append(contentsOf: key)
        for id in ids { values.append(Int32(id)) }
    }

    private func matches(_ entry: Entry, _ key: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = Int(entry.keyStart)
        for k in 0..<key.count where keyBytes[start + k] != key[k] { return false }
        return true
    }

    private mutating func clear() {
        for k in slots.indices { slots[k] = -1 }
        entries.removeAll(keepingCapacity: true)
        keyBytes.removeAll(keepingCapacity: true)
        values.removeAll(keepingCapacity: true)
    }
}
