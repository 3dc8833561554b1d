// Turns a `RegexNode` tree into `RegexInstruction`s: alternation as a chain of splits, counted
// repeats unrolled (x{2,4} is x x x? x? nested), possessive repeats as atomic groups, and an empty-
// iteration check on loops whose body can match nothing, as Oniguruma stops such loops.

/// Builds a program from a tree.
struct RegexCompiler {
    private(set) var code: [RegexInstruction] = []
    private(set) var sets: [ScalarSet] = []
    private(set) var registerCount = 0
    private(set) var wholeFirstSet = -1
    /// Unrolled repeats beyond this many instructions are refused rather than built.
    static let maxInstructions = 200_000

    /// What a match of a node can start with.
    private struct First {
        /// A superset of the scalars a match can consume first, when known.
        var set: ClassNode?
        /// Whether the node can match without consuming anything.
        var nullable: Bool
    }

    mutating func compileWhole(_ node: RegexNode) throws(RegexSyntaxError) {
        try compile(node)
        code.append(.match)
        let first = Self.first(node)
        if !first.nullable, let set = first.set { wholeFirstSet = Int(addSet(set)) }
    }

    private mutating func compile(_ node: RegexNode) throws(RegexSyntaxError) {
        guard code.count < Self.maxInstructions else {
            throw RegexSyntaxError(position: 0, message: "the regex is too large once its counted repeats are unrolled")
        }
        switch node {
        case .empty: return
        case .scalar(let value, let ignoreCase):
            code.append(ignoreCase ? .scalarFolded(CaseFolding.fold(value)) : .scalar(value))
        case .set(let set): code.append(.set(addSet(set)))
        case .concat(let nodes): for item in nodes { try compile(item) }
        case .alternation(let nodes): try compileAlternation(nodes[...])
        case .loop(let body, let min, let max, let kind): try compileLoop(body, min, max, kind)
        case .atomic(let body):
            let register = newRegister()
            code.append(.markStack(register))
            try compile(body)
            code.append(.cutStack(register))
        case .look(let body, let behind, let negated):
            let (low, high) = body.length
            let at = code.count
            code.append(.match)  // patched below
            try compile(body)
            code.append(.match)
            code[at] = .look(
                behind: behind, negated: negated, minLength: Int32(clamping: low),
                maxLength: Int32(clamping: high ?? -1),
                next: Int32(code.count))
        case .anchor(let anchor): code.append(.anchor(anchor))
        }
    }

    private mutating func compileAlternation(_ nodes: ArraySlice<RegexNode>) throws(RegexSyntaxError) {
        guard nodes.count > 1, let head = nodes.first else {
            if let only = nodes.first { try compile(only) }
            return
        }
        let rest = nodes.dropFirst()
        let at = code.count
        code.append(.match)  // the split, patched below
        try compile(head)
        let jumpAt = code.count
        code.append(.jump(0))
        let second = code.count
        try compileAlternation(rest)
        code[jumpAt] = .jump(Int32(code.count))
        let restFirst = Self.first(.alternation(Array(rest)))
        code[at] = .split(
            first: Int32(at + 1), second: Int32(second), guardFirst: guardSet(Self.first(head)),
            guardSecond: guardSet(restFirst))
    }

    private mutating func compileLoop(_ body: RegexNode, _ min: Int, _ max: Int?, _ kind: RepeatKind)
        throws(RegexSyntaxError)
    {
        if kind != .lazy, let set = Self.singleScalarSet(body), min <= Int(Int32.max) {
            code.append(
                .repeatSet(
                    addSet(set), min: Int32(min), max: max.map { Int32(clamping: $0) } ?? -1,
                    possessive: kind == .possessive))
            return
        }
        if kind == .possessive {
            try compile(.atomic(.loop(body, min: min, max: max, .greedy)))
            return
        }
        for _ in 0..<min { try compile(body) }
        let first = Self.first(body)
        let bodyGuard = guardSet(first)
        let lazy = kind == .lazy
        guard let max else {
            // top: split(body, exit); body; jump top
            let top = code.count
            code.append(.match)
            let register = first.nullable ? newRegister() : -1
            if first.nullable { code.append(.markPosition(register)) }
            try compile(body)
            let exitCheck = code.count
            if first.nullable { code.append(.match) }
            code.append(.jump(Int32(top)))
            let exit = Int32(code.count)
            if first.nullable { code[exitCheck] = .exitIfEmpty(register, exit: exit) }
            code[top] = split(body: Int32(top + 1), exit: exit, bodyGuard: bodyGuard, lazy: lazy)
            return
        }
        // Each optional copy: split(body, exit) body, all leaving to the same exit.
        var splits: [Int] = []
        for _ in min..<max {
            splits.append(code.count)
            code.append(.match)
            try compile(body)
        }
        let exit = Int32(code.count)
        for at in splits { code[at] = split(body: Int32(at + 1), exit: exit, bodyGuard: bodyGuard, lazy: lazy) }
    }

    /// The set a node matching exactly one scalar matches, if it is one.
    private static func singleScalarSet(_ node: RegexNode) -> ClassNode? {
        switch node {
        case .set(let set): return set
        case .scalar(let value, let ignoreCase): return .literal([value...value], ignoreCase: ignoreCase)
        default: return nil
        }
    }

    private func split(body: Int32, exit: Int32, bodyGuard: Int32, lazy: Bool) -> RegexInstruction {
        lazy
            ? .split(first: exit, second: body, guardFirst: -1, guardSecond: bodyGuard)
            : .split(first: body, second: exit, guardFirst: bodyGuard, guardSecond: -1)
    }

    private mutating func newRegister() -> Int32 {
        registerCount += 1
        return Int32(registerCount - 1)
    }

    private mutating func addSet(_ node: ClassNode) -> Int32 {
        sets.append(ScalarSet(node))
        return Int32(sets.count - 1)
    }

    /// The set index that guards a branch starting with `first`, or -1 when it cannot be guarded.
    private mutating func guardSet(_ first: First) -> Int32 {
        guard !first.nullable, let set = first.set else { return -1 }
        return addSet(set)
    }

    private static func first(_ node: RegexNode) -> First {
        switch node {
        case .empty, .anchor, .look: return First(set: .empty, nullable: true)
        case .scalar(let value, let ignoreCase):
            return First(set: .literal([value...value], ignoreCase: ignoreCase), nullable: false)
        case .set(let set): return First(set: set, nullable: false)
        case .atomic(let body): return first(body)
        case .loop(let body, let min, _, _):
            let inner = first(body)
            return First(set: inner.set, nullable: inner.nullable || min == 0)
        case .concat(let nodes):
            var parts: [ClassNode] = []
            for item in nodes {
                let f = first(item)
                guard let set = f.set else { return First(set: nil, nullable: false) }
                parts.append(set)
                if !f.nullable { return First(set: .union(parts), nullable: false) }
            }
            return First(set: .union(parts), nullable: true)
        case .alternation(let nodes):
            var parts: [ClassNode] = []
            var nullable = false
            for item in nodes {
                let f = first(item)
                guard let set = f.set else { return First(set: nil, nullable: f.nullable) }
                parts.append(set)
                nullable = nullable || f.nullable
            }
            return First(set: .union(parts), nullable: nullable)
        }
    }
}
