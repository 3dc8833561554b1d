// `countdown`: 1 when the last `<answer>…</answer>` holds an arithmetic expression (+ - * /, parentheses,
// non-negative integers) that uses each given number at most once and equals the target exactly, else 0.
// Its own parser, not the math checker's: Countdown must see which numbers were used and accept nothing else.
import Foundation

/// The Countdown reward (TinyZero's task): checks the expression against the example's `numbers` and `target`.
public struct CountdownReward: ItemRewardFunction {
    public var name: String { "countdown" }
    /// The example field holding the given numbers (a JSON array of whole numbers).
    public var numbersField: String
    /// The example field holding the target (a whole number, or its text).
    public var targetField: String

    /// Makes the reward.
    public init(numbersField: String = "numbers", targetField: String = "target") {
        self.numbersField = numbersField
        self.targetField = targetField
    }

    /// Reads options `numbers_field` and `target_field` (TinyZero's data calls the numbers `nums`).
    public init(options: [String: JSONValue]) throws {
        let o = RewardOptions("countdown", options)
        self.init(numbersField: try o.string("numbers_field", "numbers"),
                  targetField: try o.string("target_field", "target"))
        try o.rejectUnknown()
    }

    public func scoreItem(_ item: RewardItem) -> RewardResult {
        // Missing or malformed golds make the reward not applicable, as math_answer does.
        guard let given = item.fields[numbersField]?.arrayValue?.compactMap(Self.wholeNumber),
              given.count == item.fields[numbersField]?.arrayValue?.count, !given.isEmpty
        else { return RewardResult(nil, info: ["reason": .string("no \(numbersField) field with whole numbers")]) }
        guard let target = item.fields[targetField].flatMap(Self.wholeNumber) else {
            return RewardResult(nil, info: ["reason": .string("no \(targetField) field with a whole number")])
        }
        guard let expression = Self.lastAnswer(in: item.completion) else {
            return RewardResult(0, info: ["reason": "no answer"])
        }
        var info: [String: JSONValue] = ["extracted": .string(expression)]
        func result(_ score: Double, _ reason: String) -> RewardResult {
            info["reason"] = .string(reason)
            return RewardResult(score, info: info)
        }
        let parsed: CountdownExpression
        do { parsed = try CountdownExpression(expression) } catch { return result(0, "\(error)") }
        info["value"] = .string(parsed.value.description)
        if let misuse = Self.misuse(parsed.numbers, given: given) { return result(0, misuse) }
        guard parsed.value == Rational(target) else { return result(0, "value \(parsed.value) ≠ \(target)") }
        return result(1, "equals target")
    }

    /// The trimmed text inside the last `<answer>…</answer>`, or nil if there is none.
    static func lastAnswer(in completion: String) -> String? {
        guard let close = completion.range(of: "</answer>", options: .backwards),
              let open = completion[..<close.lowerBound].range(of: "<answer>", options: .backwards)
        else { return nil }
        return completion[open.upperBound..<close.lowerBound].trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Why `used` is not a sub-multiset of `given`, or nil if it is.
    static func misuse(_ used: [Int], given: [Int]) -> String? {
        var left = Dictionary(given.map { ($0, 1) }, uniquingKeysWith: +)
        for n in used {
            guard let available = left[n], available > 0 else {
                let total = given.filter { $0 == n }.count
                let times = used.filter { $0 == n }.count
                if total == 0 { return "uses \(n), which is not given" }
                let usedText = times == 2 ? "twice" : "\(times) times"
                return "uses \(n) \(usedText) (given \(total == 1 ? "once" : "\(total) times"))"
            }
            left[n] = available - 1
        }
        return nil
    }

    /// A whole number from a JSON number or its text.
    static func wholeNumber(_ value: JSONValue) -> Int? {
        guard let text = value.textValue?.trimmingCharacters(in: .whitespaces) else { return nil }
        return Int(text)
    }
}

/// A parsed Countdown answer: its exact value and the numbers it used, in order.
struct CountdownExpression {
    let value: Rational
    let numbers: [Int]

    /// Why an answer is not a valid expression; the description is the reward's reason.
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    /// Parses and evaluates `text`: `expr := term (('+'|'-') term)*`, `term := factor (('*'|'/') factor)*`,
    /// `factor := integer | '(' expr ')'`, optionally followed by `= integer` (the claimed result, ignored:
    /// only the expression's own value counts).
    init(_ text: String) throws {
        var parser = Parser(chars: Array(text))
        if parser.finished() { throw Failure(description: "empty answer") }
        value = try parser.expression()
        if parser.take("=") {
            _ = try parser.integer()
        }
        if !parser.finished() { throw parser.unexpected() }
        numbers = parser.numbers
    }

    private struct Parser {
        let chars: [Character]
        var position = 0
        var depth = 0
        var numbers: [Int] = []

        /// Whether only spaces are left.
        mutating func finished() -> Bool {
            skipSpaces()
            return position == chars.count
        }

        mutating func skipSpaces() {
            while position < chars.count, chars[position] == " " { position += 1 }
        }

        /// Consumes `c` if it is next (after spaces).
        mutating func take(_ c: Character) -> Bool {
            skipSpaces()
            guard position < chars.count, chars[position] == c else { return false }
            position += 1
            return true
        }

        func unexpected() -> Failure {
            position < chars.count
                ? Failure(description: "unexpected \"\(chars[position])\" at character \(position + 1)")
                : Failure(description: "expression ends early")
        }

        mutating func expression() throws -> Rational {
            var value = try term()
            while true {
                if take("+") { value = try checked(value + (try term())) }
                else if take("-") { value = try checked(value - (try term())) }
                else { return value }
            }
        }

        mutating func term() throws -> Rational {
            var value = try factor()
            while true {
                if take("*") { value = try checked(value * (try factor())) }
                else if take("/") {
                    let divisor = try factor()
                    if divisor.numerator == 0 { throw Failure(description: "division by zero") }
                    value = try checked(value / divisor)
                }
                else { return value }
            }
        }

        mutating func factor() throws -> Rational {
            if take("(") {
                // A bound on nesting keeps a hostile answer from exhausting the stack.
                depth += 1
                if depth > 64 { throw Failure(description: "parentheses nested too deep") }
                let value = try expression()
                guard take(")") else { throw unexpected() }
                depth -= 1
                return value
            }
            let n = try integer()
            numbers.append(n)
            return Rational(n)!
        }

        mutating func integer() throws -> Int {
            skipSpaces()
            let start = position
            while position < chars.count, chars[position].isASCII, chars[position].isNumber { position += 1 }
            guard position > start else { throw unexpected() }
            guard let n = Int(String(chars[start..<position])) else {
                throw Failure(description: "number \(String(chars[start..<position])) is too large")
            }
            return n
        }

        func checked(_ value: Rational?) throws -> Rational {
            guard let value else { throw Failure(description: "overflow") }
            return value
        }
    }
}
