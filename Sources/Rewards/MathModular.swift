// Exact comparison past 64 bits: an expression built from rationals with +, -, ×, ÷ and integer powers
// is evaluated modulo three primes near 2^31. Different residues prove two values differ even when
// Double rounds them together (10^20 + 1 against 10^20); irrational parts (π, √2) have no residue.

enum MathModular {
    private static let primes: [Int64] = [2_147_483_647, 2_147_483_629, 1_000_000_007]

    /// True only when both sides are exact and their residues differ modulo some prime.
    static func differ(_ a: MathExpr, _ b: MathExpr, at env: [String: MathNumber]) -> Bool {
        for p in primes {
            guard let x = residue(a, env, p), let y = residue(b, env, p) else { return false }
            if x != y { return true }
        }
        return false
    }

    static func residue(_ e: MathExpr, _ env: [String: MathNumber], _ p: Int64) -> Int64? {
        switch e {
        case .number(.exact(let r)): return fraction(Int64(r.numerator), Int64(r.denominator), p)
        case .number(.approx), .pi, .infinity, .plusMinus, .root, .function: return nil
        case .bigLiteral(let text): return literal(text, p)
        case .variable(let name):
            guard case .exact(let r)? = env[name] else { return nil }
            return fraction(Int64(r.numerator), Int64(r.denominator), p)
        case .sum(let x, let y): return both(x, y, env, p) { ($0 + $1) % p }
        case .difference(let x, let y): return both(x, y, env, p) { ($0 - $1 + p) % p }
        case .product(let x, let y): return both(x, y, env, p) { $0 * $1 % p }
        case .quotient(let x, let y):
            guard let d = residue(y, env, p), d != 0, let n = residue(x, env, p) else { return nil }
            return n * inverse(d, p) % p
        case .negation(let x): return residue(x, env, p).map { (p - $0) % p }
        case .percent(let x): return residue(x, env, p).map { $0 * inverse(100, p) % p }
        case .factorial(let x):
            guard case .exact(let n)? = x.evaluate(env), n.isInteger, n.numerator >= 0, n.numerator <= 100_000 else {
                return nil
            }
            return (1...max(1, Int64(n.numerator))).reduce(1) { $0 * ($1 % p) % p }
        case .power(let base, let exponent):
            guard case .exact(let n)? = exponent.evaluate(env), n.isInteger, let b = residue(base, env, p) else {
                return nil
            }
            if n.numerator < 0 { return b == 0 ? nil : power(inverse(b, p), Int64(-n.numerator), p) }
            return power(b, Int64(n.numerator), p)
        }
    }

    private static func both(
        _ x: MathExpr, _ y: MathExpr, _ env: [String: MathNumber], _ p: Int64,
        _ combine: (Int64, Int64) -> Int64
    ) -> Int64? {
        guard let a = residue(x, env, p), let b = residue(y, env, p) else { return nil }
        return combine(a, b)
    }

    private static func fraction(_ n: Int64, _ d: Int64, _ p: Int64) -> Int64? {
        let top = ((n % p) + p) % p
        let bottom = ((d % p) + p) % p
        return bottom == 0 ? nil : top * inverse(bottom, p) % p
    }

    /// A decimal literal ("123456789012345678901234.5e3") read digit by digit modulo p.
    private static func literal(_ text: String, _ p: Int64) -> Int64? {
        var mantissa = Substring(text)
        var exponent: Int64 = 0
        if let e = text.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            guard let value = Int64(text[text.index(after: e)...].replacingOccurrences(of: "+", with: "")) else {
                return nil
            }
            exponent = value
            mantissa = text[..<e]
        }
        var value: Int64 = 0
        var afterPoint = false
        for c in mantissa {
            if c == "." {
                afterPoint = true
                continue
            }
            guard let digit = c.wholeNumberValue else { return nil }
            value = (value * 10 + Int64(digit)) % p
            if afterPoint { exponent -= 1 }
        }
        let scale = power(10, abs(exponent), p)
        return exponent >= 0 ? value * scale % p : value * inverse(scale, p) % p
    }

    private static func power(_ base: Int64, _ exponent: Int64, _ p: Int64) -> Int64 {
        var result: Int64 = 1
        var b = ((base % p) + p) % p
        var e = exponent
        while e > 0 {
            if e & 1 == 1 { result = result * b % p }
            b = b * b % p
            e >>= 1
        }
        return result
    }

    /// Fermat inverse (p is prime, a not a multiple of p).
    private static func inverse(_ a: Int64, _ p: Int64) -> Int64 { power(a, p - 2, p) }
}
