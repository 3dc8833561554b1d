// Errors of the rollout and metrics logs: always the file, then where in it (byte offset, frame or line).

/// A problem reading or writing a log file.
public enum RolloutLogError: Error, CustomStringConvertible, Equatable {
    /// `path`: what is wrong, with the byte offset, frame or line in the text.
    case file(String, String)
    /// A mistake in how the log was called.
    case usage(String)

    public var description: String {
        switch self {
        case let .file(path, detail): return "\(path): \(detail)"
        case let .usage(detail): return detail
        }
    }
}
