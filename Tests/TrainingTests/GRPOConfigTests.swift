// Recipes: every recipe in experiments/ decodes, and mistakes are errors naming the file, the key and
// the fix.
import Foundation
import Testing
import Training

private let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

private func recipe(_ yaml: String) throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("recipe-\(UUID().uuidString).yaml")
    try yaml.write(to: url, atomically: true, encoding: .utf8)
    return url
}

private func error(_ yaml: String, _ overrides: [String] = []) throws -> String {
    let url = try recipe(yaml)
    defer { try? FileManager.default.removeItem(at: url) }
    do { _ = try GRPOConfig.load(path: url.path, overrides: overrides); return "" } catch { return "\(error)" }
}

@Suite struct GRPOConfigTests {
    @Test func everyExperimentRecipeDecodes() throws {
        let experiments = root.appendingPathComponent("experiments")
        let files = FileManager.default.enumerator(atPath: experiments.path)?.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".yaml") } ?? []
        #expect(!files.isEmpty)
        // `pretrain*.yaml` are `grpo pretrain` recipes, names holding `sft` or `distill` are for those commands,
        // every other recipe is for `grpo train`.
        for file in files {
            let path = experiments.appendingPathComponent(file).path
            let name = (file as NSString).lastPathComponent
            if name.hasPrefix("pretrain") { _ = try PretrainConfig.load(path: path) }
            else if name.contains("sft") { _ = try SFTConfig.load(path: path) }
            else if name.contains("distill") { _ = try DistillConfig.load(path: path) }
            else { _ = try GRPOConfig.load(path: path) }
        }
    }

    @Test func resolvedConfigRoundTrips() throws {
        let url = try recipe("name: x\nloss_type: grpo\nepsilon_high: 0.28\nlora: {r: 4}\ndataset: {task: arithmetic, digits: 3}\n"
            + "reward_options: {math_answer: {fallback_to_last_number: false}}\n")
        let config = try GRPOConfig.load(path: url.path)
        #expect(config.rewards.options["math_answer"]?["fallback_to_last_number"] == .bool(false))
        let back = try recipe(config.resolvedYAML())
        #expect(try GRPOConfig.load(path: back.path) == config)
        let countdown = try GRPOConfig.load(path: try recipe("name: c\ndataset: {task: countdown, numbers: 4, max_number: 9, operations: \"+-\"}\n").path)
        #expect(countdown.data.countdownOperations == "+-" && countdown.data.arithmeticOperations == GRPOConfig().data.arithmeticOperations)
        #expect(try GRPOConfig.load(path: try recipe(countdown.resolvedYAML()).path) == countdown)
    }

    @Test func initNamesTheStartingModel() throws {
        #expect(try GRPOConfig.load(path: try recipe("name: x\ninit: small\n").path).data.model == "small")
        let both = try error("name: x\ninit: small\nmodel: tiny\n")
        #expect(both.contains("init: small and model: tiny name different starting models"), "\(both)")
    }

    /// A recipe named by a relative path finds a model named relative to the recipe's own folder.
    @Test func aModelBesideARelativeRecipeIsFound() throws {
        let base = ".build/model-beside-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: base) }
        try FileManager.default.createDirectory(atPath: base + "/experiments/x/base", withIntermediateDirectories: true)
        try "name: x\nmodel: ../x/base\n".write(toFile: base + "/experiments/x/recipe.yaml", atomically: true, encoding: .utf8)
        let model = try GRPOConfig.load(path: base + "/experiments/x/recipe.yaml").data.model
        #expect(model == FileManager.default.currentDirectoryPath + "/" + base + "/experiments/x/base", "\(model)")
    }

    @Test func overridesApply() throws {
        let url = try recipe("name: x\n")
        let c = try GRPOConfig.load(path: url.path, overrides: ["num_generations=4", "dataset.digits=3", "stop=[\"</answer>\"]"])
        #expect(c.sampling.numGenerations == 4 && c.data.arithmeticDigits == 3 && c.sampling.stop == ["</answer>"])
    }

    @Test func mistakesNameTheKeyAndTheFix() throws {
        let cases: [(String, String)] = [
            ("num_generation: 8\n", "num_generation: unknown key (did you mean num_generations?)"),
            ("num_generations: 1\n", "num_generations: must be at least 2"),
            ("num_generations: many\n", "num_generations: expected an integer"),
            ("loss_type: ppo\n", "loss_type: \"ppo\" is not one of grpo, bnpo, dr_grpo, dapo"),
            ("epsilon: 0.2\nepsilon_high: 0.1\n", "epsilon_high: 0.1 is below epsilon"),
            ("reward_funcs: [math_answer, think_format]\nreward_weights: [1]\n", "reward_weights: has 1 weights for the 2 rewards in force"),
            ("dataset: {task: jsonl}\n", "dataset.path: is required"),
            ("dataset: {task: jsonl, path: d.jsonl}\neval_steps: 10\n", "eval_dataset: is required"),
            ("eval_steps: 10\neval_size: 0\n", "eval_steps: eval_steps ≥ 0 and eval_size ≥ 1 are required"),
            ("overlap_rewards: sometimes\n", "overlap_rewards: expected true, false or auto"),
            ("dataset: {tempate: plain}\n", "dataset.tempate: unknown key (did you mean template?)"),
            ("prompts_per_step: 3\nnum_generations: 4\ngradient_accumulation_steps: 5\n", "gradient_accumulation_steps: 5 must divide"),
            ("temperature: 0\n", "temperature: 0 (greedy)"),
            ("- a\n- b\n", "must be a mapping"),
            ("dataset: {task: arithmetic, numbers: 4}\n", "dataset.numbers: applies only to dataset.task countdown"),
            ("dataset: {task: countdown, digits: 3}\n", "dataset.digits: does not apply to dataset.task countdown"),
            ("dataset: {task: countdown, numbers: 5}\n", "dataset.numbers: must be 3 or 4"),
            ("dataset: {task: countdown, operations: \"+^\"}\n", "dataset.operations: countdown draws operators from"),
            ("dataset: {task: countdown, digits: 2}\n", "dataset.digits: does not apply to dataset.task countdown"),
            ("dataset: {task: countdown, max_number: 1}\n", "dataset.max_number: must be in 2...99"),
            // The task's default rewards count: arithmetic scores with math_answer and think_format.
            ("reward_weights: [1]\n", "reward_weights: has 1 weights for the 2 rewards in force (math_answer, think_format, the task's defaults)"),
            ("reward_options: {math_answr: {fallback_to_last_number: false}}\n", "reward_options.math_answr: names no reward in force"),
            ("reward_options: {math_answer: {fallback_to_last: false}}\n", "reward_options.math_answer: math_answer: unknown option fallback_to_last"),
            ("reward_funcs: [soft_overlong]\nreward_options: {soft_overlong: {max_length: 10, cache_length: 20}}\n",
             "reward_options.soft_overlong: soft_overlong: cache_length must be in (0, max_length]"),
            ("top_k: -1\n", "top_k: must be ≥ 0"),
            ("min_p: 1.5\n", "min_p: must be in [0, 1)"),
            ("repetition_penalty: 0\n", "repetition_penalty: must be positive"),
            ("stop: [\"\"]\n", "stop: an empty stop string"),
            ("lora: {r: 4, dropout: 1.5}\n", "lora.dropout: must be in [0, 1)"),
            ("lora: {r: 4, target_modules: [q_prj]}\n", "lora.target_modules: q_prj is not one of q_proj"),
            ("dataset: {task: jsonl, path: d.jsonl, gold_format: latex}\n", "dataset.gold_format: \"latex\" is not one of gsm8k"),
        ]
        for (yaml, expected) in cases {
            let message = try error(yaml)
            #expect(message.contains(expected) && message.contains(".yaml"), "\(yaml) → \(message)")
        }
    }
}
