// A recipe's keys as one list: each key's YAML name, its group, what it means, how it is read into the
// typed recipe and how config.resolved.yaml records it. The unknown-key check, the resolved recipe and the
// key tables of docs/ are all made from this list, so none of them can name a key the others do not.
import Foundation

/// One key of a recipe of type `Root`.
public struct RecipeKey<Root>: @unchecked Sendable {
    /// The YAML name, dotted inside a section: `learning_rate`, `dataset.task`.
    public let name: String
    /// The heading of its table in the docs: `Run`, `Data`, `Rewards`, ….
    public let group: String
    /// What it does, as the docs' table says it.
    public let meaning: String
    /// The docs' default cell when the default is not a value (`all cores`); nil: the default recipe's value.
    let defaultText: String?
    /// Reads the key from the reader of its section (the name without the section) into the recipe.
    let read: (inout Root, ConfigReader, String) throws -> Void
    /// The value as YAML text, or nil where the key does not apply to this recipe.
    let write: (Root) -> String?

    /// A key read and written by the given closures.
    init(_ name: String, _ group: String, _ meaning: String, default defaultText: String? = nil,
         read: @escaping (inout Root, ConfigReader, String) throws -> Void, write: @escaping (Root) -> String?) {
        self.name = name
        self.group = group
        self.meaning = meaning
        self.defaultText = defaultText
        self.read = read
        self.write = write
    }

    /// The section the key lives in (`dataset`), or "" at the top level.
    public var section: String { name.contains(".") ? String(name.prefix { $0 != "." }) : "" }
    /// The name inside its section.
    var leaf: String { name.contains(".") ? String(name.drop { $0 != "." }.dropFirst()) : name }
}

/// YAML text of a string, quoted so any content reads back as the same string.
func yamlQuoted(_ text: String) -> String {
    "\"\(text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\""))\""
}

extension RecipeKey {
    static func int(_ name: String, _ group: String, _ path: WritableKeyPath<Root, Int>, _ meaning: String,
                    default d: String? = nil) -> Self {
        Self(name, group, meaning, default: d, read: { $0[keyPath: path] = try $1.int($2, $0[keyPath: path]) },
             write: { "\($0[keyPath: path])" })
    }

    static func optionalInt(_ name: String, _ group: String, _ path: WritableKeyPath<Root, Int?>, _ meaning: String,
                            default d: String? = nil) -> Self {
        Self(name, group, meaning, default: d, read: { $0[keyPath: path] = try $1.optionalInt($2) ?? $0[keyPath: path] },
             write: { $0[keyPath: path].map { "\($0)" } ?? "null" })
    }

    static func double(_ name: String, _ group: String, _ path: WritableKeyPath<Root, Double>, _ meaning: String,
                       default d: String? = nil) -> Self {
        Self(name, group, meaning, default: d, read: { $0[keyPath: path] = try $1.double($2, $0[keyPath: path]) },
             write: { "\($0[keyPath: path])" })
    }

    static func optionalDouble(_ name: String, _ group: String, _ path: WritableKeyPath<Root, Double?>, _ meaning: String,
                               default d: String? = nil) -> Self {
        Self(name, group, meaning, default: d, read: { $0[keyPath: path] = try $1.optionalDouble($2) ?? $0[keyPath: path] },
             write: { $0[keyPath: path].map { "\($0)" } ?? "null" })
    }

    static func bool(_ name: String, _ group: String, _ path: WritableKeyPath<Root, Bool>, _ meaning: String) -> Self {
        Self(name, group, meaning, read: { $0[keyPath: path] = try $1.bool($2, $0[keyPath: path]) },
             write: { "\($0[keyPath: path])" })
    }

    static func string(_ name: String, _ group: String, _ path: WritableKeyPath<Root, String>, _ meaning: String,
                       default d: String? = nil) -> Self {
        Self(name, group, meaning, default: d, read: { $0[keyPath: path] = try $1.string($2, $0[keyPath: path]) },
             write: { yamlQuoted($0[keyPath: path]) })
    }

    static func optionalString(_ name: String, _ group: String, _ path: WritableKeyPath<Root, String?>, _ meaning: String,
                               default d: String? = nil) -> Self {
        Self(name, group, meaning, default: d, read: { $0[keyPath: path] = try $1.optionalString($2) ?? $0[keyPath: path] },
             write: { $0[keyPath: path].map(yamlQuoted) ?? "null" })
    }

    /// A string that must be one of `allowed`.
    static func choice(_ name: String, _ group: String, _ path: WritableKeyPath<Root, String>, from allowed: [String],
                       _ meaning: String) -> Self {
        Self(name, group, meaning, read: { $0[keyPath: path] = try $1.choice($2, $0[keyPath: path], from: allowed) },
             write: { $0[keyPath: path] })
    }

