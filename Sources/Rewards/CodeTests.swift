// An example's tests (`{"kind":"stdio","cases":[{"input","output"}]}`, `{"kind":"assert","code":"...",
// "entry_point":"f"}`, or HumanEval's plain Python test code), the sandbox jobs they become, and their score.
import Foundation

/// Parsed tests of one example.
public enum CodeTests: Sendable {
    /// stdin → expected stdout pairs, one sandbox run each.
    case stdio([(input: String, output: String)])
    /// Python test code run by the assert harness after the program, in one sandbox run; with an entry
    /// point, a `check(candidate)` in it is called case by case on the program's function of that name.
    case assert(String, entryPoint: String?)

    /// Reads the tests field: an object, a string holding one (as many datasets store it), or a string of
    /// Python test code (HumanEval's `test`). `entryPoint` (the example's field) applies unless the tests name one.
    public init(json: JSONValue, entryPoint: String? = nil) throws {
        var value = json
        if let text = json.stringValue {
            guard text.drop(while: \.isWhitespace).first == "{" else {
                self = .assert(text, entryPoint: entryPoint)
                return
            }
            do { value = try JSONValue.parse(text) } catch {
                throw RewardError.badInput("is a string starting with { but not JSON: \(error)")
            }
        }
        switch value["kind"]?.stringValue {
        case "stdio":
            guard let cases = value["cases"]?.arrayValue, !cases.isEmpty else {
                throw RewardError.badInput("stdio tests need a non-empty \"cases\" list")
            }
            self = .stdio(
                try cases.enumerated().map { index, item in
                    guard let input = item["input"]?.stringValue, let output = item["output"]?.stringValue else {
                        throw RewardError.badInput("cases[\(index)] needs string fields \"input\" and \"output\"")
                    }
                    return (input, output)
                })
        case "assert":
            guard let code = value["code"]?.stringValue, !code.isEmpty else {
                throw RewardError.badInput("assert tests need a non-empty string field \"code\"")
            }
            if let named = value["entry_point"], named.stringValue == nil {
                throw RewardError.badInput("field \"entry_point\" must be a string (got \(named.jsonText))")
            }
            self = .assert(code, entryPoint: value["entry_point"]?.stringValue ?? entryPoint)
        default:
            throw RewardError.badInput(
                "field \"kind\" must be \"stdio\" or \"assert\" (got \(value["kind"]?.jsonText ?? "nothing"))")
        }
    }

    func jobs(item: Int, program: Data) -> [CodeJob] {
        switch self {
        case .stdio(let cases):
            return cases.indices.map {
                CodeJob(item: item, program: program, kind: .stdio(cases[$0].input, cases[$0].output))
            }
        case .assert(let code, let entryPoint):
            return [CodeJob(item: item, program: program, kind: .assert(code, entryPoint: entryPoint))]
        }
    }

    func score(_ results: [CodeJobResult], allOrNothing: Bool, isolation: SandboxIsolation) -> RewardResult {
        if let failure = results.compactMap(\.infrastructureError).first {
            RewardLog.warn("code_tests infrastructure error: \(failure)")
            return RewardResult(nil, info: ["error": .string("infrastructure: \(failure)")])
        }
        let passed = results.reduce(0) { $0 + $1.passed }
        let total = results.reduce(0) { $0 + $1.total }
        guard total > 0 else {
            return RewardResult(
                nil,
                info: [
                    "error": .string(
                        "assert tests hold no case: no top-level assert or call, and no check(candidate) with an "
                            + "entry point (the tests' \"entry_point\" or the example's entry point field)")
                ])
        }
        let fraction = Double(passed) / Double(total)
        return RewardResult(
            allOrNothing ? (passed == total ? 1 : 0) : fraction,
            info: [
                "passed": .number(Double(passed)), "total": .number(Double(total)),
                "statuses": .array(results.flatMap(\.statuses).prefix(16).map(JSONValue.string)),
                "isolation": .string(isolation.rawValue),
            ])
    }
}

/// Whether program output matches the expected output: valid UTF-8, `\r\n` read as `\n`, trailing spaces, tabs
/// and `\r` on each line and trailing empty lines ignored; nothing else forgiven. Lines are compared byte for
/// byte, not with `String ==`, which would equate canonically equivalent text (NFD "e\u{301}" and NFC "é").
public func outputMatches(_ actual: Data, expected: String) -> Bool {
    func lines(_ bytes: [UInt8]) -> [ArraySlice<UInt8>] {
        var result = bytes.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false).map { line in
            line[..<(line.lastIndex { $0 != 0x20 && $0 != 0x09 && $0 != 0x0D }.map { $0 + 1 } ?? line.startIndex)]
        }
        while result.last?.isEmpty == true { result.removeLast() }
        return result
    }
    guard String(validating: actual, as: UTF8.self) != nil else { return false }
    return lines(Array(actual)) == lines(Array(expected.utf8))
}
