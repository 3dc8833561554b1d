// Splits normalized answer text into tokens: numbers (with thousands separators), letters, LaTeX
// commands, unit words and symbols. Multi-letter words become units unless they name a function.

/// One token of an answer.
struct MathToken: Equatable {
    enum Kind: Equatable {
        case number(String)
        case letter(String)
        case command(String)
        /// A unit or label word ("cm", "apples", `\text{ dollars}`): dropped next to a number.
        case word(String)
        case symbol(String)
    }

    var kind: Kind
    /// Whether whitespace came before it ("2 1/2" is a mixed number, "21/2" is not).
    var spaceBefore: Bool
}

enum MathTokenizer {
    static let functions: Set<String> = [
        "sin", "cos", "tan", "cot", "sec", "csc", "arcsin", "arccos", "arctan",
        "ln", "log", "exp",
    ]
    /// Two-letter words that are units, not a product of two variables.
    static let shortUnits: Set<String> = [
        "cm", "mm", "km", "kg", "mg", "lb", "oz", "ft", "yd", "mi", "hr", "ml",
        "mL", "in", "am", "pm", "AM", "PM", "sq", "cu", "m²", "gb", "mb", "kb",
    ]

    static func tokenize(_ text: String) -> [MathToken] {
        let chars = Array(text)
        var tokens: [MathToken] = []
        var i = 0
        var space = false
        func push(_ kind: MathToken.Kind) {
            tokens.append(MathToken(kind: kind, spaceBefore: space))
            space = false
        }
        while i < chars.count {
            let c = chars[i]
            if c.isWhitespace {
                space = true
                i += 1
            } else if c.isASCII && c.isNumber
                || (c == "." && i + 1 < chars.count && chars[i + 1].isASCII && chars[i + 1].isNumber)
            {
                let (number, next) = readNumber(chars, i)
                push(.number(number))
                i = next
            } else if c.isLetter {
                var j = i
                while j < chars.count && chars[j].isLetter { j += 1 }
                for kind in wordKinds(String(chars[i..<j])) { push(kind) }
                i = j
            } else if c == "\\" {
                i = readCommand(chars, i, push)
            } else {
                let pair = i + 1 < chars.count ? String([c, chars[i + 1]]) : ""
                if ["<=", ">=", "!="].contains(pair) {
                    push(.symbol(pair))
                    i += 2
                } else {
                    push(.symbol(String(c)))
                    i += 1
                }
            }
        }
        return tokens
    }

    /// Digits with optional thousands groups ("1,234,567"), decimals and an exponent ("1.5e-3").
    private static func readNumber(_ chars: [Character], _ start: Int) -> (String, Int) {
        func isDigit(_ k: Int) -> Bool { k < chars.count && chars[k].isASCII && chars[k].isNumber }
        var i = start
        var text = ""
        while isDigit(i) {
            text.append(chars[i])
            i += 1
        }
        // Thousands groups: exactly three digits after each comma, and not followed by a fourth.
        if text.count <= 3 {
            while i < chars.count, chars[i] == ",", isDigit(i + 1), isDigit(i + 2), isDigit(i + 3), !isDigit(i + 4) {
                text += String(chars[(i + 1)...(i + 3)])
                i += 4
            }
        }
        if i < chars.count, chars[i] == ".", isDigit(i + 1) {
            text.append(".")
            i += 1
            while isDigit(i) {
                text.append(chars[i])
                i += 1
            }
        }
        if i < chars.count, chars[i] == "e" || chars[i] == "E" {
            var j = i + 1
            if j < chars.count, chars[j] == "-" || chars[j] == "+" { j += 1 }
            if isDigit(j), !(j + 1 < chars.count && chars[j + 1].isLetter) {
                text += String(chars[i..<j])
                i = j
                while isDigit(i) {
                    text.append(chars[i])
                    i += 1
                }
            }
        }
        return (text, i)
    }

    private static func wordKinds(_ word: String) -> [MathToken.Kind] {
        let lower = word.lowercased()
        if functions.contains(lower) { return [.command(lower)] }
        switch lower {
        case "sqrt": return [.command("sqrt")]
        case "pi": return [.command("pi")]
        case "inf", "infinity", "infty": return [.command("infty")]
        case "or", "and": return [.symbol(",")]
        default: break
        }
        if word.count >= 3 || shortUnits.contains(word) { return [.word(word)] }
        // "xy" is x times y.
        return word.map { .letter(String($0)) }
    }

    private static func readCommand(_ chars: [Character], _ start: Int, _ push: (MathToken.Kind) -> Void) -> Int {
        var j = start + 1
        guard j < chars.count else { return j }
        if !chars[j].isLetter {
            // "\{" and "\}" are set braces; "\\" (a LaTeX line break) separates like a space.
            if chars[j] == "{" || chars[j] == "}" { push(.symbol("\\" + String(chars[j]))) }
            return j + 1
        }
        while j < chars.count && chars[j].isLetter { j += 1 }
        let name = String(chars[(start + 1)..<j])
        guard name == "unit", j < chars.count, chars[j] == "{",
            let close = chars[j...].firstIndex(of: "}")
        else {
            push(.command(name))
            return j
        }
        push(.word(String(chars[(j + 1)..<close])))
        return close + 1
    }
}
