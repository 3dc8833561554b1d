// A compiled regex: instructions for the backtracking matcher (RegexMatcher.swift), the classes they
// test, and the registers they use. Branch points carry "first scalar" guards so an alternative that
// cannot start with the next scalar is skipped without saving a backtrack point.

/// One instruction. Targets are instruction indices.
enum RegexInstruction: Sendable {
    /// Consume this scalar.
    case scalar(UInt32)
    /// Consume a scalar whose case folding is this one.
    case scalarFolded(UInt32)
    /// Consume a scalar in `sets[n]`.
    case set(Int32)
    /// Consume a run of `min` to `max` (-1: any number) scalars of `sets[n]`, as many as there are,
    /// giving them back one at a time on backtracking unless `possessive`: `\p{L}+` in one step.
    case repeatSet(Int32, min: Int32, max: Int32, possessive: Bool)
    /// Go on at `first`, trying `second` on failure; a guard >= 0 names a set the next scalar must be
    /// in for that branch to be worth trying.
    case split(first: Int32, second: Int32, guardFirst: Int32, guardSecond: Int32)
    case jump(Int32)
    case anchor(RegexAnchor)
    /// Remember the backtrack stack height in a register (the start of an atomic group).
    case markStack(Int32)
    /// Drop every backtrack point saved since the register's mark (the end of an atomic group).
    case cutStack(Int32)
    /// Remember the position in a register, undoably (the start of a loop body that can match empty).
    case markPosition(Int32)
    /// Leave the loop for `exit` if the body matched nothing since the register's mark.
    case exitIfEmpty(Int32, exit: Int32)
    /// Run the body that starts at the next instruction as an assertion, then go on at `next`.
    case look(behind: Bool, negated: Bool, minLength: Int32, maxLength: Int32, next: Int32)
    /// The match (or a lookaround body) ends here.
    case match
}

/// A regex ready to run.
final class RegexProgram: Sendable {
    /// The pattern it came from.
    let pattern: String
    let code: [RegexInstruction]
    let sets: [ScalarSet]
    /// `sets[k].bits`, apart so matching reads them without reference counting.
    let bits: [ASCIIBits]
    let registerCount: Int
    /// The index of a set every match starts with (-1: none, the regex can match empty): search
    /// skips other scalars.
    let firstSet: Int

    init(pattern: String, code: [RegexInstruction], sets: [ScalarSet], registerCount: Int, firstSet: Int) {
        self.pattern = pattern
        self.code = code
        self.sets = sets
        bits = sets.map(\.bits)
        self.registerCount = registerCount
        self.firstSet = firstSet
    }

    /// Parses and compiles `pattern`.
    convenience init(_ pattern: String) throws(RegexSyntaxError) {
        let node = try RegexParser.parse(pattern)
        var compiler = RegexCompiler()
        try compiler.compileWhole(node)
        self.init(
            pattern: pattern, code: compiler.code, sets: compiler.sets, registerCount: compiler.registerCount,
            firstSet: compiler.wholeFirstSet)
    }
}
