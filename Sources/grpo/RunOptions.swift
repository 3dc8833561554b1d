// The run-directory options of the training commands (`grpo train`, `grpo sft`): where the run goes,
// whether it continues or replaces an earlier one there, and the thread count.
import ArgumentParser

struct RunOptions: ParsableArguments {
    @Option(name: .customLong("set"), help: "Override a recipe key: key=value (dotted keys for sections).")
    var overrides: [String] = []
    @Flag(help: "Continue from the newest complete checkpoint of the run directory.") var resume = false
    @Flag(help: "With --resume, continue even if the recipe differs from the run's config.resolved.yaml (threads, logging, saving, eval_steps and, with a constant schedule, max_steps may always change).")
    var allowRecipeChange = false
    @Flag(help: "Replace the earlier run in the run directory (its checkpoints, final model and logs are deleted).")
    var force = false
    @Option(help: "Run directory (default: runs/NAME).") var out: String?
    @Option(help: "Threads (the recipe's `threads`; default GRPO_THREADS, else every core); recorded in config.resolved.yaml.")
    var threads: Int?

    func validate() throws {
        if allowRecipeChange && !resume { throw ValidationError("--allow-recipe-change only applies with --resume") }
    }

    /// The overrides with `--threads` as the recipe's `threads`.
    var allOverrides: [String] { overrides + (threads.map { ["threads=\($0)"] } ?? []) }
}
