// Locating and reading the fixtures scripts/make_model_fixtures.py wrote.
import Foundation

enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

    static func url(_ name: String) -> URL { root.appendingPathComponent(name) }

    /// The expected outputs transformers computed for a fixture model.
    struct Expected: Decodable {
        let prompts: [[Int32]]
        let logits: [[[Float]]]
        let greedy: [[Int32]]
        let padded: Padded
        struct Padded: Decodable {
            let ids: [[Int32]]
            let mask: [[Float]]
            let positions: [[Int32]]
            let logits: [[[Float]]]
        }
    }

    static func expected(_ model: String) throws -> Expected {
        try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url(model).appendingPathComponent("expected.json")))
    }

    /// A fresh empty temporary folder.
    static func tempDir(_ label: String) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("swiftgrpo-\(label)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        return dir
    }
}

func maxAbsDiff(_ a: [Float], _ b: [Float]) -> Float {
    precondition(a.count == b.count, "length \(a.count) vs \(b.count)")
    return zip(a, b).map { abs($0 - $1) }.max() ?? 0
}
