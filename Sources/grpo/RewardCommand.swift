// `grpo reward`: score a JSON-lines file with a reward (built-in name or plugin path), or check a plugin
// against expected answers before training with it. It parses and prints; the work is in `Rewards`.
import ArgumentParser
import Foundation
import Rewards

struct RewardCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "reward",
        abstract: "Score completions with a reward, or test a reward plugin.",
        subcommands: [RewardScore.self, RewardTest.self],
        defaultSubcommand: RewardScore.self)
}

/// Options shared by scoring and testing.
struct RewardOptionFlags: ParsableArguments {
    @Option(
        name: .customLong("option"),
        help: "A reward option as key=value (value read as JSON, else as text); repeatable.")
    var options: [String] = []

    @Option(help: "Items per batch handed to the reward.")
    var batchSize = 64

    func parsed() throws -> [String: JSONValue] {
        var result: [String: JSONValue] = [:]
        for option in options {
            guard let equals = option.firstIndex(of: "=") else {
                throw ValidationError("--option \(option): expected key=value")
            }
            let value = String(option[option.index(after: equals)...])
            result[String(option[..<equals])] = (try? JSONValue.parse(value)) ?? .string(value)
        }
        return result
    }
}

struct RewardScore: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "score",
        abstract: "Print {\"reward\": x, \"info\": {...}} for each input line.",
        discussion:
            "Built-ins: \(RewardRegistry.names.joined(separator: ", ")). Input lines carry prompt, completion and the fields the reward needs (answer for math; tests for code, or HumanEval rows as they are with --option tests_field=test). Each reward's options: rewards/README.md."
    )

    @Argument(help: "A built-in reward name or the path of a plugin.")
    var name: String

    @Option(help: "JSON-lines file of {\"prompt\", \"completion\", ...}.")
    var input: String

    @OptionGroup var flags: RewardOptionFlags

    func run() throws {
        try blocking { try await score() }
    }

    private func score() async throws {
        do {
            let reward = try RewardRegistry.make(name, options: try flags.parsed())
            let lines = try RewardInputFile.read(input)
            for start in stride(from: 0, to: lines.count, by: max(1, flags.batchSize)) {
                let batch = lines[start..<min(start + max(1, flags.batchSize), lines.count)].map(\.item)
                for result in try await reward.score(batch) { print(result.json.jsonText) }
            }
        } catch let error as RewardError {
            throw ValidationError(error.description)
        }
    }
}

struct RewardTest: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Check a reward's answers against expected ones (lines with an \"expected\" field).")

    @Argument(help: "A plugin path or a built-in reward name.")
    var plugin: String

    @Argument(help: "JSON-lines cases: the request fields plus \"expected\" (a number, null or {\"reward\": x}).")
    var cases: String

    @OptionGroup var flags: RewardOptionFlags

    func run() throws {
        try blocking { try await check() }
    }

    private func check() async throws {
        let checks: [RewardCaseCheck]
        do {
            let reward = try RewardRegistry.make(plugin, options: try flags.parsed())
            checks = try await RewardCaseCheck.run(reward, cases: try RewardInputFile.read(cases), file: cases)
        } catch let error as RewardError {
            throw ValidationError(error.description)
        }
        for check in checks {
            let got = check.result.score.map { "\($0)" } ?? "null"
            let want = check.expected.map { "\($0)" } ?? "null"
            let error = check.result.info["error"]?.stringValue.map { " (\($0))" } ?? ""
            print("\(cases):\(check.line): \(check.passed ? "ok  " : "FAIL") got \(got), expected \(want)\(error)")
        }
        let failed = checks.filter { !$0.passed }.count
        print("\(checks.count - failed)/\(checks.count) cases agree")
        if failed > 0 { throw ExitCode.failure }
    }
}

/// Runs async reward work from a synchronous command: the `grpo` root command is synchronous.
private func blocking(_ work: @escaping @Sendable () async throws -> Void) throws {
    let done = DispatchSemaphore(value: 0)
    nonisolated(unsafe) var failure: Error?
    Task {
        do { try await work() } catch { failure = error }
        done.signal()
    }
    done.wait()
    if let failure { throw failure }
}
