// Degrees against radians when an answer marks its unit: "90^\circ" answers a gold of \frac{\pi}{2} and
// "\frac{\pi}{2} radians" one of 90^\circ. A bare number takes the gold's unit, so 90 never equals π/2.
import Foundation

enum AngleUnits {
    /// `answer` rewritten in the gold's unit when it marks the other one; nil when no conversion applies.
    static func converted(_ answer: String, against gold: String) -> String? {
        guard answer.contains("circ") || answer.contains("deg") || answer.contains("°") || answer.contains("rad") else { return nil }
        let answerDegrees = marksDegrees(answer), goldDegrees = marksDegrees(gold)
        if answerDegrees && !goldDegrees && gold.contains("\\pi") {
            return "(\(LaTeXNormalizer.normalize(answer)))*\\pi/180"
        }
        if goldDegrees && !answerDegrees && answer.range(of: #"\brad(ian)?s?\b"#, options: .regularExpression) != nil {
            return "(\(LaTeXNormalizer.normalize(answer)))*180/\\pi"
        }
        return nil
    }

    private static func marksDegrees(_ s: String) -> Bool {
        s.contains("\\circ") || s.contains("°") || s.contains("\\degree") || s.range(of: #"\bdegrees?\b"#, options: .regularExpression) != nil
    }
}
