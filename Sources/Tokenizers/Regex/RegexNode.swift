// The parsed form of a regex: what `RegexParser` builds and `RegexCompiler` turns into a program.
// Flags such as (?i) are already applied, so each node says exactly what it matches.

/// One node of a parsed regex.
indirect enum RegexNode: Sendable, Equatable {
    case empty
    /// One scalar; with `ignoreCase`, any scalar with the same case folding.
    case scalar(UInt32, ignoreCase: Bool)
    /// One scalar from a class.
    case set(ClassNode)
    case concat([RegexNode])
    /// The first alternative that lets the whole regex match wins.
    case alternation([RegexNode])
    /// `max` nil is unbounded.
    case loop(RegexNode, min: Int, max: Int?, RepeatKind)
    /// `(?>...)`: once matched, never re-entered by backtracking.
    case atomic(RegexNode)
    /// `(?=...)`, `(?!...)`, `(?<=...)`, `(?<!...)`.
    case look(RegexNode, behind: Bool, negated: Bool)
    case anchor(RegexAnchor)

    /// The fewest and most scalars the node can match (`max` nil when unbounded).
    var length: (min: Int, max: Int?) {
        switch self {
        case .empty, .look, .anchor: return (0, 0)
        case .scalar, .set: return (1, 1)
        case .atomic(let node): return node.length
        case .concat(let nodes):
            var low = 0
            var high: Int? = 0
            for node in nodes {
                let (a, b) = node.length
                low += a
                high = high.flatMap { h in b.map { h + $0 } }
            }
            return (low, high)
        case .alternation(let nodes):
            let lengths = nodes.map(\.length)
            let high = lengths.allSatisfy { $0.max != nil } ? lengths.map { $0.max! }.max() ?? 0 : nil
            return (lengths.map(\.min).min() ?? 0, high)
        case .loop(let node, let min, let max, _):
            let (a, b) = node.length
            guard let max else { return (a * min, b == 0 ? 0 : nil) }
            return (a * min, b.map { $0 * max })
        }
    }
}

/// How a quantifier repeats.
enum RepeatKind: Sendable, Equatable {
    /// As many as possible, giving back on backtracking.
    case greedy
    /// As few as possible (`*?`).
    case lazy
    /// As many as possible, never giving back (`*+`).
    case possessive
}

/// Zero-width assertions.
enum RegexAnchor: Sendable, Equatable {
    /// `^`: the start of the text or just after `\n`.
    case lineStart
    /// `$`: the end of the text or just before `\n`.
    case lineEnd
    /// `\A`
    case textStart
    /// `\z`
    case textEnd
    /// `\Z`: the end, or before a final `\n`.
    case textEndBeforeNewline
    /// `\b`, by `\w`.
    case wordBoundary
    /// `\B`
    case notWordBoundary
    /// `\G`: where the current search began.
    case searchStart
}

/// A regex that cannot be parsed or compiled: what is wrong and where.
public struct RegexSyntaxError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Offset in the pattern, in Unicode scalars from 0, where the problem was found.
    public let position: Int
    /// What is wrong.
    public let message: String

    public var description: String { "at character \(position): \(message)" }
}
