// The key tables of docs/recipes.md, docs/sft.md and docs/distill.md against the keys each recipe accepts:
// every accepted key has a row (or its section does), and no row names a key the recipe would refuse.
import Foundation
import Testing
import Models
import TestSupport
import Training

struct RecipeDocsTests {
    /// The block of `doc` between its recipe-keys markers.
    func block(_ doc: String, _ command: String) throws -> String {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("../../docs/\(doc)")
        let text = try String(contentsOf: url, encoding: .utf8)
        let begin = "<!-- recipe-keys \(command) -->\n"
        guard let start = text.range(of: begin), let end = text.range(of: "<!-- end recipe-keys -->", range: start.upperBound..<text.endIndex)
        else { return "" }
        return String(text[start.upperBound..<end.lowerBound])
    }

    @Test(arguments: [("recipes.md", "train", GRPOConfig.keyTables), ("sft.md", "sft", SFTConfig.keyTables),
                      ("distill.md", "distill", DistillConfig.keyTables), ("pretrain.md", "pretrain", PretrainConfig.keyTables)])
    func theDocsHoldTheTablesTheKeyListMakes(doc: String, command: String, tables: String) throws {
        #expect(try block(doc, command) == tables, "docs/\(doc) is out of date: run scripts/recipe-keys.sh")
    }

    @Test func theBinaryPrintsTheSameTables() throws {
        let sft = try GRPOBinary.run(["recipe-keys", "sft"])
        #expect(sft.status == 0 && sft.out == SFTConfig.keyTables, "\(sft.err)")
        let bad = try GRPOBinary.run(["recipe-keys", "grpo"])
        #expect(bad.status != 0 && bad.err.contains("not train, sft, distill or pretrain"), "\(bad.err)")
    }

    @Test func everyAcceptedKeyHasARow() throws {
        // The tables come from the same list the reader takes its known keys from: each has a row.
        for (sections, tables) in [(GRPOConfig.sections, GRPOConfig.keyTables), (SFTConfig.sections, SFTConfig.keyTables),
                                   (DistillConfig.sections, DistillConfig.keyTables)] {
            for (section, names) in sections {
                for name in names where sections[name] == nil {
                    let full = section.isEmpty ? name : "\(section).\(name)"
                    #expect(tables.contains("| `\(full)` |"), "no row for \(full)")
                }
            }
        }
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
        config.lora.rank = 4
        config.data.questionField = "q"
        config.data.answerField = "a"
        config.data.goldFormat = "raw"
        let resolved = keys(config.resolvedYAML(threads: 2))
        // Countdown's own knobs appear when the task is countdown.
        let missing = accepted(GRPOConfig.sections, except: ["dataset.numbers", "dataset.max_number"]).subtracting(resolved)
        #expect(missing.isEmpty, "config.resolved.yaml lacks \(missing.sorted())")
        var countdown = GRPOConfig()
        countdown.data.task = "countdown"
        #expect(keys(countdown.resolvedYAML()).isSuperset(of: ["dataset.numbers", "dataset.max_number"]))
    }

    @Test func sftRecordsEveryKey() throws {
        var config = SFTConfig()
        config.lora = LoRAConfig(rank: 4)
        let resolved = keys(config.resolvedYAML(threads: 2, steps: 10))
        // `model` is recorded as `init`, the one name a resolved recipe needs.
        let missing = accepted(SFTConfig.sections, except: ["model"]).subtracting(resolved)
        #expect(missing.isEmpty, "config.resolved.yaml lacks \(missing.sorted())")
    }

    @Test func everyResolvedRecipeLoadsBackToTheSameRecipe() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("resolved-\(UUID().uuidString)")
        let data = try writeScratchFile("train.jsonl", #"{"prompt": "1+1=", "completion": "2"}"# + "\n", in: dir)
        var sft = try SFTConfig.load(path: try writeScratchFile("sft.yaml", "name: s\ndataset: {path: \(data)}\nmax_steps: 7\n"
            + "lora: {r: 4, alpha: 8}\npacking: true\n", in: dir))
        let back = try SFTConfig.load(path: try writeScratchFile("sft-back.yaml", sft.resolvedYAML(threads: 3, steps: 7), in: dir))
        sft.threads = 3
        #expect(back == sft)
        let distill = try DistillConfig.load(path: try writeScratchFile("d.yaml", "teacher: tiny\nmin_reward: 0.5\nprompts: 9\n"
            + "dataset: {task: countdown, numbers: 4}\ntemperature: 0.7\n", in: dir))
        let again = try DistillConfig.load(path: try writeScratchFile("d-back.yaml", distill.resolvedYAML(threads: 2), in: dir))
        #expect(again.resolvedYAML(threads: 2) == distill.resolvedYAML(threads: 2) && again.prompts == 9 && again.minReward == 0.5)
        #expect(again.grpo.data.task == "countdown" && again.grpo.data.countdownNumbers == 4 && again.grpo.sampling.temperature == 0.7)
    }
}