    /// An enum's raw value, one of its cases.
    static func cases<E: RawRepresentable & CaseIterable>(_ name: String, _ group: String, _ path: WritableKeyPath<Root, E>,
                                                          _ meaning: String) -> Self where E.RawValue == String {
        Self(name, group, meaning, read: { root, r, key in
            root[keyPath: path] = E(rawValue: try r.choice(key, root[keyPath: path].rawValue, from: E.allCases.map(\.rawValue)))!
        }, write: { $0[keyPath: path].rawValue })
    }

    static func strings(_ name: String, _ group: String, _ path: WritableKeyPath<Root, [String]>, _ meaning: String,
                        default d: String? = nil) -> Self {
        Self(name, group, meaning, default: d, read: { $0[keyPath: path] = try $1.strings($2, $0[keyPath: path]) },
             write: { "[\($0[keyPath: path].map(yamlQuoted).joined(separator: ", "))]" })
    }
}

/// Reading, recording and documenting a recipe through its list of keys.
enum RecipeKeys {
    /// `values` (a YAML mapping) read into `root` key by key; a key the list does not name is an error
    /// naming it (with the nearest known key), as is a section that is not a mapping.
    static func read<Root>(_ keys: [RecipeKey<Root>], into root: inout Root, file: String, values: [String: Any]) throws {
        let top = ConfigReader(file: file, values: values)
        let sections = unique(keys.map(\.section).filter { !$0.isEmpty })
        try top.rejectUnknown(unique(keys.map { $0.section.isEmpty ? $0.name : $0.section }))
        var readers = ["": top]
        for section in sections {
            guard let reader = try top.mapping(section) else { continue }
            try reader.rejectUnknown(keys.filter { $0.section == section }.map(\.leaf))
            readers[section] = reader
        }
        for key in keys {
            guard let reader = readers[key.section] else { continue }
            try key.read(&root, reader, key.leaf)
        }
    }

    /// The keys by section ("" for the top level, where a section is named too), for checks and tests.
    static func sections<Root>(_ keys: [RecipeKey<Root>]) -> [String: [String]] {
        var out: [String: [String]] = ["": []]
        for key in keys {
            if key.section.isEmpty { out[""]!.append(key.name) } else {
                if out[key.section] == nil { out[""]!.append(key.section) }
                out[key.section, default: []].append(key.leaf)
            }
        }
        return out
    }

    /// Every key that applies to `root` as YAML, in list order, a section's keys under its name.
    static func yaml<Root>(_ keys: [RecipeKey<Root>], _ root: Root) -> String {
        var lines: [String] = [], written: Set<String> = []
        for key in keys where !written.contains(key.section) || key.section.isEmpty {
            if key.section.isEmpty {
                if let value = key.write(root) { lines.append("\(key.name): \(value)") }
                continue
            }
            written.insert(key.section)
            let inner = keys.filter { $0.section == key.section }.compactMap { k in k.write(root).map { "  \(k.leaf): \($0)" } }
            if !inner.isEmpty { lines += ["\(key.section):"] + inner }
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// The docs' tables, one per group in list order: key, default (as `defaults` records it), meaning.
    static func markdown<Root>(_ keys: [RecipeKey<Root>], defaults: Root) -> String {
        unique(keys.map(\.group)).map { group in
            let rows = keys.filter { $0.group == group }.map { key in
                let value = key.defaultText ?? key.write(defaults).map { $0 == "null" ? "none" : "`\($0)`" } ?? "—"
                return "| `\(key.name)` | \(value) | \(key.meaning) |"
            }
            return (["### \(group)", "", "| key | default | meaning |", "| --- | --- | --- |"] + rows).joined(separator: "\n")
        }.joined(separator: "\n\n") + "\n"
    }

    private static func unique(_ names: [String]) -> [String] {
        var seen: Set<String> = []
        return names.filter { seen.insert($0).inserted }
    }
}

extension RecipeKey {
    /// This key where `applies` holds; elsewhere giving it is an error saying `why`, and it is not recorded.
    func only(when applies: @escaping (Root) -> Bool, _ why: String) -> Self {
        Self(name, group, meaning, default: defaultText, read: { root, r, leaf in
            if !applies(root) && r.has(leaf) { throw r.fail(leaf, why) }
            try read(&root, r, leaf)
        }, write: { applies($0) ? write($0) : nil })
    }

    /// The same key on a recipe that holds this one's at `path` (distillation's sampling keys are GRPO's).
    func lifted<Outer>(_ path: WritableKeyPath<Outer, Root>) -> RecipeKey<Outer> {
        RecipeKey<Outer>(name, group, meaning, default: defaultText, read: { outer, r, key in try read(&outer[keyPath: path], r, key) },
                         write: { write($0[keyPath: path]) })
    }
}
