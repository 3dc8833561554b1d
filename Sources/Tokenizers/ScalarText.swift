// A text segment laid out for the pre-tokenizers: its Unicode scalars, their character classes,
// general categories (for the regex engine) and UTF-8 offsets, in flat arrays reused from one
// segment to the next so splitting allocates nothing.

/// One segment of text as scalars with classes and UTF-8 offsets.
struct ScalarText {
    private(set) var scalars: [Unicode.Scalar] = []
    private(set) var classes: [ScalarClass] = []
    /// The general category number (`GeneralCategory`) of each scalar.
    private(set) var categories: [UInt8] = []
    /// UTF-8 offset of each scalar from the segment start, plus one entry for the end.
    private(set) var utf8Offsets: [Int] = []
    /// The segment's UTF-8 bytes.
    private(set) var bytes: [UInt8] = []

    var count: Int { scalars.count }

    /// Replaces the contents with the scalars of `utf8`, which must be valid UTF-8 (it comes from a String).
    mutating func load(_ utf8: ArraySlice<UInt8>) {
        scalars.removeAll(keepingCapacity: true)
        classes.removeAll(keepingCapacity: true)
        categories.removeAll(keepingCapacity: true)
        utf8Offsets.removeAll(keepingCapacity: true)
        bytes.removeAll(keepingCapacity: true)
        bytes.append(contentsOf: utf8)
        var i = 0
        let n = bytes.count
        while i < n {
            let lead = UInt32(bytes[i])
            let width = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4
            var value = width == 1 ? lead : lead & (0xFF >> UInt32(width + 1))
            for k in 1..<width { value = value << 6 | UInt32(bytes[i + k] & 0x3F) }
            let scalar = Unicode.Scalar(value) ?? "\u{FFFD}"
            scalars.append(scalar)
            classes.append(ScalarClass.of(scalar))
            categories.append(GeneralCategory.number(of: scalar))
            utf8Offsets.append(i)
            i += width
        }
        utf8Offsets.append(n)
    }

    /// The UTF-8 byte range of the scalars in `range`.
    func byteRange(_ range: Range<Int>) -> Range<Int> { utf8Offsets[range.lowerBound]..<utf8Offsets[range.upperBound] }
}
