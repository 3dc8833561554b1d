// `grpo logs summary|show|export|report RUN`: read a run's rollout and metrics logs after (or during) a run.
import ArgumentParser
import Foundation
import RolloutLog

struct Logs: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Read a run's rollout log (rollouts.zst) and metrics (metrics.jsonl).",
        subcommands: [LogsSummary.self, LogsShow.self, LogsExport.self, LogsReport.self, LogsPlot.self, LogsCompare.self, LogsRescore.self])
}

/// The run argument every `logs` command takes.
struct RunArgument: ParsableArguments {
    @Argument(help: "Run directory holding rollouts.zst and/or metrics.jsonl (or a name under runs/).")
    var run: String

    func files() throws -> RunFiles { try RunFiles(run: run) }

    func rollouts() throws -> String {
        let files = try files()
        guard let path = files.rollouts else {
            throw ValidationError("\(files.directory): no rollouts.zst (the run logged metrics only)")
        }
        return path
    }
}

/// Prints the reader's note about an unreadable tail to stderr.
func warnAboutTail(_ tail: RolloutLogTail, path: String) {
    if let summary = tail.summary { FileHandle.standardError.write(Data("note: \(path): \(summary)\n".utf8)) }
}

struct LogsSummary: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "summary", abstract: "Steps, records, rewards, finish reasons, lengths and file sizes.")
    @OptionGroup var target: RunArgument

    func run() throws {
        let summary = try RunSummary(files: try target.files())
        let width = summary.rows.map(\.label.count).max() ?? 0
        for row in summary.rows {
            print(row.label.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + row.value)
        }
    }
}

struct LogsShow: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show", abstract: "Print rollouts: prompt, completion, rewards, advantage.",
        discussion: """
            --where takes comparisons joined by 'and' on step, prompt_index, sample_index, reward, advantage,
            length, seed, rewards.NAME (a record without that component never matches) and finish_reason
            (== or != only), e.g. --where 'rewards.math_answer>=1 and length>100'.
            """)
    @OptionGroup var target: RunArgument
    @Option(help: "Only this step.") var step: Int?
    @Option(help: "The K highest-reward rollouts.") var best: Int?
    @Option(help: "The K lowest-reward rollouts.") var worst: Int?
    @Option(name: .customLong("where"), help: "A filter such as 'reward<0.5 and finish_reason==length'.")
    var condition: String?
    @Flag(help: "Print matching records as JSON lines.") var json = false

    func validate() throws {
        if best != nil && worst != nil { throw ValidationError("--best and --worst exclude each other") }
        if let k = best ?? worst, k < 1 { throw ValidationError("--best/--worst takes a count of at least 1") }
    }

    func run() throws {
        let path = try target.rollouts()
        let filter = try condition.map { try RolloutFilter(parsing: $0) }
        var matched: [RolloutRecord] = []
        let tail = try RolloutLogReader(path: path).forEachFrame(steps: step.map { $0...$0 }) { frame in
            matched += frame.records.filter { filter?.matches($0) ?? true }
        }
        if let k = best {
            matched = Array(matched.sorted { $0.reward > $1.reward }.prefix(k))
        } else if let k = worst {
            matched = Array(matched.sorted { $0.reward < $1.reward }.prefix(k))
        }
        for record in matched { print(json ? record.jsonLine() : readable(record)) }
        if !json {
            let count = "\(matched.count) rollout\(matched.count == 1 ? "" : "s")"
            FileHandle.standardError.write(Data("\(count) shown\n".utf8))
        }
        warnAboutTail(tail, path: path)
    }

    private func readable(_ r: RolloutRecord) -> String {
        let rewards = r.rewards.keys.sorted().map { "\($0)=\(number(r.rewards[$0]!))" }.joined(separator: ", ")
        let info = (r.rewardInfo ?? [:]).keys.sorted().map { "\($0) \(r.rewardInfo![$0]!)" }
        return """
            ── step \(r.step) · prompt \(r.promptIndex) · sample \(r.sampleIndex) · reward \(number(r.reward)) \
            · advantage \(number(r.advantage)) · \(r.finishReason) · \(r.length) tokens · seed \(r.seed)
            rewards: \(rewards.isEmpty ? "none" : rewards)\(info.isEmpty ? "" : "\ninfo: " + info.joined(separator: "; "))
            ▸ prompt
            \(r.prompt)
            ▸ completion
            \(r.completion)

            """
    }

    private func number(_ x: Double) -> String { String(format: "%.4g", x) }
}

struct LogsExport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Write every record as plain JSON lines, verbatim.")
    @OptionGroup var target: RunArgument
    @Option(help: "Output file (default: standard output).") var out: String?

    func run() throws {
        let path = try target.rollouts()
        let output: FileHandle
        if let out {
            guard FileManager.default.createFile(atPath: out, contents: nil) else {
                throw ValidationError("\(out): cannot create (is the folder writable?)")
            }
            output = try FileHandle(forWritingTo: URL(fileURLWithPath: out))
        } else {
            output = FileHandle.standardOutput
        }
        var records = 0
        let tail = try RolloutLogReader(path: path).forEachFrame { frame in
            try output.write(contentsOf: frame.json)
            records += frame.records.count
        }
        if let out {
            try output.close()
            print("\(out): \(records) records")
        }
        warnAboutTail(tail, path: path)
    }
}

struct LogsReport: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write a self-contained HTML page: summary, SVG plots of every metric, best and worst rollouts.")
    @OptionGroup var target: RunArgument
    @Option(help: "Output file (default: RUN/report.html).") var out: String?
    @Option(help: "Best and worst rollouts of the last step to show.") var examples = 3

    func run() throws {
        let files = try target.files()
        let html = try HTMLReport.render(files: files, examples: examples)
        let path = out ?? "\(files.directory)/report.html"
        try Data(html.utf8).write(to: URL(fileURLWithPath: path))
        print(path)
    }
}
