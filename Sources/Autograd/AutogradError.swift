// Errors raised by tensor ops: they name the op and the shapes involved, so a mistake reads as a
// sentence, never as a crash inside BLAS.

/// A mistake in how an op was called.
public enum AutogradError: Error, CustomStringConvertible, Equatable {
    /// Two operands whose shapes do not fit together.
    case shapeMismatch(op: String, lhs: [Int], rhs: [Int], detail: String)
    /// An argument outside what the op accepts.
    case invalidArgument(op: String, detail: String)
    /// `backward()` called on something it cannot start from.
    case backward(detail: String)

    public var description: String {
        switch self {
        case let .shapeMismatch(op, lhs, rhs, detail):
            return "\(op): shapes \(lhs) and \(rhs) do not fit: \(detail)"
        case let .invalidArgument(op, detail):
            return "\(op): \(detail)"
        case let .backward(detail):
            return "backward: \(detail)"
        }
    }
}
