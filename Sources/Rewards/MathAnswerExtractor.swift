// Finds the final answer in a completion: `<answer>` tags, `\boxed{}` / `\fbox{}`, GSM8K `#### x`,
// "the answer is x", then (if allowed) the last number. Guards against reward hacking: hedged final
// answers ("\boxed{3} or \boxed{4}"), an empty box, or an answer that only appears in an echo of the prompt.
// Several boxes that are not a hedge are read the way a grader reads them: boxes written one after the
// other are one answer in parts ("\boxed{x=2}, \boxed{y=3}"); after reasoning between them, the last box
// (or run of boxes) is the final answer, an earlier one an intermediate result.
import Foundation

/// What the extractor found.
public enum ExtractedAnswer: Sendable, Equatable {
    /// One final answer and where it came from (`boxed`, `answer_tag`, `gsm8k`, `answer_is`, `last_number`).
    case answer(String, source: String)
    /// Several boxes: the readings a grader may take, the parts read as one answer first, then the last run of boxes.
    case readings([String], source: String)
    /// No final answer, with the reason (`none`, `empty_box`, `conflicting_answers`).
    case rejected(String)
}

/// Final-answer extraction with configurable fallback.
public struct MathAnswerExtractor: Sendable {
    /// Whether a completion without any marked answer is read by its last number.
    public var fallbackToLastNumber: Bool
    /// Completions longer than this are cut from the front: the answer is at the end, and time stays bounded.
    public var maxCharacters = 20_000

    /// Makes an extractor.
    public init(fallbackToLastNumber: Bool = true) { self.fallbackToLastNumber = fallbackToLastNumber }

