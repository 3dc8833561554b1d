// A recipe file as a mapping of keys to values, with `--set key=value` overrides applied (dotted keys
// for sections); each recipe type then reads and checks its own keys.
import Foundation
import Yams

enum RecipeFile {
    /// The YAML mapping of `path` with `overrides` applied.
    static func values(path: String, overrides: [String]) throws -> [String: Any] {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ConfigError("\(path): cannot read the recipe")
        }
        let loaded: Any?
        do { loaded = try Yams.load(yaml: text) } catch { throw ConfigError("\(path): not valid YAML: \(error)") }
        guard var values = (loaded ?? [String: Any]()) as? [String: Any] else {
            throw ConfigError("\(path): the recipe must be a mapping of keys to values")
        }
        for override in overrides {
            guard let eq = override.firstIndex(of: "=") else {
                throw ConfigError("--set \(override): expected key=value")
            }
            let key = String(override[..<eq]), raw = String(override[override.index(after: eq)...])
            let value = (try? Yams.load(yaml: raw)).flatMap { $0 } ?? raw
            let parts = key.split(separator: ".").map(String.init)
            if parts.count == 2 {
                var section = values[parts[0]] as? [String: Any] ?? [:]
                section[parts[1]] = value
                values[parts[0]] = section
            } else {
                values[key] = value
            }
        }
        return values
    }
}
