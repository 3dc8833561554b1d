// JSON-lines input for `grpo reward` and `grpo reward test`: one example per line, errors naming file and line.
import Foundation

/// One line of a reward input file.
public struct RewardInputLine: Sendable {
    /// 1-based line number in the file.
    public var line: Int
    /// The item to score.
    public var item: RewardItem
    /// The whole line as JSON (cases files carry `expected` here).
    public var json: JSONValue
}

/// Reading reward input files.
public enum RewardInputFile {
    /// Every non-blank line of `path` as an item; throws `badInput` naming `path:line` and the problem.
    public static func read(_ path: String) throws -> [RewardInputLine] {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw RewardError.badInput("\(path): cannot read (\(error.localizedDescription))")
        }
        var lines: [RewardInputLine] = []
        for (index, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let trimmed = raw.trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty else { continue }
            do {
                let json = try JSONValue.parse(trimmed)
                lines.append(RewardInputLine(line: index + 1, item: try RewardItem(json: json), json: json))
            } catch let error as RewardError {
                throw RewardError.badInput("\(path):\(index + 1): \(error.description)")
            } catch {
                throw RewardError.badInput("\(path):\(index + 1): not valid JSON (\(trimmed.prefix(80)))")
            }
        }
        return lines
    }
}

/// One checked case of `grpo reward test`.
public struct RewardCaseCheck: Sendable {
    /// Line in the cases file.
    public var line: Int
    /// What the reward gave.
    public var result: RewardResult
    /// What the case expected (nil: not applicable).
    public var expected: Double?
    /// Whether they agree (to 1e-6).
    public var passed: Bool

    /// Scores every case (lines with an `expected` field: a number, null, or {"reward": x}) and compares.
    public static func run(_ reward: any RewardFunction, cases: [RewardInputLine], file: String) async throws
        -> [RewardCaseCheck]
    {
        let expectations = try cases.map { line -> Double? in
            guard var expected = line.json["expected"] else {
                throw RewardError.badInput(
                    "\(file):\(line.line): missing field \"expected\" (a number, null or {\"reward\": x})")
            }
            if let object = expected.objectValue { expected = object["reward"] ?? .null }
            guard expected == .null || expected.numberValue != nil else {
                throw RewardError.badInput(
                    "\(file):\(line.line): field \"expected\" must be a number, null or {\"reward\": x}")
            }
            return expected.numberValue
        }
        let items = cases.map { line -> RewardItem in
            var item = line.item
            item.fields.removeValue(forKey: "expected")
            return item
        }
        let results = try await reward.score(items)
        return zip(cases, zip(results, expectations)).map { line, pair in
            let (result, expected) = pair
            let passed =
                switch (result.score, expected) {
                case (nil, nil): true
                case (let got?, let want?): abs(got - want) <= 1e-6
                default: false
                }
            return RewardCaseCheck(line: line.line, result: result, expected: expected, passed: passed)
        }
    }
}
