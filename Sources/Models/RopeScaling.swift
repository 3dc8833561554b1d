// The `rope_scaling` of a Hugging Face config: long-context variants of RoPE that only change the
// inverse frequencies. `linear` divides every frequency by `factor`; `llama3` (Llama 3.1/3.2) divides
// the low frequencies, keeps the high ones and blends between, as transformers'
// `_compute_llama3_parameters` does, in float32 so the angles match.
import Autograd
import Foundation

/// A RoPE scaling rule from `config.json`.
public struct RopeScaling: Equatable, Sendable {
    /// The kinds we implement.
    public enum Kind: String, Sendable, CaseIterable { case linear, llama3 }

    public var kind: Kind
    public var factor: Double
    /// llama3 only: wavelengths longer than original / low_freq_factor are divided by `factor`.
    public var lowFreqFactor: Double
    /// llama3 only: wavelengths shorter than original / high_freq_factor are kept.
    public var highFreqFactor: Double
    /// llama3 only: the context length the model was pretrained with.
    public var originalMaxPositionEmbeddings: Int

    /// A `rope_scaling` / `rope_parameters` object as written (either key spelling of the type).
    struct Fields: Codable {
        var ropeTheta: Double?, ropeType: String?, type: String?, factor: Double?
        var lowFreqFactor: Double?, highFreqFactor: Double?, originalMaxPositionEmbeddings: Int?
        enum CodingKeys: String, CodingKey {
            case ropeTheta = "rope_theta", ropeType = "rope_type", type, factor
            case lowFreqFactor = "low_freq_factor", highFreqFactor = "high_freq_factor"
            case originalMaxPositionEmbeddings = "original_max_position_embeddings"
        }
        var typeName: String { ropeType ?? type ?? "default" }
    }

    /// The rule `fields` describe, nil for plain RoPE; the error text names the key at fault.
    static func parse(_ fields: Fields) -> Result<RopeScaling?, Problem> {
        if fields.typeName == "default" { return .success(nil) }
        guard let kind = Kind(rawValue: fields.typeName) else {
            let known = (["default"] + Kind.allCases.map(\.rawValue)).joined(separator: ", ")
            return .failure(Problem("rope_type: \"\(fields.typeName)\" is not supported (expected one of \(known))"))
        }
        guard let factor = fields.factor else { return .failure(Problem("factor: required for rope_type \"\(kind)\"")) }
        guard factor >= 1 else { return .failure(Problem("factor: must be at least 1 (got \(factor))")) }
        if kind == .linear {
            return .success(RopeScaling(kind: kind, factor: factor, lowFreqFactor: 1, highFreqFactor: 1,
                                        originalMaxPositionEmbeddings: 0))
        }
        guard let low = fields.lowFreqFactor, let high = fields.highFreqFactor,
              let original = fields.originalMaxPositionEmbeddings else {
            return .failure(Problem("low_freq_factor, high_freq_factor and original_max_position_embeddings: "
                                    + "required for rope_type \"llama3\""))
        }
        guard low > 0, high > low else {
            return .failure(Problem("high_freq_factor: must exceed low_freq_factor > 0 (got \(high) and \(low))"))
        }
        guard original >= 1 else {
            return .failure(Problem("original_max_position_embeddings: must be positive (got \(original))"))
        }
        return .success(RopeScaling(kind: kind, factor: factor, lowFreqFactor: low, highFreqFactor: high,
                                    originalMaxPositionEmbeddings: original))
    }

    /// Why a scaling object was refused ("key: problem").
    struct Problem: Error { let text: String; init(_ text: String) { self.text = text } }

    /// The object `config.json` stores, with transformers' key names.
    var fields: Fields {
        let llama3 = kind == .llama3
        return Fields(ropeType: kind.rawValue, factor: factor, lowFreqFactor: llama3 ? lowFreqFactor : nil,
                      highFreqFactor: llama3 ? highFreqFactor : nil,
                      originalMaxPositionEmbeddings: llama3 ? originalMaxPositionEmbeddings : nil)
    }

    /// The scaled inverse frequencies for `base` (plain RoPE's), in float32 like transformers.
    func apply(to base: [Float]) -> [Float] {
        let factor = Float(self.factor)
        switch kind {
        case .linear:
            return base.map { $0 / factor }
        case .llama3:
            let original = Float(originalMaxPositionEmbeddings)
            let low = Float(lowFreqFactor), high = Float(highFreqFactor)
            let lowWavelength = original / low, highWavelength = original / high
            return base.map { f in
                let wavelength = 2 * Float.pi / f
                if wavelength < highWavelength { return f }
                if wavelength > lowWavelength { return f / factor }
                let smooth = (original / wavelength - low) / (high - low)
                return (1 - smooth) * f / factor + smooth * f
            }
        }
    }
}

extension TransformerConfig {
    /// RoPE's inverse frequencies per head pair, after `rope_scaling`.
    public var ropeInverseFrequencies: [Float] {
        let base = Tensor.ropeInverseFrequencies(theta: Float(ropeTheta), headDim: headDim)
        return ropeScaling?.apply(to: base) ?? base
    }
}
