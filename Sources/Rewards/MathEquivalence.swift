// Decides whether two final answers are the same mathematics. Numbers compare exactly as rationals;
// symbolic expressions are evaluated at fixed random rational points (exact while the arithmetic stays
// rational, a Schwartz–Zippel identity test), falling back to a 1e-9 relative tolerance for irrationals.

/// Equivalence of final answers.
public enum MathEquivalence {
    /// Whether two raw answers (LaTeX or plain) are equivalent.
    public static func equivalent(_ a: String, _ b: String) -> Bool {
        if a.contains("\\begin{") || b.contains("\\begin{") {
            switch (MathMatrix(a), MathMatrix(b)) {
            case let (x?, y?): return x.equals(y)
            case let (x?, nil): return x.equalsTuple(b)
            case let (nil, y?): return y.equalsTuple(a)
            case (nil, nil): break
            }
        }
        return compare(AngleUnits.converted(a, against: b) ?? a, b)
    }

    /// `equivalent` once an angle is in the gold's unit.
    private static func compare(_ a: String, _ b: String) -> Bool {
        let left = LaTeXNormalizer.normalize(a)
        let right = LaTeXNormalizer.normalize(b)
        if left.filter({ !$0.isWhitespace }) == right.filter({ !$0.isWhitespace }) { return !left.isEmpty }
        if differentUnits(left, right) { return false }
        if let x = integerDigits(left), let y = integerDigits(right), max(x.count, y.count) > 15 { return x == y }
        if let goldChoice = choice(right, alone: true), let picked = choice(left, alone: false) {
            return goldChoice == picked
        }
        let (x, y) = (MathAnswer.parse(left), MathAnswer.parse(right))
        if approximates(left, y) || approximates(right, x) { return false }
        // A whole answer "t = 3" names the value of "x = 3" (inside a list, "a = -2" is not "b = -2").
        if case .equation(.variable, let r1) = x, case .equation(.variable, let r2) = y,
           r1.variables.isEmpty, r2.variables.isEmpty {
            return scalarEqual(r1, r2)
        }
        return equal(x, y)
    }

    /// Whether two parsed answers are equivalent.
    public static func equal(_ a: MathAnswer, _ b: MathAnswer) -> Bool {
        switch (a, b) {
        case (.text(let x), .text(let y)): return !x.isEmpty && x == y
        case (.value(let x), .value(let y)):
            let xs = expand(x)
            let ys = expand(y)
            if xs.count == 1 && ys.count == 1 { return scalarEqual(x, y) }
            return unorderedEqual(xs.map(MathAnswer.value), ys.map(MathAnswer.value))
        case (.equation(let l1, let r1), .equation(let l2, let r2)): return equationEqual(l1, r1, l2, r2)
        case (.equation(.variable, let value), let other), (let other, .equation(.variable, let value)):
            return equal(.value(value), other)
        case (.equation(_, let r), .value(let v)), (.value(let v), .equation(_, let r)) where r.variables.isEmpty:
            return scalarEqual(r, v)  // "f(2) = 9", "a + b = 7": the value stated for what was asked
        case (.bracketed(let xs, let o1, let c1), .bracketed(let ys, let o2, let c2)):
            return o1 == o2 && c1 == c2 && orderedEqual(xs, ys)
        case (.list(let xs), .bracketed(let ys, "(", ")")), (.bracketed(let ys, "(", ")"), .list(let xs)):
            return orderedEqual(xs, ys)
        case (.set(let xs), .set(let ys)), (.list(let xs), .list(let ys)), (.set(let xs), .list(let ys)),
            (.list(let xs), .set(let ys)), (.union(let xs), .union(let ys)):
            return unorderedEqual(xs.flatMap(elements), ys.flatMap(elements))
        case (.set(let xs), .value(let y)), (.value(let y), .set(let xs)),
            (.list(let xs), .value(let y)), (.value(let y), .list(let xs)):
            return unorderedEqual(xs.flatMap(elements), expand(y).map(MathAnswer.value))
        default: return false
        }
    }

