// Exact rational arithmetic on Int with overflow checks: every operation returns nil instead of trapping,
// and the caller falls back to Double. Answers in GSM8K and MATH fit in 64 bits almost always.
import Foundation

/// A reduced fraction with a positive denominator.
public struct Rational: Sendable, Hashable, CustomStringConvertible {
    /// The numerator, carrying the sign.
    public let numerator: Int
    /// The denominator, always positive.
    public let denominator: Int

    /// Makes n/d reduced; nil if d is zero or a value overflows.
    public init?(_ numerator: Int, _ denominator: Int = 1) {
        guard denominator != 0, numerator != .min, denominator != .min else { return nil }
        let divisor = Rational.gcd(abs(numerator), abs(denominator))
        let sign = denominator < 0 ? -1 : 1
        self.numerator = sign * numerator / max(divisor, 1)
        self.denominator = sign * denominator / max(divisor, 1)
    }

    /// Parses a decimal literal such as `12`, `-0.125` or `3.5e-2` exactly; nil if it does not fit.
    public init?(decimal text: Substring) {
        var mantissa = text
        var exponent = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")),
                abs(value) < 40
            else { return nil }
            exponent = value
            mantissa = text[..<e]
        }
        var digits = mantissa
        if let dot = mantissa.firstIndex(of: ".") {
            let fraction = mantissa[mantissa.index(after: dot)...]
            exponent -= fraction.count
            digits = mantissa[..<dot] + fraction
        }
        guard let whole = Int(digits.isEmpty || digits == "-" ? digits + "0" : digits),
            let scale = Rational.powerOfTen(abs(exponent))
        else { return nil }
        if exponent >= 0 {
            let (product, overflow) = whole.multipliedReportingOverflow(by: scale)
            guard !overflow else { return nil }
            self.init(product)
        } else {
            self.init(whole, scale)
        }
    }

    /// The value as a Double.
    public var doubleValue: Double { Double(numerator) / Double(denominator) }
    /// True when the denominator is 1.
    public var isInteger: Bool { denominator == 1 }
    public var description: String { denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)" }

    /// Sum, or nil on overflow.
    public static func + (a: Rational, b: Rational) -> Rational? {
        guard let left = mul(a.numerator, b.denominator), let right = mul(b.numerator, a.denominator),
            let top = add(left, right), let bottom = mul(a.denominator, b.denominator)
        else { return nil }
        return Rational(top, bottom)
    }

    /// Difference, or nil on overflow.
    public static func - (a: Rational, b: Rational) -> Rational? { a + b.negated }

    /// Product, or nil on overflow.
    public static func * (a: Rational, b: Rational) -> Rational? {
        // Cross-reduce first so products of already-reduced fractions overflow as late as possible.
        let g1 = gcd(abs(a.numerator), b.denominator)
        let g2 = gcd(abs(b.numerator), a.denominator)
        guard let top = mul(a.numerator / max(g1, 1), b.numerator / max(g2, 1)),
            let bottom = mul(a.denominator / max(g2, 1), b.denominator / max(g1, 1))
        else { return nil }
        return Rational(top, bottom)
    }

    /// Quotient, or nil on overflow or division by zero.
    public static func / (a: Rational, b: Rational) -> Rational? {
        guard b.numerator != 0, let inverse = Rational(b.denominator, b.numerator) else { return nil }
        return a * inverse
    }

    /// -self (never overflows: `.min` is excluded at construction).
    public var negated: Rational { Rational(-numerator, denominator)! }

    /// self^exponent for an integer exponent, or nil on overflow / zero to a negative power.
    public func power(_ exponent: Int) -> Rational? {
        guard abs(exponent) <= 4096 else { return nil }
        var result = Rational(1)!
        var base = self
        var remaining = abs(exponent)
        while remaining > 0 {
            if remaining & 1 == 1 {
                guard let next = result * base else { return nil }
                result = next
            }
            remaining >>= 1
            if remaining > 0 {
                guard let next = base * base else { return nil }
                base = next
            }
        }
        return exponent >= 0 ? result : Rational(1)! / result
    }

    /// The exact k-th root if numerator and denominator are perfect k-th powers, else nil.
    public func root(_ k: Int) -> Rational? {
        guard k >= 1, k <= 64 else { return nil }
        if numerator < 0 && k % 2 == 0 { return nil }
        guard let top = Rational.integerRoot(abs(numerator), k), let bottom = Rational.integerRoot(denominator, k)
        else { return nil }
        return Rational(numerator < 0 ? -top : top, bottom)
    }

    static func gcd(_ a: Int, _ b: Int) -> Int {
        var (x, y) = (a, b)
        while y != 0 { (x, y) = (y, x % y) }
        return x
    }

    private static func add(_ a: Int, _ b: Int) -> Int? {
        let (value, overflow) = a.addingReportingOverflow(b)
        return overflow || value == .min ? nil : value
    }

    private static func mul(_ a: Int, _ b: Int) -> Int? {
        let (value, overflow) = a.multipliedReportingOverflow(by: b)
        return overflow || value == .min ? nil : value
    }

    private static func powerOfTen(_ n: Int) -> Int? {
        var value = 1
        for _ in 0..<n {
            guard let next = mul(value, 10) else { return nil }
            value = next
        }
        return value
    }

    private static func integerRoot(_ n: Int, _ k: Int) -> Int? {
        if n < 2 || k == 1 { return n }
        let guess = Int(Foundation.pow(Double(n), 1 / Double(k)).rounded())
        for candidate in max(0, guess - 1)...(guess + 1) {
            if let value = Rational(candidate)?.power(k), value.numerator == n { return candidate }
        }
        return nil
    }
}
