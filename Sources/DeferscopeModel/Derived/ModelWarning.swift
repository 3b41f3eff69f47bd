/// One warning in the model's list: what, about which Deferred, where and when.
public struct ModelWarning: Sendable, Equatable {
    /// What kind of trouble.
    public var kind: WarningKind
    /// The Deferred.
    public var deferredID: UInt64
    /// The Deferred's creation site, by site id (0: unknown); see ``DeferscopeModel/site(_:)``.
    public var siteID: UInt32
    /// When it was noticed (monotonic ns, the agent's clock).
    public var time: UInt64
    /// What happened, for a person.
    public var message: String

    /// Creates a warning.
    public init(kind: WarningKind, deferredID: UInt64, siteID: UInt32, time: UInt64, message: String) {
        self.kind = kind
        self.deferredID = deferredID
        self.siteID = siteID
        self.time = time
        self.message = message
    }
}