    /// Extracts the final answer of `completion`, ignoring text copied from `prompt`.
    public func extract(_ completion: String, prompt: String = "") -> ExtractedAnswer {
        var text = completion.count > maxCharacters ? String(completion.suffix(maxCharacters)) : completion
        text = Self.removingEcho(of: prompt, from: text)
        if let close = text.range(of: "</think>", options: .backwards) {
            text = String(text[close.upperBound...])
        } else if text.contains("<think>") {
            return .rejected("unfinished_think")  // cut off while still reasoning: no final answer yet
        }
        if let tagged = Self.tagContents(text), !tagged.isEmpty {
            let distinct = distinctAnswers(tagged.map { Self.boxes(in: $0).last ?? $0 })
            return verdict(distinct, source: "answer_tag")
        }
        let segments = Self.boxSegments(in: text)
        let boxes = segments.filter { !$0.content.trimmingCharacters(in: .whitespaces).isEmpty }
        let stated = Self.matches(
            of: #"(?i)(?:final answer|the answer|answer)\s*(?:is|:|=)\s*:?\s*([^\n]+?)(?:\.\s|\.$|\n|$)"#, in: text)
        if let lastBox = segments.last {
            // "I got \boxed{5}, but … The answer is 3.": a statement after the last box replaces it.
            let after = stated.filter { $0.range.lowerBound >= lastBox.end }
            if !after.isEmpty { return statedVerdict(after, in: text) }
            return boxes.isEmpty ? .rejected("empty_box") : readings(of: boxes)
        }
        let marked = Self.matches(of: #"####\s*([^\n]+)"#, in: text)
        if !marked.isEmpty { return verdict(distinctAnswers(marked.map(\.text)), source: "gsm8k") }
        if !stated.isEmpty { return statedVerdict(stated, in: text) }
        if fallbackToLastNumber, !Self.isCutOff(text), !Self.hedges(Self.lastSentence(text).lowercased()),
            let last = Self.matches(of: #"([-\x{2212}]?\d[\d,]*(?:\.\d+)?(?:\s*/\s*\d+)?)"#, in: text).last
        {
            return .answer(last.text, source: "last_number")
        }
        return .rejected("none")
    }

    /// "The answer is 15. Or 16.": a stated answer followed by a hedge and another number is no commitment.
    private func statedVerdict(_ stated: [(text: String, range: Range<String.Index>)], in text: String) -> ExtractedAnswer {
        let tail = text[stated.last!.range.upperBound...].lowercased()
        if Self.hedges(tail), tail.contains(where: \.isNumber) { return .rejected("conflicting_answers") }
        return verdict(distinctAnswers(stated.map { Self.droppingLeadIn($0.text) }), source: "answer_is")
    }

    /// Whether the completion stops mid-sentence ("…and next we divide by"): a number in it is not an answer.
    static func isCutOff(_ text: String) -> Bool {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard let last = trimmed.last else { return true }
        if ",;:(=+-*/".contains(last) { return true }
        guard last.isLetter else { return false }
        // "That makes 12.5 liters" ends a sentence without its full stop; "…we divide by" does not.
        let word = String(trimmed.reversed().prefix(while: \.isLetter).reversed()).lowercased()
        return connectives.contains(word) || !lastSentence(trimmed).contains(where: \.isNumber)
    }

    /// Words a finished sentence does not end with.
    private static let connectives: Set<String> = [
        "a", "an", "the", "of", "to", "by", "is", "are", "was", "be", "and", "or", "but", "so", "since", "because",
        "whether", "that", "which", "if", "then", "we", "with", "for", "from", "in", "on", "at", "as", "than", "into",
    ]

    /// The text after the last sentence end.
    static func lastSentence(_ text: String) -> Substring {
        let trimmed = text.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(CharacterSet(charactersIn: ".!?")))
        var i = trimmed.endIndex
        while i > trimmed.startIndex {
            let j = trimmed.index(before: i)
            if ".!?".contains(trimmed[j]), i == trimmed.endIndex || trimmed[i].isWhitespace { return trimmed[i...] }
            i = j
        }
        return trimmed[...]
    }

    /// One answer when the boxes agree; a hedge in the final boxes rejects; else the grader's readings.
    private func readings(of boxes: [(content: String, before: Substring, end: String.Index)]) -> ExtractedAnswer {
        let distinct = distinctAnswers(boxes.map(\.content))
        if distinct.count <= 1 { return verdict(distinct, source: "boxed") }
        let gaps = boxes.dropFirst().map { $0.before.lowercased() }
        let parts = boxes.map { $0.content.trimmingCharacters(in: .whitespacesAndNewlines) }
        // The last run of boxes with only separators between them.
        let lastRun = (gaps.lastIndex(where: { !Self.isSeparator($0) }) ?? -1) + 1
        // A hedge leading into or inside the final run is no commitment; one settled later ("7 or 8 …
        // inclusive, so 8") is.
        if gaps[max(0, lastRun - 1)...].contains(where: Self.hedges) { return .rejected("conflicting_answers") }
        let whole = parts.joined(separator: ", "), final = parts[lastRun...].joined(separator: ", ")
        return .readings(whole == final ? [whole] : [whole, final], source: "boxed")
    }

    /// Words that offer a choice between answers rather than commit to one.
    private static func hedges<S: StringProtocol>(_ gap: S) -> Bool {
        let words = gap.split { !$0.isLetter }
        return words.contains { ["or", "either", "maybe", "perhaps", "possibly", "alternatively", "might"].contains($0) }
            || gap.contains("could be")
    }

    /// Text between two boxes that only separates parts of one answer ("$, $", " and ").
    private static func isSeparator(_ gap: String) -> Bool {
        gap.count <= 24 && gap.split { !$0.isLetter }.allSatisfy { ["and", "x", "y", "z"].contains($0) }
    }

    private func verdict(_ answers: [String], source: String) -> ExtractedAnswer {
        switch answers.count {
        case 0: return .rejected(source == "boxed" ? "empty_box" : "none")
        case 1: return .answer(answers[0], source: source)
        default: return .rejected("conflicting_answers")
        }
    }

    /// Candidates with equivalent ones merged, empty ones dropped, first spelling kept.
    private func distinctAnswers(_ candidates: [String]) -> [String] {
        var kept: [String] = []
        for candidate in candidates.prefix(32) {
            // Markdown bold ("**Final answer:** 12") wraps answers but is never part of one.
            let trimmed = candidate.trimmingCharacters(in: CharacterSet.whitespacesAndNewlines.union(["*"]))
            guard !trimmed.isEmpty, !kept.contains(where: { MathEquivalence.equivalent($0, trimmed) }) else { continue }
            kept.append(trimmed)
        }
        return kept
    }

    /// Removes verbatim copies of the prompt's lines, so an answer echoed from the prompt is not credited.
    static func removingEcho(of prompt: String, from text: String) -> String {
        var result = text
        for line in prompt.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if trimmed.count >= 12 { result = result.replacingOccurrences(of: trimmed, with: " ") }
        }
        return result
    }

    /// The contents of every `<answer>…</answer>` (an unclosed last tag runs to the end); nil if none.
    static func tagContents(_ text: String) -> [String]? {
        var contents: [String] = []
        var rest = text[...]
        while let open = rest.range(of: "<answer>") {
            let after = rest[open.upperBound...]
            if let close = after.range(of: "</answer>") {
                contents.append(String(after[..<close.lowerBound]))
                rest = after[close.upperBound...]
            } else {
                contents.append(String(after))
                break
            }
        }
        return contents.isEmpty ? nil : contents
    }

    /// The contents of every `\boxed{…}` / `\fbox{…}` with nested braces, and `\boxed 5`.
    public static func boxes(in text: String) -> [String] { boxSegments(in: text).map(\.content) }

    /// Every box's contents with the text between it and the box before (from the start for the first).
    static func boxSegments(in text: String) -> [(content: String, before: Substring, end: String.Index)] {
        var found: [(content: String, before: Substring, end: String.Index)] = []
        var rest = text[...]
        while let hit = nextBoxCommand(in: rest) {
            let before = rest[..<hit.lowerBound]
            let start = rest[hit.upperBound...].firstIndex { !$0.isWhitespace } ?? rest.endIndex
            if start < rest.endIndex, rest[start] == "{" {
                guard let close = BraceScanner.matchingBrace(in: text, openAt: start) else {
                    found.append((String(rest[rest.index(after: start)...]), before, text.endIndex))
                    break
                }
                found.append((String(rest[rest.index(after: start)..<close]), before, text.index(after: close)))
                rest = rest[text.index(after: close)...]
            } else {
                let word = rest[start...].prefix { !$0.isWhitespace && $0 != "$" }
                found.append((String(word), before, word.endIndex))
                rest = rest[word.endIndex...]
            }
        }
        return found
    }

    /// The earlier of the next `\boxed` and `\fbox` (plain searches: this runs on every completion).
    private static func nextBoxCommand(in text: Substring) -> Range<Substring.Index>? {
        let boxed = text.range(of: "\\boxed")
        let fbox = text.range(of: "\\fbox")
        guard let first = boxed ?? fbox else { return nil }
        guard let other = fbox, boxed != nil else { return first }
        return other.lowerBound < first.lowerBound ? other : first
    }

    /// "Final Answer: The final answer is $x$" states one answer: drop the repeated lead-in.
    private static func droppingLeadIn(_ text: String) -> String {
        text.replacingOccurrences(
            of: #"^(?i)\s*(?:the\s+)?(?:final\s+)?answer\s*(?:is|:|=)\s*"#, with: "",
            options: .regularExpression)
    }

    private static func matches(of pattern: String, in text: String) -> [(text: String, range: Range<String.Index>)] {
        guard let regex = try? NSRegularExpression(pattern: pattern) else { return [] }
        let range = NSRange(text.startIndex..., in: text)
        return regex.matches(in: text, range: range).compactMap { match in
            Range(match.range(at: 1), in: text).map { (String(text[$0]), $0) }
        }
    }
}
