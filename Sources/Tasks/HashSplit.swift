// The split rule of the built-in tasks: a hash of the question's text puts it in train or test, so the two
// never share a question whatever the seed, and a train question is redrawn until it lands in train.

/// Train/test membership by a hash of the question's text.
public enum HashSplit {
    /// Share of all questions that belong to the test split, in percent.
    static let testPercent = 10

    /// The text's bucket in 0..<100: FNV-1a of its UTF-8 bytes, modulo 100.
    public static func bucket(_ text: String) -> Int {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 { h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3 }
        return Int(h % 100)
    }

    /// Whether a question with this text is in the test split.
    static func isTest(_ text: String) -> Bool { bucket(text) < testPercent }

    /// Train question `index`: drawn from a stream fixed by (seed, index) alone, redrawn while its `text`
    /// falls in the test split.
    static func trainQuestion<Q>(seed: UInt64, index: Int, text: (Q) -> String, draw: (inout SplitMix) -> Q) -> Q {
        var stream = SplitMix(seed &+ UInt64(index) &* 0x9E37_79B9_7F4A_7C15)
        while true {
            let q = draw(&stream)
            if !isTest(text(q)) { return q }
        }
    }
}
