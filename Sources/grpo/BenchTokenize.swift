// `grpo bench tokenize`: BPE encoding throughput on a text file, one line at a time, single thread.
import ArgumentParser
import Foundation
import Tokenizers

struct BenchTokenize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "tokenize",
        abstract: "Tokenizer encode throughput in MB/s (best of several passes over a text file).")
    @Option(help: "A tokenizer.json file or a model directory holding one.") var tokenizer: String
    @Option(help: "The text to encode, one encode call per line.") var text: String
    @Option(help: "Passes over the text; the fastest counts.") var repeats = 3
    @Flag(help: "Time only normalizing and pre-tokenizing (the split regex), not BPE; counts pieces, not tokens.")
    var preTokenizerOnly = false
    @Flag(help: "Print one JSON object instead of a line.") var json = false

    func run() throws {
        let loadStart = Date()
        let tokens = try BPETokenizer(path: tokenizer)
        let loadSeconds = Date().timeIntervalSince(loadStart)
        let lines = try String(contentsOfFile: text, encoding: .utf8).split(
            separator: "\n", omittingEmptySubsequences: false
        ).map(String.init)
        let bytes = lines.reduce(0) { $0 + $1.utf8.count }
        var best = Double.infinity
        var firstPass = 0.0
        var count = 0
        for pass in 0..<max(repeats, 1) {
            let start = DispatchTime.now().uptimeNanoseconds
            count = 0
            if preTokenizerOnly {
                for line in lines { count += tokens.pieceCount(of: line) }
            } else {
                for line in lines { count += tokens.encode(line, addSpecialTokens: false).count }
            }
            let seconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
            if pass == 0 { firstPass = seconds }
            best = min(best, seconds)
        }
        let unit = preTokenizerOnly ? "pieces" : "tokens"
        let mbps = Double(bytes) / best / 1e6
        let firstMBps = Double(bytes) / firstPass / 1e6
        if json {
            print(
                "{\"bytes\": \(bytes), \"\(unit)\": \(count), \"load_s\": \(loadSeconds), "
                    + "\"first_pass_mb_s\": \(firstMBps), \"mb_s\": \(mbps)}")
        } else {
            print(
                String(
                    format: "%.2f MB/s (%d bytes, %d \(unit), first pass %.2f MB/s, load %.2f s)",
                    mbps, bytes, count, firstMBps, loadSeconds))
        }
    }
}
