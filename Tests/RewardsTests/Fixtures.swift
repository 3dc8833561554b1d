// Locates test fixtures next to this file and reads JSON-lines files.
import Foundation
import Rewards

enum Fixtures {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent(
        "Fixtures")

    /// Every line of a JSONL fixture, decoded.
    static func jsonLines(_ name: String) throws -> [JSONValue] {
        let text = try String(contentsOf: directory.appendingPathComponent(name), encoding: .utf8)
        return try text.split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }
}