    /// Both answers name a unit (`\unit{mL}` against `\unit{L}`) and not the same one.
    private static func differentUnits(_ a: String, _ b: String) -> Bool {
        guard a.contains("\\unit{"), b.contains("\\unit{") else { return false }
        func units(_ s: String) -> Set<String> {
            var found = Set<String>()
            var rest = s[...]
            while let r = rest.range(of: "\\unit{"), let close = rest[r.upperBound...].firstIndex(of: "}") {
                var unit = rest[r.upperBound..<close].trimmingCharacters(in: .whitespaces).lowercased()
                if unit.count > 2, unit.hasSuffix("s") { unit.removeLast() }  // "dollars" is "dollar"
                found.insert(unit)
                rest = rest[close...]
            }
            return found
        }
        return units(a) != units(b)
    }

    /// A finite decimal written for an irrational number (1.41421356237 for √2, 3.14159… for π): a value
    /// close to the gold but not the gold, which graders reject unless the question asks for a decimal.
    private static func approximates(_ decimal: String, _ exact: MathAnswer) -> Bool {
        guard decimal.contains("."), decimal.range(of: #"^-?\d*\.\d+$"#, options: .regularExpression) != nil,
              case .value(let e) = exact, e.variables.isEmpty, case .approx? = e.evaluate([:]) else { return false }
        return true
    }

    /// The letter of a multiple-choice answer: "(C)", "C" or "\text{(C)}" alone, or leading an answer
    /// ("(C) 12") when `alone` is false. nil for anything else.
    private static func choice(_ s: String, alone: Bool) -> Character? {
        // Cheap screens first: this runs on every comparison and a regex costs microseconds.
        guard alone ? s.count <= 24 : s.hasPrefix("(") else { return nil }
        let text = s.replacingOccurrences(of: "\\unit", with: "").filter { !"{} ".contains($0) }
        let pattern = alone ? #"^\(?([A-E])\)?$"# : #"^\(([A-E])\)"#
        guard let match = text.range(of: pattern, options: .regularExpression) else { return nil }
        // "(B) or (C)" picks no letter: a second choice after the first is a hedge.
        if !alone, text[match.upperBound...].range(of: #"\([A-E]\)"#, options: .regularExpression) != nil { return nil }
        return text[match].first { $0.isLetter }
    }

    /// The canonical digits of a long integer literal ("-1,000" is "-1000"), compared as text because
    /// Int rationals cannot hold it and Double would round it.
    private static func integerDigits(_ s: String) -> String? {
        let plain = s.replacingOccurrences(of: ",", with: "")
        let negative = plain.hasPrefix("-")
        let digits = negative ? plain.dropFirst() : plain[...]
        guard !digits.isEmpty, digits.allSatisfy({ $0.isASCII && $0.isNumber }) else { return nil }
        let trimmed = digits.drop { $0 == "0" }
        return trimmed.isEmpty ? "0" : (negative ? "-" : "") + trimmed
    }

    /// A set element written with ± stands for both readings.
    private static func elements(_ answer: MathAnswer) -> [MathAnswer] {
        if case .value(let e) = answer { return expand(e).map(MathAnswer.value) }
        return [answer]
    }

    private static func expand(_ e: MathExpr, budget: Int = 3) -> [MathExpr] {
        guard budget > 0, let (plus, minus) = e.plusMinusReadings else { return [e] }
        return expand(plus, budget: budget - 1) + expand(minus, budget: budget - 1)
    }

    private static func orderedEqual(_ xs: [MathAnswer], _ ys: [MathAnswer]) -> Bool {
        xs.count == ys.count && zip(xs, ys).allSatisfy { equal($0, $1) }
    }

    /// Multiset equality: each element matched to a distinct equivalent one.
    private static func unorderedEqual(_ xs: [MathAnswer], _ ys: [MathAnswer]) -> Bool {
        guard xs.count == ys.count, xs.count <= 64 else { return false }
        var unused = ys
        for x in xs {
            guard let match = unused.firstIndex(where: { equal(x, $0) }) else { return false }
            unused.remove(at: match)
        }
        return true
    }

    /// Scalars (`a` the answer, `b` the gold): equal values at every sample point. A percentage gold is
    /// its number ("25%" is answered by 25, not by 0.25); a percentage answer may be its number or its value.
    static func scalarEqual(_ a: MathExpr, _ b: MathExpr) -> Bool {
        switch (a, b) {
        case (.percent, .percent): return sameValue(a, b)
        case (_, .percent(let gold)): return sameValue(a, gold)
        case (.percent(let answer), _): return sameValue(answer, b) || sameValue(a, b)
        default: return sameValue(a, b)
        }
    }

    private static func sameValue(_ a: MathExpr, _ b: MathExpr) -> Bool {
        // Over the union of variables: "sin^2 x + cos^2 x" equals 1, and "3x" differs from "3y" at the points.
        var compared = 0
        for env in samplePoints(a.variables.union(b.variables)) {
            guard let x = a.evaluate(env), let y = b.evaluate(env) else { continue }
            guard numbersEqual(x, y) else { return false }
            // Close in Double but past 64-bit rationals (10^20 + 1 vs 10^20): decide exactly modulo primes.
            if case .approx = x, MathModular.differ(a, b, at: env) { return false }
            if case .approx = y, MathModular.differ(a, b, at: env) { return false }
            compared += 1
        }
        return compared > 0
    }

    static func numbersEqual(_ x: MathNumber, _ y: MathNumber) -> Bool {
        if case .exact(let p) = x, case .exact(let q) = y { return p == q }
        return closeEnough(x.double, y.double)
    }

    private static func closeEnough(_ x: Double, _ y: Double) -> Bool {
        if x.isNaN || y.isNaN { return false }
        if x.isInfinite || y.isInfinite { return x == y }
        return x == y || abs(x - y) <= 1e-9 * max(abs(x), abs(y))
    }

    /// Equations are equal when lhs - rhs of one is a nonzero constant multiple of the other's.
    private static func equationEqual(_ l1: MathExpr, _ r1: MathExpr, _ l2: MathExpr, _ r2: MathExpr) -> Bool {
        let d1 = MathExpr.difference(l1, r1)
        let d2 = MathExpr.difference(l2, r2)
        guard d1.variables == d2.variables else { return false }
        var ratio: Double?
        var compared = 0
        for env in samplePoints(d1.variables) {
            guard let x = d1.evaluate(env)?.double, let y = d2.evaluate(env)?.double else { continue }
            if x == 0 || y == 0 {
                guard closeEnough(x, y) || (abs(x) < 1e-12 && abs(y) < 1e-12) else { return false }
            } else if let r = ratio {
                guard closeEnough(y, r * x) else { return false }
            } else {
                ratio = y / x
            }
            compared += 1
        }
        return compared > 0
    }

    /// Fixed pseudo-random rational points, so verdicts are reproducible; no variables means one point.
    static func samplePoints(_ names: Set<String>) -> [[String: MathNumber]] {
        let sorted = names.sorted()
        guard !sorted.isEmpty else { return [[:]] }
        let numerators = [7, 13, 29, 41, 53, 61, 5]
        let denominators = [3, 11, 17, 5, 19, 7, 23]
        return (0..<7).map { point in
            var env: [String: MathNumber] = [:]
            for (j, name) in sorted.enumerated() {
                let n = numerators[(point + 2 * j) % 7] + 3 * j
                let d = denominators[(point + j) % 7]
                env[name] = .exact(Rational(point == 3 ? -n : n, d)!)
            }
            return env
        }
    }
}
