// The key tables of docs/recipes.md, docs/sft.md and docs/distill.md against the keys each recipe accepts:
// every accepted key has a row (or its section does), and no row names a key the recipe would refuse.
import Foundation
import Testing
import Training

struct RecipeDocsTests {
    /// The keys named in the first cell of each table row of `doc`.
    func documented(_ doc: String) throws -> Set<String> {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/\(doc)")
        var keys: Set<String> = []
        for line in try String(contentsOf: root, encoding: .utf8).split(separator: "\n") where line.hasPrefix("| `") {
            let cell = line.split(separator: "|", omittingEmptySubsequences: true)[0]
            for part in cell.split(separator: "`").enumerated() where part.offset % 2 == 1 { keys.insert(String(part.element)) }
        }
        return keys
    }

    @Test(arguments: [("recipes.md", GRPOConfig.sections), ("sft.md", SFTConfig.sections),
                      ("distill.md", DistillConfig.sections)])
    func everyKeyHasARowAndEveryRowAKey(doc: String, sections: [String: [String]]) throws {
        let rows = try documented(doc)
        var accepted: Set<String> = []
        for (section, keys) in sections {
            for key in keys {
                let full = section.isEmpty ? key : "\(section).\(key)"
                accepted.insert(full)
                // A section's own row (`lora`) covers its keys; a section name needs no row of its own.
                let covered = rows.contains(full) || (!section.isEmpty && rows.contains(section)) || sections[key] != nil
                #expect(covered, "\(doc): no row for \(full)")
            }
        }
        for row in rows.sorted() { #expect(accepted.contains(row), "\(doc): the row \(row) is not a key the recipe accepts") }
    }
}
