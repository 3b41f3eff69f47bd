/// A cycle in the wait-for graph: each member waits on the next, the last on the first.
public struct Deadlock: Sendable, Equatable {
    /// The Deferreds in the cycle, starting with the one whose new edge closed it.
    public var members: [UInt64]
    /// When the cycle formed (monotonic ns).
    public var detectedAt: UInt64

    /// Creates a deadlock record.
    public init(members: [UInt64], detectedAt: UInt64) {
        self.members = members
        self.detectedAt = detectedAt
    }
}
