import DequeModule

/// What the model knows about one creation site (`fileID:line`).
public struct SiteStatistics: Sendable, Equatable {
    /// The site, by id.
    public internal(set) var siteID: UInt32
    /// Deferreds created here and not settled yet.
    public internal(set) var pendingCount: Int = 0
    /// Deferreds created here whose result became a failure (since the picture started).
    public internal(set) var failureCount: Int = 0
    /// Deferreds created here (since the picture started).
    public internal(set) var createdCount: Int = 0
    /// How long the Deferreds created here lived, creation to release (ns), for those released
    /// since the picture started.
    public internal(set) var lifetimes = LogHistogram()
    /// How long the steps of the Deferreds created here ran (ns), skipped steps left out: the
    /// steps are counted under their Deferred's creation site, not the site that added them.
    public internal(set) var stepDurations = LogHistogram()
    /// The unsettled Deferreds of this site in the order they became unsettled, with stale
    /// entries removed lazily (the front is the oldest still pending).
    var pendingOrder: Deque<OrderedIndex<UInt64>.Entry> = []

    init(siteID: UInt32) {
        self.siteID = siteID
    }

    /// When the oldest unsettled Deferred of this site was created (monotonic ns); nil when none.
    public var oldestPendingCreatedAt: UInt64? { pendingCount == 0 ? nil : pendingOrder.first?.key }
}
