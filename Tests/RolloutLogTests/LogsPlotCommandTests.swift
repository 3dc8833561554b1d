// `grpo logs plot` and `grpo logs compare` through the real binary on metrics files written here: the
// standalone SVGs carry their own style, and a route's training seconds add up its stages (a distillation's
// seconds, then each stage's step_time), with the metric placed at the seconds spent before it.
import Foundation
import Testing
import TestSupport

@Suite struct LogsPlotCommandTests {
    func stage(_ dir: URL, _ name: String, rows: [String], distillSeconds: Double? = nil) throws -> String {
        let url = dir.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        try (rows.joined(separator: "\n") + "\n").write(to: url.appendingPathComponent("metrics.jsonl"), atomically: true, encoding: .utf8)
        if let s = distillSeconds {
            try #"{"seconds": \#(s), "kept": 10}"#.write(to: url.appendingPathComponent("distill.json"), atomically: true, encoding: .utf8)
        }
        return url.path
    }

    @Test func compareAddsUpTheStagesOfEachRoute() throws {
        let dir = try temporaryDirectory()
        let rl = try stage(dir, "rl", rows: [#"{"step": 0, "eval/pass@1": 0.1}"#, #"{"step": 1, "step_time": 2}"#,
                                             #"{"step": 2, "step_time": 2, "eval/pass@1": 0.9}"#])
        let distill = try stage(dir, "distill", rows: [], distillSeconds: 5)
        let sft = try stage(dir, "sft", rows: [#"{"step": 1, "step_time": 1, "loss": 2}"#, #"{"step": 3, "step_time": 1, "loss": 1}"#])
        let after = try stage(dir, "after", rows: [#"{"step": 0, "eval/pass@1": 0.5}"#, #"{"step": 1, "step_time": 4, "eval/pass@1": 0.8}"#])
        let out = dir.appendingPathComponent("routes.svg").path
        let r = try GRPOBinary.run(["logs", "compare", "--route", "rl=\(rl)", "--route", "distill=\(distill),\(sft),\(after)",
                                    "--target", "0.7", "--out", out])
        #expect(r.status == 0, "\(r.err)")
        // rl: 4 s, 0.9 reached at 4 s. distill: 5 s + 3 s (a window of two steps at 1 s) + 4 s; 0.8 at 12 s.
        #expect(r.out.contains("rl | 4 | 0.100 | 0.900 | 0.900 | 4"), "\(r.out)")
        #expect(r.out.contains("distill | 12 | 0.500 | 0.800 | 0.800 | 12"), "\(r.out)")
        let svg = try String(contentsOfFile: out, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=") && svg.contains("<style>") && svg.components(separatedBy: "<polyline").count == 3)
        #expect(svg.contains(">rl</text>") && svg.contains(">distill</text>"))
        let bad = try GRPOBinary.run(["logs", "compare", "--route", "nodir", "--out", out])
        #expect(bad.status != 0 && bad.err.contains("NAME=DIR"), "\(bad.err)")
    }

    @Test func plotWritesOneStandaloneFilePerMetric() throws {
        let dir = try temporaryDirectory()
        let run = try stage(dir, "run", rows: [#"{"step": 0, "eval/pass@1": 0.1}"#, #"{"step": 1, "loss": 1, "eval/pass@1": 0.4}"#])
        let r = try GRPOBinary.run(["logs", "plot", run, "--metric", "eval/pass@1", "--metric", "loss", "--out-dir", dir.path])
        #expect(r.status == 0, "\(r.err)")
        for name in ["eval-pass1.svg", "loss.svg"] {
            let svg = try String(contentsOfFile: dir.appendingPathComponent(name).path, encoding: .utf8)
            #expect(svg.hasPrefix("<svg xmlns=") && svg.contains("fill:none"), "\(name)")
        }
        let missing = try GRPOBinary.run(["logs", "plot", run, "--metric", "reward", "--out-dir", dir.path])
        #expect(missing.status != 0 && missing.err.contains("reward: not in"), "\(missing.err)")
    }
}
