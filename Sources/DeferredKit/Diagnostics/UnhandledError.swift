/// A report that a chain was released while its final result was a failure nobody handled
/// (Twisted's "Unhandled error in Deferred").
public struct UnhandledError: Sendable {
    /// The chain.
    public let id: DeferredID
    /// Its label, if it had one.
    public let label: String?
    /// The failure.
    public let error: any Error
    /// Where the chain was created.
    public let createdAt: SourceLocation

    /// Creates a report.
    public init(id: DeferredID, label: String?, error: any Error, createdAt: SourceLocation) {
        self.id = id
        self.label = label
        self.error = error
        self.createdAt = createdAt
    }
}
