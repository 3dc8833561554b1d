// A tokenizer as the generation engine's text decoder (completion text and stop strings).
import Tokenizers

/// Decodes generated ids with a tokenizer, special tokens left out.
public struct TokenizerTextDecoder: TokenTextDecoding {
    let tokenizer: any Tokenizer

    /// A decoder over `tokenizer`.
    public init(tokenizer: any Tokenizer) { self.tokenizer = tokenizer }

    public func decodeText(_ ids: [Int32]) -> String { tokenizer.decode(ids.map(Int.init), skipSpecialTokens: true) }
}
