// `grpo logs show --where EXPR`: comparisons on a record's numbers, reward components and finish reason,
// joined by `and`, e.g. `rewards.math_answer>=1 and length>100` or `finish_reason==length`. Kept this small
// on purpose: anything richer is a job for `grpo logs export` and a real query tool.
import Foundation

/// A parsed `--where` expression.
public struct RolloutFilter: Sendable, Equatable {
    /// A field of a record a clause can compare.
    public enum Field: Sendable, Equatable {
        case number(String)
        case reward(String)
        case finishReason
    }

    /// A comparison operator.
    public enum Comparison: String, Sendable, CaseIterable {
        // Two-character operators first, so `<=` is not read as `<` followed by `=5`.
        case lessOrEqual = "<=", greaterOrEqual = ">=", equal = "==", notEqual = "!="
        case less = "<", greater = ">"
    }

    /// One `field op value` clause.
    public struct Clause: Sendable, Equatable {
        public let field: Field
        public let comparison: Comparison
        public let number: Double?
        public let text: String?
    }

    /// The clauses, all of which must hold.
    public let clauses: [Clause]

    /// Numeric fields by their JSON key.
    static let numbers: [String: @Sendable (RolloutRecord) -> Double] = [
        "step": { Double($0.step) }, "prompt_index": { Double($0.promptIndex) },
        "sample_index": { Double($0.sampleIndex) }, "reward": { $0.reward }, "advantage": { $0.advantage },
        "length": { Double($0.length) }, "seed": { Double($0.seed) },
    ]

    static var fieldList: String {
        (numbers.keys.sorted() + ["finish_reason", "rewards.NAME"]).joined(separator: ", ")
    }

    /// Parses `text`; errors name the clause and token at fault.
    public init(parsing text: String) throws {
        var groups: [[Substring]] = [[]]
        for word in text.split(whereSeparator: \.isWhitespace) {
            if word.lowercased() == "and" { groups.append([]) } else { groups[groups.count - 1].append(word) }
        }
        clauses = try groups.enumerated().map { i, words in
            guard !words.isEmpty else {
                let place = i == 0 ? "before the first 'and'" : "after 'and' number \(i)"
                throw RolloutLogError.usage("--where: no comparison \(place) in '\(text)'")
            }
            return try Self.clause(words.joined())
        }
    }

    private static func clause(_ text: String) throws -> Clause {
        guard let (op, range) = firstOperator(in: text) else {
            throw RolloutLogError.usage("--where: no comparison in '\(text)' (use <, <=, >, >=, ==, !=)")
        }
        let name = String(text[..<range.lowerBound])
        let value = String(text[range.upperBound...]).trimmingCharacters(in: CharacterSet(charactersIn: "'\""))
        guard !value.isEmpty else { throw RolloutLogError.usage("--where: no value after '\(text)'") }
        let field: Field
        if name == "finish_reason" {
            guard op == .equal || op == .notEqual else {
                throw RolloutLogError.usage("--where: finish_reason takes == or != (got '\(op.rawValue)' in '\(text)')")
            }
            return Clause(field: .finishReason, comparison: op, number: nil, text: value)
        } else if name.hasPrefix("rewards."), name.count > "rewards.".count {
            field = .reward(String(name.dropFirst("rewards.".count)))
        } else if numbers[name] != nil {
            field = .number(name)
        } else {
            throw RolloutLogError.usage("--where: unknown field '\(name)' in '\(text)' (fields: \(fieldList))")
        }
        guard let number = Double(value) else {
            throw RolloutLogError.usage("--where: '\(value)' in '\(text)' is not a number")
        }
        return Clause(field: field, comparison: op, number: number, text: nil)
    }

    /// The leftmost operator in `text`, preferring the longer one at the same place.
    private static func firstOperator(in text: String) -> (Comparison, Range<String.Index>)? {
        var index = text.startIndex
        while index < text.endIndex {
            for op in Comparison.allCases where text[index...].hasPrefix(op.rawValue) {
                return (op, index..<text.index(index, offsetBy: op.rawValue.count))
            }
            index = text.index(after: index)
        }
        return nil
    }

    /// True when every clause holds for `record`; a reward component the record lacks fails its clause.
    public func matches(_ record: RolloutRecord) -> Bool {
        clauses.allSatisfy { clause in
            switch clause.field {
            case .finishReason:
                return (record.finishReason == clause.text) == (clause.comparison == .equal)
            case let .reward(name):
                guard let value = record.rewards[name] else { return false }
                return Self.compare(value, clause.comparison, clause.number!)
            case let .number(name):
                return Self.compare(Self.numbers[name]!(record), clause.comparison, clause.number!)
            }
        }
    }

    private static func compare(_ a: Double, _ op: Comparison, _ b: Double) -> Bool {
        switch op {
        case .less: return a < b
        case .lessOrEqual: return a <= b
        case .greater: return a > b
        case .greaterOrEqual: return a >= b
        case .equal: return a == b
        case .notEqual: return a != b
        }
    }
}
