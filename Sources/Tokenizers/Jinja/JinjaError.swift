// Errors of a Jinja template, parsing or rendering: they name the template (its file, or what held it)
// and the line:column of the tag or expression that failed.

/// A template that does not parse, or fails while rendering (including its own `raise_exception`).
public struct JinjaError: Error, CustomStringConvertible, Equatable {
    /// The template's file, or a description of where its text came from.
    public let template: String
    /// 1-based line of the failing tag or expression.
    public let line: Int
    /// 1-based column (in characters) of the failing tag or expression.
    public let column: Int
    /// What failed.
    public let message: String

    /// Makes an error at `line`:`column` of `template`.
    public init(template: String, line: Int, column: Int, _ message: String) {
        self.template = template
        self.line = line
        self.column = column
        self.message = message
    }

    public var description: String { "\(template):\(line):\(column): \(message)" }
}

/// A failure inside a filter, test or method, which does not know where it was called; the renderer adds the place.
struct JinjaFailure: Error {
    let message: String
    init(_ message: String) { self.message = message }
}
