/// Counters the header and the statistics view show, kept as events arrive.
public struct ModelStatistics: Sendable, Equatable {
    /// Tracked Deferreds per status (live ones; released ones are in ``releasedCount``).
    public internal(set) var countsByStatus = [Int](repeating: 0, count: DeferredStatusKind.allCases.count)
    /// Released Deferreds still kept.
    public internal(set) var releasedCount = 0
    /// Deferreds created, per second.
    public internal(set) var creations = RateSeries()
    /// Deferreds given a result, per second.
    public internal(set) var fires = RateSeries()
    /// Events applied, per second.
    public internal(set) var eventRate = RateSeries()
    /// How long steps ran (ns).
    public internal(set) var stepDurations = LogHistogram()
    /// How long Deferreds lived, creation to release (ns).
    public internal(set) var lifetimes = LogHistogram()
    /// Events applied since the picture started.
    public internal(set) var eventsApplied: UInt64 = 0
    /// Events that named a Deferred the model did not know (created before a snapshot that missed
    /// it, or from a newer agent); they are ignored.
    public internal(set) var unknownDeferredEvents: UInt64 = 0
    /// Deferreds in the picture holding a failure that nothing will handle (live, or released so
    /// and still kept).
    public internal(set) var unhandledCount = 0
    /// Deferreds in the picture that timed out.
    public internal(set) var timedOutCount = 0

    /// Live Deferreds with this status.
    public func count(_ status: DeferredStatusKind) -> Int {
        countsByStatus[Int(status.rawValue)]
    }

    /// Live Deferreds not yet settled (pending, paused, waiting or running).
    public var unsettledCount: Int {
        count(.pending) + count(.paused) + count(.waiting) + count(.running)
    }

    /// Live Deferreds.
    public var liveCount: Int { countsByStatus.reduce(0, +) }
}
