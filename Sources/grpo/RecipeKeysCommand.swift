// `grpo recipe-keys`: every key a recipe accepts, with its default and meaning, printed from the same list
// the recipe reader, config.resolved.yaml and the docs' key tables come from.
import ArgumentParser
import Training

struct RecipeKeysCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recipe-keys",
        abstract: "Print every key a recipe accepts (train, sft, distill or pretrain) as the docs' Markdown tables.",
        discussion: "The tables in docs/recipes.md, docs/sft.md, docs/distill.md and docs/pretrain.md are this output; a test keeps them equal.")
    @Argument(help: "The command whose recipe keys to print: train, sft, distill or pretrain.") var command = "train"

    func run() throws {
        switch command {
        case "train": print(GRPOConfig.keyTables, terminator: "")
        case "sft": print(SFTConfig.keyTables, terminator: "")
        case "distill": print(DistillConfig.keyTables, terminator: "")
        case "pretrain": print(PretrainConfig.keyTables, terminator: "")
        default: throw ValidationError("recipe-keys: \"\(command)\" is not train, sft, distill or pretrain")
        }
    }
}
