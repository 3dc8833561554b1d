// `grpo logs plot` (a run's metrics as standalone SVG files, for READMEs) and `grpo logs compare` (one metric
// of several training routes against the training seconds each spent, as one plot and a table).
import ArgumentParser
import Foundation
import RolloutLog

struct LogsPlot: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plot", abstract: "Write metrics of a run as standalone SVG files (eval/pass@1 → eval-pass1.svg).")
    @OptionGroup var target: RunArgument
    @Option(help: "A metric to plot (repeatable).") var metric: [String]
    @Option(help: "Directory to write the SVG files into.") var outDir: String

    func run() throws {
        guard let path = try target.files().metrics else { throw ValidationError("\(target.run): no metrics.jsonl") }
        let rows = try MetricsLogReader.read(path: path)
        try FileManager.default.createDirectory(atPath: outDir, withIntermediateDirectories: true)
        for name in metric {
            let points = rows.compactMap { row in row[name].map { (x: row["step"] ?? 0, y: $0) } }
            guard !points.isEmpty else { throw ValidationError("--metric \(name): not in \(path)") }
            let file = "\(outDir)/\(name.replacingOccurrences(of: "/", with: "-").replacingOccurrences(of: "@", with: "")).svg"
            var plot = SVGPlot(title: name, points: points)
            plot.xLabel = "step"
            try Data(plot.standalone().utf8).write(to: URL(fileURLWithPath: file), options: .atomic)
            print(file)
        }
    }
}

struct LogsCompare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Plot one metric of several training routes against the training seconds each spent.",
        discussion: """
            A route is NAME=DIR[,DIR...]: its stages' run directories in order (a distill run, an SFT run, a GRPO \
            run). Training seconds are summed from each stage's step_time (evaluation excluded) or distill.json; \
            the metric is placed at the seconds spent before it.
            """)
    @Option(help: "A route: NAME=DIR[,DIR...] (repeatable).") var route: [String]
    @Option(help: "The metric to compare.") var metric = "eval/pass@1"
    @Option(help: "Report the seconds each route took to first reach this value.") var target: Double?
    @Option(help: "SVG file to write.") var out: String

    func run() throws {
        let timelines = try route.map { spec -> RouteTimeline in
            guard let eq = spec.firstIndex(of: "=") else { throw ValidationError("--route \(spec): expected NAME=DIR[,DIR...]") }
            return try RouteTimeline(name: String(spec[..<eq]), stages: spec[spec.index(after: eq)...].split(separator: ",").map(String.init),
                                     metric: metric)
        }
        guard let first = timelines.first else { throw ValidationError("--route: give at least one") }
        var plot = SVGPlot(title: "\(metric) against training time", points: first.points)
        plot.name = first.name
        plot.others = timelines.dropFirst().map { ($0.name, $0.points) }
        plot.width = 520
        plot.height = 300
        plot.xLabel = "training seconds (2 cores)"
        try Data(plot.standalone().utf8).write(to: URL(fileURLWithPath: out), options: .atomic)
        print("route | training s | first \(metric) | last | best" + (target.map { " | s to \($0)" } ?? ""))
        for t in timelines {
            let values = t.points.map(\.y)
            let reach = target.map { t.secondsToReach($0).map { String(format: " | %.0f", $0) } ?? " | never" } ?? ""
            print(String(format: "%@ | %.0f | %.3f | %.3f | %.3f%@", t.name, t.seconds, values.first ?? .nan, values.last ?? .nan,
                         values.max() ?? .nan, reach))
        }
        print(out)
    }
}
