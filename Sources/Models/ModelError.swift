// Errors reading or building models: always the file, then the field or tensor, then what is wrong.
import Foundation

/// A problem with a model file or its contents.
public enum ModelError: Error, CustomStringConvertible, Equatable {
    /// `path`: what is wrong (field or tensor named in the text).
    case file(String, String)
    /// A mistake in how the model was called.
    case usage(String)

    public var description: String {
        switch self {
        case let .file(path, detail): return "\(path): \(detail)"
        case let .usage(detail): return detail
        }
    }

    /// A decoding error as "field: problem".
    static func describe(_ error: DecodingError) -> String {
        func path(_ context: DecodingError.Context) -> String {
            context.codingPath.map { $0.intValue.map(String.init) ?? $0.stringValue }.joined(separator: ".")
        }
        switch error {
        case let .keyNotFound(key, _): return "\(key.stringValue): missing"
        case let .typeMismatch(type, ctx): return "\(path(ctx)): expected \(type)"
        case let .valueNotFound(type, ctx): return "\(path(ctx)): expected \(type), found null"
        case let .dataCorrupted(ctx):
            return ctx.codingPath.isEmpty ? "not valid JSON" : "\(path(ctx)): \(ctx.debugDescription)"
        @unknown default: return "\(error)"
        }
    }
}
