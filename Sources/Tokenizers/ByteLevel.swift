// GPT-2's byte-to-unicode map: every byte gets a printable character so a vocabulary of strings can hold
// arbitrary bytes. Printable Latin-1 bytes map to themselves; the other 68 map to U+0100 onwards.

/// The byte-level alphabet of GPT-2 style tokenizers.
enum ByteLevel {
    /// The character standing for each byte.
    static let characterForByte: [Character] = {
        var table = [Character](repeating: " ", count: 256)
        var extra: UInt32 = 0
        for byte in 0..<256 {
            let printable = (33...126).contains(byte) || (161...172).contains(byte) || (174...255).contains(byte)
            let value = printable ? UInt32(byte) : 256 + extra
            if !printable { extra += 1 }
            table[byte] = Character(Unicode.Scalar(value)!)
        }
        return table
    }()

    /// The byte each alphabet character stands for.
    static let byteForScalar: [UInt32: UInt8] = {
        var map: [UInt32: UInt8] = [:]
        for (byte, character) in characterForByte.enumerated() {
            map[character.unicodeScalars.first!.value] = UInt8(byte)
        }
        return map
    }()

    /// The bytes a byte-level token stands for, or nil if it has a character outside the alphabet.
    static func bytes(of token: String) -> [UInt8]? {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(token.unicodeScalars.count)
        for scalar in token.unicodeScalars {
            guard let byte = byteForScalar[scalar.value] else { return nil }
            bytes.append(byte)
        }
        return bytes
    }
}
