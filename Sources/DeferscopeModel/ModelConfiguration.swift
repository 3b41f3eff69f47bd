/// What the model keeps and when it warns. A value: the dashboard builds one from its options.
public struct ModelConfiguration: Sendable, Equatable {
    /// How long a released Deferred stays visible (detail view, errors), in nanoseconds.
    public var finishedRetention: UInt64
    /// The most released Deferreds kept; the oldest go first.
    public var finishedLimit: Int
    /// The most warnings kept in ``DeferscopeModel/warnings``; the oldest go first.
    public var warningLimit: Int
    /// The most deadlocks kept in ``DeferscopeModel/deadlocks``; the oldest go first.
    public var deadlockLimit: Int
    /// The most recent events kept for the Events view and the timelines (a ring).
    public var eventLogCapacity: Int
    /// The most events one Deferred's timeline lists.
    public var timelineLimit: Int
    /// The most steps one Deferred keeps in detail (later steps are only counted).
    public var stepLimit: Int
    /// The most Deferreds one cycle search visits (a bigger graph is not searched further).
    public var cycleSearchLimit: Int
    /// The most hops the "why is it stuck" walk takes.
    public var stuckWalkLimit: Int
    /// The most sorts other than the lists' natural orders kept indexed at once (each costs 16 to
    /// 48 bytes per row of its list); beyond it the least recently read index is dropped.
    public var columnIndexLimit: Int
    /// When the model warns.
    public var thresholds: WarningThresholds

    /// Creates a configuration; the defaults suit a live dashboard.
    public init(
        finishedRetention: UInt64 = 30_000_000_000,
        finishedLimit: Int = 10_000,
        warningLimit: Int = 1_000,
        deadlockLimit: Int = 100,
        eventLogCapacity: Int = 1 << 18,
        timelineLimit: Int = 256,
        stepLimit: Int = 1_024,
        cycleSearchLimit: Int = 4_096,
        stuckWalkLimit: Int = 64,
        columnIndexLimit: Int = 3,
        thresholds: WarningThresholds = WarningThresholds()
    ) {
        self.finishedRetention = finishedRetention
        self.finishedLimit = max(0, finishedLimit)
        self.warningLimit = max(1, warningLimit)
        self.deadlockLimit = max(1, deadlockLimit)
        self.eventLogCapacity = max(1, eventLogCapacity)
        self.timelineLimit = max(1, timelineLimit)
        self.stepLimit = max(1, stepLimit)
        self.cycleSearchLimit = max(2, cycleSearchLimit)
        self.stuckWalkLimit = max(1, stuckWalkLimit)
        self.columnIndexLimit = max(0, columnIndexLimit)
        self.thresholds = thresholds
    }
}

/// The thresholds of the time-based warnings. A warning fires when a value is strictly above its
/// threshold (a Deferred pending exactly 10 s with a 10 s threshold is not yet warned about).
public struct WarningThresholds: Sendable, Equatable {
    /// A Deferred without a result and without an armed timeout for longer than this (ns).
    public var pendingWithoutTimeout: UInt64
    /// A step that ran longer than this (ns).
    public var slowStep: UInt64

    /// Creates thresholds; the defaults are 10 s pending and 100 ms per step.
    public init(pendingWithoutTimeout: UInt64 = 10_000_000_000, slowStep: UInt64 = 100_000_000) {
        self.pendingWithoutTimeout = pendingWithoutTimeout
        self.slowStep = slowStep
    }
}
