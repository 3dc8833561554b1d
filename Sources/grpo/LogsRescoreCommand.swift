// `grpo logs rescore RUN --reward NAME`: score the logged rollouts again with another reward, so a new
// reward can be tried on real completions before training with it.
import ArgumentParser
import Foundation
import Rewards
import RolloutLog

struct LogsRescore: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rescore",
        abstract: "Score logged rollouts with a reward (built-in name or plugin path); JSON lines out.")
    @OptionGroup var target: RunArgument
    @Option(help: "Reward: a registry name (math_answer, think_format, …) or a plugin path.") var reward: String
    @Option(help: "Only this step.") var step: Int?
    @Option(help: "Seconds the reward may take per step.") var timeout = 300.0

    func run() async throws {
        let path = try target.rollouts()
        let contents = try RolloutLogReader(path: path).read(steps: step.map { $0...$0 })
        warnAboutTail(contents.tail, path: path)
        let function = try RewardRegistry.make(reward)
        var changed = 0, total = 0.0, count = 0
        var byStep: [Int: [RolloutRecord]] = [:]
        for r in contents.records { byStep[r.step, default: []].append(r) }
        for s in byStep.keys.sorted() {
            let records = byStep[s]!
            let items = records.map { r in
                RewardItem(prompt: r.prompt, completion: r.completion,
                           fields: (r.fields ?? [:]).mapValues { (try? JSONValue.parse($0)) ?? .string($0) })
            }
            let results = try await function.score(items, timeout: timeout)
            for (r, result) in zip(records, results) {
                let old = r.rewards[function.name]
                if let score = result.score { total += score; count += 1 }
                if old != result.score { changed += 1 }
                let line: JSONValue = ["step": .number(Double(r.step)), "prompt_index": .number(Double(r.promptIndex)),
                                       "sample_index": .number(Double(r.sampleIndex)),
                                       "reward": result.score.map(JSONValue.number) ?? .null,
                                       "logged": old.map(JSONValue.number) ?? .null, "info": .object(result.info)]
                print(line.jsonText)
            }
        }
        let mean = count > 0 ? total / Double(count) : 0
        FileHandle.standardError.write(Data(String(format: "%@: %d rollouts rescored, mean %.4f, %d differ from the log\n",
                                                   function.name, contents.records.count, mean, changed).utf8))
    }
}
