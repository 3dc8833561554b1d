// Runs a `RegexProgram` over a range of scalars by backtracking, as Oniguruma does: alternatives are
// tried left to right and the first that lets the rest match wins (not the longest). Backtrack points
// and registers live in a `RegexScratch` the caller keeps, so matching allocates nothing once warm;
// the text comes as raw buffers of scalars and their general categories.

/// A saved backtrack point; a negative `pc` instead records a register's old value (`-1 - pc`).
/// With `low` >= 0 it stands for every position from `pos` down to `low` + 1 (a run to give back).
struct BacktrackEntry {
    var pc: Int32
    var pos: Int32
    var low: Int32 = -1
}

/// Working memory of the matcher, reused across matches and regexes.
struct RegexScratch {
    var stack: [BacktrackEntry] = []
    var registers: [Int] = []
}

/// One regex over one range of a text.
struct RegexMatcher {
    let code: UnsafeBufferPointer<RegexInstruction>
    let sets: UnsafeBufferPointer<ScalarSet>
    let bits: UnsafeBufferPointer<ASCIIBits>
    /// A set index every match starts with, or -1.
    let firstSet: Int
    let scalars: UnsafeBufferPointer<Unicode.Scalar>
    let categories: UnsafeBufferPointer<UInt8>
    /// The text is `lower..<upper`: anchors and lookbehind see nothing outside it.
    let lower: Int
    let upper: Int
    /// Where the current search began, for `\G`.
    var searchStart = 0

    /// The first match starting at `from` or later, as Oniguruma's search finds it.
    mutating func firstMatch(from: Int, _ scratch: inout RegexScratch) -> Range<Int>? {
        searchStart = from
        var start = from
        while start <= upper {
            if firstSet >= 0 {
                while start < upper && !inSet(firstSet, start) { start += 1 }
                if start == upper { return nil }
            }
            let end = execute(0, start, requiredEnd: -1, &scratch)
            if end >= 0 { return start..<end }
            start += 1
        }
        return nil
    }

    /// Runs the code from `startPC` at `startPos`; returns where it matched, or -1. With `requiredEnd`
    /// >= 0 only a match ending there counts (a lookbehind body).
    private func execute(_ startPC: Int, _ startPos: Int, requiredEnd: Int, _ s: inout RegexScratch) -> Int {
        let base = s.stack.count
        var pc = startPC
        var pos = startPos
        while true {
            var ok = true
            switch code[pc] {
            case .scalar(let value):
                if pos < upper && scalars[pos].value == value {
                    pos += 1
                    pc += 1
                } else {
                    ok = false
                }
            case .scalarFolded(let value):
                if pos < upper && CaseFolding.fold(scalars[pos].value) == value {
                    pos += 1
                    pc += 1
                } else {
                    ok = false
                }
            case .set(let k):
                if inSet(Int(k), pos) {
                    pos += 1
                    pc += 1
                } else {
                    ok = false
                }
            case .repeatSet(let k, let minCount, let maxCount, let possessive):
                let limit = maxCount < 0 ? upper : min(upper, pos + Int(maxCount))
                var end = pos
                while end < limit && inSet(Int(k), end) { end += 1 }
                if end - pos < Int(minCount) {
                    ok = false
                } else {
                    if !possessive && end - pos > Int(minCount) {
                        s.stack.append(BacktrackEntry(pc: Int32(pc + 1), pos: Int32(end), low: Int32(pos) + minCount))
                    }
                    pos = end
                    pc += 1
                }
            case .split(let first, let second, let guardFirst, let guardSecond):
                let tryFirst = guardFirst < 0 || inSet(Int(guardFirst), pos)
                let trySecond = guardSecond < 0 || inSet(Int(guardSecond), pos)
                if tryFirst {
                    if trySecond { s.stack.append(BacktrackEntry(pc: second, pos: Int32(pos))) }
                    pc = Int(first)
                } else if trySecond {
                    pc = Int(second)
                } else {
                    ok = false
                }
            case .jump(let target): pc = Int(target)
            case .anchor(let anchor):
                if holds(anchor, pos) { pc += 1 } else { ok = false }
            case .markStack(let r):
                s.registers[Int(r)] = s.stack.count
                pc += 1
            case .cutStack(let r):
                s.stack.removeSubrange(s.registers[Int(r)]...)
                pc += 1
            case .markPosition(let r):
                s.stack.append(BacktrackEntry(pc: -1 - r, pos: Int32(s.registers[Int(r)])))
                s.registers[Int(r)] = pos
                pc += 1
            case .exitIfEmpty(let r, let exit): pc = s.registers[Int(r)] == pos ? Int(exit) : pc + 1
            case .look(let behind, let negated, let minLength, let maxLength, let next):
                let matched =
                    behind
                    ? lookBehind(pc + 1, pos, Int(minLength), Int(maxLength), &s)
                    : execute(pc + 1, pos, requiredEnd: -1, &s) >= 0
                if matched != negated { pc = Int(next) } else { ok = false }
            case .match:
                if requiredEnd < 0 || pos == requiredEnd {
                    s.stack.removeSubrange(base...)
                    return pos
                }
                ok = false
            }
            if ok { continue }
            while true {
                guard s.stack.count > base else { return -1 }
                let entry = s.stack.removeLast()
                if entry.pc < 0 {
                    s.registers[Int(-1 - entry.pc)] = Int(entry.pos)
                    continue
                }
                pc = Int(entry.pc)
                pos = Int(entry.pos)
                if entry.low >= 0 {
                    pos -= 1
                    if pos > Int(entry.low) {
                        s.stack.append(BacktrackEntry(pc: entry.pc, pos: Int32(pos), low: entry.low))
                    }
                }
                break
            }
        }
    }

    /// Whether the body at `pc` matches some text ending exactly at `pos`.
    private func lookBehind(_ pc: Int, _ pos: Int, _ minLength: Int, _ maxLength: Int, _ s: inout RegexScratch) -> Bool
    {
        let earliest = maxLength < 0 ? lower : max(lower, pos - maxLength)
        var start = pos - minLength
        while start >= earliest {
            if execute(pc, start, requiredEnd: pos, &s) >= 0 { return true }
            start -= 1
        }
        return false
    }

    /// Whether there is a scalar at `pos` and it is in set `k`.
    @inline(__always)
    private func inSet(_ k: Int, _ pos: Int) -> Bool {
        guard pos < upper else { return false }
        let value = scalars[pos].value
        let table = bits[k]
        if value < 128 { return table.containsASCII(value) }
        return !table.asciiOnly && sets[k].containsAboveASCII(value, categories[pos])
    }

    private func holds(_ anchor: RegexAnchor, _ pos: Int) -> Bool {
        switch anchor {
        case .lineStart: return pos == lower || scalars[pos - 1] == "\n"
        case .lineEnd: return pos == upper || scalars[pos] == "\n"
        case .textStart: return pos == lower
        case .textEnd: return pos == upper
        case .textEndBeforeNewline: return pos == upper || (pos == upper - 1 && scalars[pos] == "\n")
        case .wordBoundary: return isWord(pos - 1) != isWord(pos)
        case .notWordBoundary: return isWord(pos - 1) == isWord(pos)
        case .searchStart: return pos == searchStart
        }
    }

    private func isWord(_ pos: Int) -> Bool {
        guard pos >= lower && pos < upper else { return false }
        return BinaryProperty.isWord(scalars[pos].value, categories[pos])
    }
}
