// Property checks of answer equivalence over seeded random numbers: every spelling of a value is
// equivalent to every other, and a value one unit away never is.
import Foundation
import Rewards
import Testing

@Suite struct MathPropertyTests {
    /// A small deterministic generator (SplitMix64), so failures reproduce.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    static func grouped(_ n: Int) -> String {
        let digits = String(abs(n))
        var groups: [String] = []
        var end = digits.endIndex
        while end > digits.startIndex {
            let start = digits.index(end, offsetBy: -3, limitedBy: digits.startIndex) ?? digits.startIndex
            groups.insert(String(digits[start..<end]), at: 0)
            end = start
        }
        return (n < 0 ? "-" : "") + groups.joined(separator: ",")
    }

    @Test func spellingsOfTheSameTerminatingFractionAgree() {
        var rng = SplitMix(state: 42)
        var failures: [String] = []
        for _ in 0..<400 {
            let denominator = [2, 4, 5, 8, 10, 16, 20, 25, 40, 50, 125][Int.random(in: 0..<11, using: &rng)]
            let numerator = Int.random(in: -5000...5000, using: &rng)
            let decimal = String(format: "%.6f", Double(numerator) / Double(denominator))
                .replacingOccurrences(of: #"0+$"#, with: "", options: .regularExpression)
                .replacingOccurrences(of: #"\.$"#, with: "", options: .regularExpression)
            let fraction =
                numerator < 0 ? "-\\frac{\(-numerator)}{\(denominator)}" : "\\frac{\(numerator)}{\(denominator)}"
            let percent = String(format: "%.4f", 100 * Double(numerator) / Double(denominator)) + "\\%"
            for (a, b) in [
                (fraction, decimal), (decimal, "\(numerator)/\(denominator)"), (percent, decimal),
                ("\\dfrac{\(numerator * 3)}{\(denominator * 3)}", fraction),
            ] where !MathEquivalence.equivalent(a, b) {
                failures.append("\(a) vs \(b)")
            }
            let off = "\\frac{\(numerator + 1)}{\(denominator)}"
            if MathEquivalence.equivalent(off, decimal) { failures.append("\(off) should differ from \(decimal)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test func spellingsOfTheSameIntegerAgree() {
        var rng = SplitMix(state: 7)
        var failures: [String] = []
        for _ in 0..<400 {
            let n = Int.random(in: -9_999_999...9_999_999, using: &rng)
            let spellings = [
                "\(n)", Self.grouped(n), "\(n).0", "\\$\(Self.grouped(n))", "x = \(n)", "\(n)\\text{ apples}",
                n < 0 ? "\u{2212}\(-n)" : "+\(n)",
            ]
            for s in spellings where !MathEquivalence.equivalent(s, "\(n)") { failures.append("\(s) vs \(n)") }
            if MathEquivalence.equivalent(Self.grouped(n + 1), "\(n)") { failures.append("\(n + 1) equals \(n)?") }
            let big = "\(abs(n))000000000000000"
            if MathEquivalence.equivalent(big + "1", big + "0") { failures.append("\(big)1 equals \(big)0?") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }

    @Test func mixedNumbersAndScientificNotationAgree() {
        var rng = SplitMix(state: 99)
        var failures: [String] = []
        for _ in 0..<300 {
            let whole = Int.random(in: 1...50, using: &rng)
            let denominator = Int.random(in: 2...12, using: &rng)
            let numerator = Int.random(in: 1..<denominator, using: &rng)
            let improper = "\\frac{\(whole * denominator + numerator)}{\(denominator)}"
            for s in ["\(whole)\\frac{\(numerator)}{\(denominator)}", "\(whole) \(numerator)/\(denominator)"]
            where !MathEquivalence.equivalent(s, improper) { failures.append("\(s) vs \(improper)") }
            // m.mm × 10^e written out exactly, digit by digit (Double formatting would add rounding noise).
            let m = Int.random(in: 100...999, using: &rng)
            let exponent = Int.random(in: -6...9, using: &rng)
            let mantissa = "\(m / 100).\(m % 100 < 10 ? "0" : "")\(m % 100)"
            let shift = exponent - 2
            let plain =
                shift >= 0
                ? "\(m)" + String(repeating: "0", count: shift)
                : {
                    let digits = String(repeating: "0", count: max(0, -shift - 2)) + "\(m)"
                    return digits.count > -shift ? "\(digits.dropLast(-shift)).\(digits.suffix(-shift))" : "0.\(digits)"
                }()
            for s in ["\(mantissa)\\times 10^{\(exponent)}", "\(mantissa)e\(exponent)"]
            where !MathEquivalence.equivalent(s, plain) { failures.append("\(s) vs \(plain)") }
        }
        #expect(failures.isEmpty, "\(failures.prefix(10))")
    }
}
