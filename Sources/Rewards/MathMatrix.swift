// Matrices and vectors written as LaTeX environments (`pmatrix`, `bmatrix`, `Bmatrix`, `matrix`,
// `smallmatrix`, `array`): rows split at `\\`, entries at `&`, compared entry by entry with the scalar
// checker. A column or row vector also equals a tuple with the same entries in order, as graders accept
// `\begin{pmatrix}1\\2\end{pmatrix}` for `(1, 2)`. `vmatrix` is a determinant, a number, so it is not read.
import Foundation

/// A matrix answer: its entries as written, row by row.
struct MathMatrix: Equatable {
    let rows: [[String]]

    /// The matrix that makes up the whole of `text` (brackets, `$` and `\left(`/`\right)` around it allowed,
    /// a label and a scalar factor before it).
    init?(_ text: String) {
        guard text.contains("\\begin{") else { return nil }
        let environments = ["pmatrix", "bmatrix", "Bmatrix", "matrix", "smallmatrix", "array"]
        guard let name = environments.first(where: { text.contains("\\begin{\($0)}") }),
              let open = text.range(of: "\\begin{\(name)}"),
              let close = text.range(of: "\\end{\(name)}", options: .backwards), open.upperBound <= close.lowerBound
        else { return nil }
        func unsized(_ t: String) -> String { t.replacingOccurrences(of: "\\left", with: "").replacingOccurrences(of: "\\right", with: "") }
        let wrapping = " \n$()[]."
        guard unsized(String(text[close.upperBound...])).allSatisfy({ wrapping.contains($0) }) else { return nil }
        // Before the matrix: a label ("\mathbf{M} =") and a scalar factor ("\frac{1}{2}"), both optional.
        var before = String(text[..<open.lowerBound])
        if let equals = before.range(of: "=", options: .backwards) { before = String(before[equals.upperBound...]) }
        let factor = unsized(before).trimmingCharacters(in: CharacterSet(charactersIn: wrapping))
        guard factor.isEmpty || factor.contains(where: \.isNumber) else { return nil }
        var body = String(text[open.upperBound..<close.lowerBound])
        // `\begin{array}{cc}` carries its column spec first.
        if name == "array", body.hasPrefix("{"), let end = BraceScanner.matchingBrace(in: body, openAt: body.startIndex) {
            body = String(body[body.index(after: end)...])
        }
        let rows = body.components(separatedBy: "\\\\")
            .map { $0.components(separatedBy: "&").map { $0.trimmingCharacters(in: .whitespacesAndNewlines) } }
            .filter { !($0.count == 1 && $0[0].isEmpty) }
        guard !rows.isEmpty, rows.allSatisfy({ $0.count == rows[0].count }),
              rows.allSatisfy({ $0.allSatisfy { !$0.isEmpty } }) else { return nil }
        self.rows = factor.isEmpty ? rows : rows.map { $0.map { "(\(factor))*(\($0))" } }
    }

    /// The entries in order when this is a single row or a single column.
    var vector: [String]? {
        if rows.count == 1 { return rows[0] }
        if rows.allSatisfy({ $0.count == 1 }) { return rows.map { $0[0] } }
        return nil
    }

    /// Whether two matrices have the same shape and equivalent entries.
    func equals(_ other: MathMatrix) -> Bool {
        rows.count == other.rows.count && zip(rows, other.rows).allSatisfy { a, b in
            a.count == b.count && zip(a, b).allSatisfy { MathEquivalence.equivalent($0, $1) }
        }
    }

    /// Whether this vector has the entries of `tuple` (a parenthesised or bracketed tuple or a bare list), in order.
    func equalsTuple(_ tuple: String) -> Bool {
        guard let entries = vector, entries.count > 1 else { return false }
        let elements: [MathAnswer]
        switch MathAnswer.parse(LaTeXNormalizer.normalize(tuple)) {
        case .bracketed(let xs, "(", ")"), .bracketed(let xs, "[", "]"), .list(let xs): elements = xs
        default: return false
        }
        return entries.count == elements.count && zip(entries, elements).allSatisfy { entry, element in
            MathEquivalence.equal(MathAnswer.parse(LaTeXNormalizer.normalize(entry)), element)
        }
    }
}
