// How a question becomes the prompt text: the R1-Zero template (think, then answer, in tags, with the
// assistant's turn opened by "<think>"), ChatML as Qwen uses it, or the question alone.

/// Turns a question into the text the model continues.
public enum PromptTemplate: String, Sendable, Codable, CaseIterable {
    /// DeepSeek-R1-Zero style: a system instruction to reason in <think></think> then answer in
    /// <answer></answer>; the prompt ends with "Assistant: <think>".
    case r1Zero = "r1_zero"
    /// The same contract in one short line, for character-level models where every character is a token.
    case r1ZeroShort = "r1_zero_short"
    /// ChatML turns (`<|im_start|>user … <|im_end|>`), ending with the assistant's turn opened.
    case chatml
    /// The question followed by a newline.
    case plain

    /// The prompt for `question`.
    public func render(_ question: String) -> String {
        switch self {
        case .r1Zero:
            return "A conversation between User and Assistant. The User asks a question and the Assistant "
                + "solves it: it first reasons step by step inside <think> </think>, then gives the final "
                + "answer inside <answer> </answer>.\nUser: \(question)\nAssistant: <think>"
        case .r1ZeroShort:
            return "User: \(question) Reason in <think> </think>, answer in <answer> </answer>.\nAssistant: <think>"
        case .chatml:
            return "<|im_start|>system\nReason step by step, then give the final answer inside <answer> </answer>."
                + "<|im_end|>\n<|im_start|>user\n\(question)<|im_end|>\n<|im_start|>assistant\n"
        case .plain:
            return question + "\n"
        }
    }
}
