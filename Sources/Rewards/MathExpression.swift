// The expression tree the answer parser builds, and its evaluation: exactly in rationals while the
// values stay rational (sums, products, integer powers, perfect roots), else in Double.
import Foundation

/// A number met while evaluating: exact when it can be.
public enum MathNumber: Sendable, Hashable {
    case exact(Rational)
    case approx(Double)

    /// The value as a Double.
    public var double: Double {
        switch self {
        case .exact(let r): return r.doubleValue
        case .approx(let d): return d
        }
    }

    static func combine(
        _ a: MathNumber, _ b: MathNumber, exact: (Rational, Rational) -> Rational?,
        approx: (Double, Double) -> Double
    ) -> MathNumber {
        if case .exact(let x) = a, case .exact(let y) = b, let value = exact(x, y) { return .exact(value) }
        return .approx(approx(a.double, b.double))
    }
}

/// A parsed scalar expression.
public indirect enum MathExpr: Sendable, Hashable {
    case number(MathNumber)
    /// A literal too long for Int rationals, kept as written so modular checks stay exact.
    case bigLiteral(String)
    case variable(String)
    case pi
    case infinity
    case sum(MathExpr, MathExpr)
    case difference(MathExpr, MathExpr)
    /// `a ± b`: expanded into two answers before comparison.
    case plusMinus(MathExpr, MathExpr)
    case product(MathExpr, MathExpr)
    case quotient(MathExpr, MathExpr)
    case negation(MathExpr)
    case power(MathExpr, MathExpr)
    case root(MathExpr, index: MathExpr)
    case factorial(MathExpr)
    /// `x%`: worth x/100, but compared also as plain x (a "what percent" answer may drop the sign).
    case percent(MathExpr)
    case function(String, [MathExpr])

    /// The variables the expression mentions.
    public var variables: Set<String> {
        switch self {
        case .variable(let name): return [name]
        case .number, .bigLiteral, .pi, .infinity: return []
        case .sum(let a, let b), .difference(let a, let b), .plusMinus(let a, let b), .product(let a, let b),
            .quotient(let a, let b), .power(let a, let b), .root(let a, let b):
            return a.variables.union(b.variables)
        case .negation(let a), .factorial(let a), .percent(let a): return a.variables
        case .function(_, let args): return args.reduce(into: []) { $0.formUnion($1.variables) }
        }
    }

    /// The two readings of the first `±`, or nil when there is none.
    public var plusMinusReadings: (MathExpr, MathExpr)? {
        func rebuild(_ make: (MathExpr) -> MathExpr, _ inner: MathExpr) -> (MathExpr, MathExpr)? {
            inner.plusMinusReadings.map { (make($0.0), make($0.1)) }
        }
        func binary(_ a: MathExpr, _ b: MathExpr, _ make: @escaping (MathExpr, MathExpr) -> MathExpr)
            -> (MathExpr, MathExpr)?
        {
            rebuild({ make($0, b) }, a) ?? rebuild({ make(a, $0) }, b)
        }
        switch self {
        case .plusMinus(let a, let b): return (.sum(a, b), .difference(a, b))
        case .sum(let a, let b): return binary(a, b, MathExpr.sum)
        case .difference(let a, let b): return binary(a, b, MathExpr.difference)
        case .product(let a, let b): return binary(a, b, MathExpr.product)
        case .quotient(let a, let b): return binary(a, b, MathExpr.quotient)
        case .power(let a, let b): return binary(a, b, MathExpr.power)
        case .negation(let a): return rebuild(MathExpr.negation, a)
        case .root(let a, let index): return rebuild({ .root($0, index: index) }, a)
        default: return nil
        }
    }

    /// The value with the given variable values; nil where undefined (division by zero, unknown variable).
    public func evaluate(_ env: [String: MathNumber]) -> MathNumber? {
        switch self {
        case .number(let n): return n
        case .bigLiteral(let text): return Double(text).map(MathNumber.approx)
        case .variable(let name): return env[name]
        case .pi: return .approx(Double.pi)
        case .infinity: return .approx(.infinity)
        case .sum(let a, let b), .plusMinus(let a, let b):
            return Self.binary(a, b, env, exact: { $0 + $1 }, approx: +)
        case .difference(let a, let b): return Self.binary(a, b, env, exact: { $0 - $1 }, approx: -)
        case .product(let a, let b): return Self.binary(a, b, env, exact: { $0 * $1 }, approx: *)
        case .quotient(let a, let b):
            guard let x = a.evaluate(env), let y = b.evaluate(env), y.double != 0 else { return nil }
            return MathNumber.combine(x, y, exact: { $0 / $1 }, approx: /)
        case .negation(let a):
            return a.evaluate(env).map { if case .exact(let r) = $0 { .exact(r.negated) } else { .approx(-$0.double) } }
        case .power(let a, let b): return Self.power(a, b, env)
        case .root(let a, let index):
            guard let x = a.evaluate(env), let k = index.evaluate(env), k.double != 0 else { return nil }
            if case .exact(let r) = x, case .exact(let n) = k, n.isInteger, let exact = r.root(n.numerator) {
                return .exact(exact)
            }
            if x.double < 0, k.double.truncatingRemainder(dividingBy: 2) == 1 {
                return .approx(-Foundation.pow(-x.double, 1 / k.double))
            }
            return Self.real(Foundation.pow(x.double, 1 / k.double))
        case .factorial(let a):
            guard case .exact(let r)? = a.evaluate(env), r.isInteger, r.numerator >= 0, r.numerator <= 170 else {
                return nil
            }
            var exact: Rational? = Rational(1)
            var approx = 1.0
            for k in stride(from: 2, through: r.numerator, by: 1) {
                exact = exact.flatMap { $0 * Rational(k)! }
                approx *= Double(k)
            }
            return exact.map(MathNumber.exact) ?? .approx(approx)
        case .percent(let a): return Self.binary(a, .number(.exact(Rational(100)!)), env, exact: { $0 / $1 }, approx: /)
        case .function(let name, let args): return Self.function(name, args, env)
        }
    }

    private static func binary(
        _ a: MathExpr, _ b: MathExpr, _ env: [String: MathNumber],
        exact: (Rational, Rational) -> Rational?, approx: (Double, Double) -> Double
    ) -> MathNumber? {
        guard let x = a.evaluate(env), let y = b.evaluate(env) else { return nil }
        return MathNumber.combine(x, y, exact: exact, approx: approx)
    }

    private static func real(_ value: Double) -> MathNumber? { value.isNaN ? nil : .approx(value) }

    private static func power(_ a: MathExpr, _ b: MathExpr, _ env: [String: MathNumber]) -> MathNumber? {
        guard let x = a.evaluate(env), let y = b.evaluate(env) else { return nil }
        if case .exact(let base) = x, case .exact(let exponent) = y {
            // p/q powers stay exact when the q-th root does: 8^(2/3) = 4.
            if let root = exponent.denominator == 1 ? base : base.root(exponent.denominator),
                let value = root.power(exponent.numerator)
            {
                return .exact(value)
            }
            if base.numerator == 0 && exponent.numerator < 0 { return nil }
        }
        return real(Foundation.pow(x.double, y.double))
    }

    private static func function(_ name: String, _ args: [MathExpr], _ env: [String: MathNumber]) -> MathNumber? {
        let values = args.compactMap { $0.evaluate(env) }
        guard values.count == args.count, let x = values.first?.double else { return nil }
        switch (name, values.count) {
        case ("sin", 1): return real(sin(x))
        case ("cos", 1): return real(cos(x))
        case ("tan", 1): return real(tan(x))
        case ("cot", 1): return real(1 / tan(x))
        case ("sec", 1): return real(1 / cos(x))
        case ("csc", 1): return real(1 / sin(x))
        case ("arcsin", 1): return real(asin(x))
        case ("arccos", 1): return real(acos(x))
        case ("arctan", 1): return real(atan(x))
        case ("ln", 1): return x > 0 ? real(log(x)) : nil
        case ("log", 1): return x > 0 ? real(log10(x)) : nil
        case ("log", 2):
            let base = values[1].double
            return x > 0 && base > 0 && base != 1 ? real(log(x) / log(base)) : nil
        case ("exp", 1): return real(exp(x))
        case ("abs", 1):
            if case .exact(let r) = values[0] { return .exact(r.numerator < 0 ? r.negated : r) }
            return .approx(abs(x))
        case ("binom", 2): return binomial(values[0], values[1])
        default: return nil
        }
    }

    private static func binomial(_ n: MathNumber, _ k: MathNumber) -> MathNumber? {
        guard case .exact(let top) = n, case .exact(let bottom) = k, top.isInteger, bottom.isInteger,
            bottom.numerator >= 0, bottom.numerator <= top.numerator, top.numerator <= 10_000
        else { return nil }
        var exact: Rational? = Rational(1)
        var approx = 1.0
        for i in stride(from: 0, to: min(bottom.numerator, top.numerator - bottom.numerator), by: 1) {
            let factor = Rational(top.numerator - i, i + 1)!
            exact = exact.flatMap { $0 * factor }
            approx *= factor.doubleValue
        }
        return exact.map(MathNumber.exact) ?? .approx(approx)
    }
}
