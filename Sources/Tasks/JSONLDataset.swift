// Prompt sources read from JSON-lines files with a field mapping: GSM8K (`question`, `answer` ending in
// "#### 42"), MATH style (`problem`, `solution` with a \boxed{} answer), code problems (`prompt`,
// `tests`). The gold answer is extracted once at load time and passed to rewards as `answer`.
import Foundation
import Rewards

/// Which fields hold the question and the gold answer, and how to read the gold.
public struct FieldMapping: Codable, Equatable, Sendable {
    /// Field holding the question.
    public var question: String
    /// Field holding the gold answer or solution (nil for none, e.g. code problems with tests).
    public var answer: String?
    /// How to read the gold: `raw`, `gsm8k` (text after "####"), `boxed` (last \boxed{…}).
    public var goldFormat: String

    /// A mapping; defaults read GSM8K.
    public init(question: String = "question", answer: String? = "answer", goldFormat: String = "gsm8k") {
        self.question = question
        self.answer = answer
        self.goldFormat = goldFormat
    }

    /// Presets by dataset style: `gsm8k`, `math`, `code`.
    public static func preset(_ name: String) -> FieldMapping? {
        switch name {
        case "gsm8k": return FieldMapping()
        case "math": return FieldMapping(question: "problem", answer: "solution", goldFormat: "boxed")
        case "code": return FieldMapping(question: "prompt", answer: nil, goldFormat: "raw")
        default: return nil
        }
    }
}

/// A dataset loaded from a JSONL file.
public struct JSONLDataset: PromptSource {
    public let name: String
    public let defaultRewards: [String]
    let examples: [Example]
    public var count: Int { examples.count }

    /// Reads `path`; every line must be a JSON object with the mapped fields (errors name file:line).
    public init(path: String, mapping: FieldMapping, template: PromptTemplate, limit: Int? = nil) throws {
        guard let data = FileManager.default.contents(atPath: path), let text = String(data: data, encoding: .utf8) else {
            throw TaskError("\(path): cannot read the file (missing, or not UTF-8)")
        }
        var examples: [Example] = []
        for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if let limit, examples.count >= limit { break }
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.isEmpty { continue }
            let where_ = "\(path):\(number + 1)"
            guard var object = (try? JSONValue.parse(String(trimmed)))?.objectValue else {
                throw TaskError("\(where_): not a JSON object")
            }
            guard let question = object[mapping.question]?.stringValue else {
                throw TaskError("\(where_): field \"\(mapping.question)\" is missing or not a string "
                    + "(set dataset.question_field to the field holding the question)")
            }
            if let answerField = mapping.answer {
                guard let raw = object[answerField]?.textValue else {
                    throw TaskError("\(where_): field \"\(answerField)\" is missing (set dataset.answer_field)")
                }
                guard let gold = Self.gold(raw, format: mapping.goldFormat) else {
                    throw TaskError("\(where_): no \(mapping.goldFormat) answer in field \"\(answerField)\"")
                }
                object["solution"] = object[answerField]
                object["answer"] = .string(gold)
            }
            examples.append(Example(question: question, prompt: template.render(question), fields: object))
        }
        guard !examples.isEmpty else { throw TaskError("\(path): no examples") }
        self.examples = examples
        name = path
        defaultRewards = mapping.answer == nil ? ["code_tests"] : ["math_answer", "think_format"]
    }

    public func example(at index: Int) -> Example { examples[index] }

    /// The gold answer in `raw` as `format` reads it, or nil.
    static func gold(_ raw: String, format: String) -> String? {
        switch format {
        case "gsm8k":
            guard let range = raw.range(of: "####", options: .backwards) else { return nil }
            let gold = raw[range.upperBound...].trimmingCharacters(in: .whitespacesAndNewlines)
            return gold.isEmpty ? nil : gold
        case "boxed":
            guard let start = raw.range(of: "\\boxed{", options: .backwards) else { return nil }
            var depth = 1, i = start.upperBound
            while i < raw.endIndex {
                if raw[i] == "{" { depth += 1 } else if raw[i] == "}" { depth -= 1; if depth == 0 { break } }
                i = raw.index(after: i)
            }
            return depth == 0 ? String(raw[start.upperBound..<i]) : nil
        default:
            return raw
        }
    }
}
