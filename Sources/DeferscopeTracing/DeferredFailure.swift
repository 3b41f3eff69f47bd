import DeferredKit

/// The failure a Deferred ended with, as recorded on its span with `recordError`.
///
/// DeferredKit's events never carry the error itself (it may hold secrets, and it is not
/// `Sendable`), only its type and, when asked for, its description; this is that summary. The
/// observer also passes `exception.type` as the original type's name, so a backend shows the
/// Deferred's error type rather than this one.
public struct DeferredFailure: Error, Sendable, CustomStringConvertible {
    /// The error's type name without its module (`TimeoutError`).
    public let typeName: String
    /// `String(describing:)` of the error, when value descriptions were on.
    public let errorDescription: String?

    /// Creates a failure summary.
    public init(typeName: String, errorDescription: String?) {
        self.typeName = typeName
        self.errorDescription = errorDescription
    }

    /// Creates the summary of a failed outcome.
    init(_ outcome: OutcomeSummary) {
        self.init(typeName: outcome.typeName, errorDescription: outcome.valueDescription)
    }

    /// The description when known, else the type name.
    public var description: String { errorDescription ?? typeName }
}
