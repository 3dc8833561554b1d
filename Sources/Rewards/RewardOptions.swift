// Typed reads of a reward's options, with errors that name the reward, the option and what it must be;
// a built-in reward then refuses any option it did not read, so a misspelled one never passes silently.

/// A reward's options as given in a recipe or on the command line.
public final class RewardOptions {
    let reward: String
    let values: [String: JSONValue]
    /// The options read so far.
    private var read: Set<String> = []

    /// Wraps the options of `reward`.
    public init(_ reward: String, _ values: [String: JSONValue]) {
        self.reward = reward
        self.values = values
    }

    /// A number option, or `fallback` when absent.
    public func number(_ key: String, _ fallback: Double) throws -> Double {
        read.insert(key)
        guard let value = values[key] else { return fallback }
        guard let number = value.numberValue else { throw wrong(key, "a number", value) }
        return number
    }

    /// A whole-number option, or `fallback` when absent.
    public func integer(_ key: String, _ fallback: Int, minimum: Int = .min) throws -> Int {
        let number = try self.number(key, Double(fallback))
        guard number.rounded() == number, number >= Double(minimum), abs(number) < 1e15 else {
            throw wrong(key, "a whole number of at least \(minimum)", values[key] ?? .null)
        }
        return Int(number)
    }

    /// A string option, or `fallback` when absent.
    public func string(_ key: String, _ fallback: String) throws -> String {
        read.insert(key)
        guard let value = values[key] else { return fallback }
        guard let text = value.stringValue else { throw wrong(key, "a string", value) }
        return text
    }

    /// A boolean option, or `fallback` when absent.
    public func bool(_ key: String, _ fallback: Bool) throws -> Bool {
        read.insert(key)
        guard let value = values[key] else { return fallback }
        guard let flag = value.boolValue else { throw wrong(key, "true or false", value) }
        return flag
    }

    /// A list-of-strings option, or `fallback` when absent.
    public func strings(_ key: String, _ fallback: [String]) throws -> [String] {
        read.insert(key)
        guard let value = values[key] else { return fallback }
        guard let list = value.arrayValue?.compactMap(\.stringValue), list.count == value.arrayValue?.count else {
            throw wrong(key, "a list of strings", value)
        }
        return list
    }

    /// Throws on the first option that was given but never read, naming the ones the reward takes.
    public func rejectUnknown() throws {
        guard let key = values.keys.sorted().first(where: { !read.contains($0) }) else { return }
        throw RewardError.badInput("\(reward): unknown option \(key) (its options: \(read.sorted().joined(separator: ", ")))")
    }

    private func wrong(_ key: String, _ kind: String, _ value: JSONValue) -> RewardError {
        .badInput("\(reward): option \(key) must be \(kind) (got \(value.jsonText))")
    }
}
