/// What an event says about a result: success or failure, the value's or error's type, and (only
/// when the observer asked for it) a short description. Values themselves are never kept.
public struct OutcomeSummary: Sendable, CustomStringConvertible {
    /// Whether the result is a failure.
    public let isFailure: Bool
    /// The dynamic type of the value or error.
    public let type: any Any.Type
    /// `String(describing:)` of the value or error, cut to 160 characters; nil unless the observer
    /// set ``DeferredObserver/wantsValueDescriptions``.
    public let valueDescription: String?

    /// Creates a summary.
    public init(isFailure: Bool, type: any Any.Type, valueDescription: String?) {
        self.isFailure = isFailure
        self.type = type
        self.valueDescription = valueDescription
    }

    /// The type's name without its module (`TimeoutError`, `Int`, `Array<String>`).
    public var typeName: String { _typeName(type, qualified: false) }

    /// `failure TimeoutError` or `success Int`.
    public var description: String { (isFailure ? "failure " : "success ") + typeName }

    /// The longest description an event carries.
    public static let maximumDescriptionLength = 160
}
