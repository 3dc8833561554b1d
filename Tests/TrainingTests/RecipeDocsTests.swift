// The key tables of docs/recipes.md, docs/sft.md and docs/distill.md against the keys each recipe accepts:
// every accepted key has a row (or its section does), and no row names a key the recipe would refuse.
import Foundation
import Testing
import Models
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

/// config.resolved.yaml against the accepted keys: a resolved recipe records every key a recipe can set.
struct ResolvedRecipeTests {
    /// The keys of a resolved YAML text, sections dotted.
    func keys(_ yaml: String) -> Set<String> {
        var section = "", out: Set<String> = []
        for line in yaml.split(separator: "\n") {
            let text = line.trimmingCharacters(in: .whitespaces), key = String(text.prefix { $0 != ":" })
            if !line.hasPrefix("  ") && text.hasSuffix(":") { section = key; continue }
            out.insert(line.hasPrefix("  ") ? "\(section).\(key)" : key)
        }
        return out
    }

    /// Every accepted key (sections dotted) but the ones named in `except`.
    func accepted(_ sections: [String: [String]], except: Set<String>) -> Set<String> {
        var all: Set<String> = []
        for (section, names) in sections {
            for name in names where sections[name] == nil { all.insert(section.isEmpty ? name : "\(section).\(name)") }
        }
        return all.subtracting(except)
    }

    @Test func grpoRecordsEveryKey() throws {
        var config = GRPOConfig()
        config.loraRank = 4
        config.questionField = "q"
        config.answerField = "a"
        config.goldFormat = "raw"
        let resolved = keys(config.resolvedYAML(initFrom: "tiny", threads: 2))
        // Countdown's own knobs appear when the task is countdown.
        let missing = accepted(GRPOConfig.sections, except: ["dataset.numbers", "dataset.max_number"]).subtracting(resolved)
        #expect(missing.isEmpty, "config.resolved.yaml lacks \(missing.sorted())")
        var countdown = GRPOConfig()
        countdown.task = "countdown"
        #expect(keys(countdown.resolvedYAML(initFrom: "tiny")).isSuperset(of: ["dataset.numbers", "dataset.max_number"]))
    }

    @Test func sftRecordsEveryKey() throws {
        var config = SFTConfig()
        config.lora = LoRAConfig(rank: 4)
        let resolved = keys(config.resolvedYAML(threads: 2, steps: 10))
        // `model` is recorded as `init`, the one name a resolved recipe needs.
        let missing = accepted(SFTConfig.sections, except: ["model"]).subtracting(resolved)
        #expect(missing.isEmpty, "config.resolved.yaml lacks \(missing.sorted())")
    }
}
