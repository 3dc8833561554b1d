// `code_tests`: runs the completion's program in the sandbox against the example's tests and scores the
// fraction of cases passed (or all-or-nothing). Tests are stdin/stdout cases or Python assert code, HumanEval's
// `check(candidate)` among it (the entry point from the tests or the example's field).
// A sandbox that fails to start gives no score (nil) and a logged infrastructure error, never a zero.
import Foundation

/// The code test reward.
public struct CodeTestsReward: RewardFunction {
    public var name: String { "code_tests" }
    /// The sandbox every run goes through.
    public let sandbox: CodeSandbox
    /// How to run the program: `{source}` is its path; the default runs Python isolated (-I), without `site`
    /// (-S), through a prelude that defines `exit()` and `quit()` as site does (`PythonPrelude`).
    public var command: [String]
    /// The program's file name.
    public var sourceFile: String
    /// Whether the score is 1 only when every case passes.
    public var allOrNothing: Bool
    /// Runs at once.
    public var workers: Int
    /// The example field with the tests.
    public var testsField: String
    /// The example field naming the function `check(candidate)` tests call (HumanEval's `entry_point`).
    public var entryPointField: String

    /// The default command: Python isolated (-I), without site (-S), exit() and quit() defined by a prelude.
    public static let pythonCommand = PythonPrelude.command

    /// Makes the reward.
    public init(
        sandbox: CodeSandbox, command: [String] = pythonCommand,
        sourceFile: String = "main.py", allOrNothing: Bool = false,
        workers: Int = ProcessInfo.processInfo.activeProcessorCount, testsField: String = "tests",
        entryPointField: String = "entry_point"
    ) {
        self.sandbox = sandbox
        self.command = command
        self.sourceFile = sourceFile
        self.allOrNothing = allOrNothing
        self.workers = max(1, workers)
        self.testsField = testsField
        self.entryPointField = entryPointField
    }

    /// Reads options `command`, `source_file`, `all_or_nothing`, `workers`, `tests_field`, `entry_point_field`,
    /// `allow_unsandboxed` and limits `cpu_seconds`, `timeout_seconds`, `memory_mb`, `max_processes`, `max_file_mb`,
    /// `max_open_files`.
    public init(options: [String: JSONValue]) throws {
        let o = RewardOptions("code_tests", options)
        var limits = SandboxLimits()
        limits.cpuSeconds = try o.integer("cpu_seconds", limits.cpuSeconds, minimum: 1)
        limits.wallSeconds = try o.number("timeout_seconds", limits.wallSeconds)
        limits.memoryBytes = try o.integer("memory_mb", limits.memoryBytes >> 20, minimum: 16) << 20
        limits.processes = try o.integer("max_processes", limits.processes, minimum: 4)
        limits.fileSizeBytes = try o.integer("max_file_mb", limits.fileSizeBytes >> 20, minimum: 1) << 20
        limits.openFiles = try o.integer("max_open_files", limits.openFiles, minimum: 16)
        let sandbox = try CodeSandbox(limits: limits, allowUnsandboxed: try o.bool("allow_unsandboxed", false))
        self.init(
            sandbox: sandbox, command: try o.strings("command", Self.pythonCommand),
            sourceFile: try o.string("source_file", "main.py"), allOrNothing: try o.bool("all_or_nothing", false),
            workers: try o.integer("workers", ProcessInfo.processInfo.activeProcessorCount, minimum: 1),
            testsField: try o.string("tests_field", "tests"),
            entryPointField: try o.string("entry_point_field", "entry_point"))
        try o.rejectUnknown()
    }

    public func score(_ batch: [RewardItem]) async throws -> [RewardResult] {
        var jobs: [CodeJob] = []
        var plans: [Result<CodeTests, RewardError>?] = []
        for (index, item) in batch.enumerated() {
            guard let field = item.fields[testsField] else {
                plans.append(nil)
                continue
            }
            do {
                let tests = try CodeTests(json: field, entryPoint: item.fields[entryPointField]?.stringValue)
                let program = Data(Self.program(in: item.completion).utf8)
                jobs += tests.jobs(item: index, program: program)
                plans.append(.success(tests))
            } catch let error as RewardError {
                plans.append(.failure(error))
            }
        }
        let outcomes = await CodeJobPool(sandbox: sandbox, workers: workers, command: command, sourceFile: sourceFile)
            .run(jobs)
        return batch.indices.map { index in
            switch plans[index] {
            case nil: return RewardResult(nil, info: ["reason": .string("no \(testsField) field")])
            case .failure(let error)?:
                return RewardResult(nil, info: ["error": .string("\(testsField): \(error.description)")])
            case .success(let tests)?:
                let mine = zip(jobs, outcomes).filter { $0.0.item == index }.map(\.1)
                return tests.score(mine, allOrNothing: allOrNothing, isolation: sandbox.isolation)
            }
        }
    }

    /// The last fenced code block, else the `<answer>` content, else the whole completion.
    public static func program(in completion: String) -> String {
        let parts = completion.components(separatedBy: "```")
        if parts.count >= 3 {
            let block = parts[parts.count - (parts.count % 2 == 1 ? 2 : 3)]
            // Drop the info string ("python") on the opening fence line.
            if let newline = block.firstIndex(of: "\n") { return String(block[block.index(after: newline)...]) }
            return block
        }
        if let tagged = MathAnswerExtractor.tagContents(completion)?.last { return tagged }
        return completion
    }
}
