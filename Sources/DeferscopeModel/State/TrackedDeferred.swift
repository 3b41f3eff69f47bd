/// Everything the model knows about one Deferred: live, or released and kept for a while.
///
/// A value of about 128 bytes plus its steps: the model keeps one per Deferred, so rarely used
/// facts (step labels, value descriptions, edges of the wait-for graph) live in side tables.
public struct TrackedDeferred: Sendable, Equatable {
    /// The chain's id.
    public internal(set) var id: UInt64
    /// When it was created (monotonic ns, the agent's clock).
    public internal(set) var createdAt: UInt64
    /// Its label.
    public internal(set) var label: String?
    /// Where it was created, by site id (0: unknown).
    public internal(set) var siteID: UInt32
    /// Steps added so far.
    public internal(set) var stepCount: UInt32
    /// Steps that have run (or been passed by).
    public internal(set) var stepsRun: UInt32
    /// The index of `steps[0]` on the chain (steps before it were run before the model saw them).
    public internal(set) var stepBase: UInt32
    /// `pause()` calls not yet matched by `unpause()`.
    public internal(set) var userPauses: UInt32
    /// The current result's type, by type id (0: none or unknown).
    public internal(set) var outcomeTypeID: UInt32
    /// The snapshot that last listed it.
    var snapshotMark: UInt32
    /// The Deferred a step returned and the chain now waits on; 0 when none.
    public internal(set) var waitingOn: UInt64
    /// When its armed timeout expires (monotonic ns); 0 when none is armed.
    public internal(set) var timeoutDeadline: UInt64
    /// When the last event about it arrived (monotonic ns).
    public internal(set) var lastEventAt: UInt64
    /// When its current result became a failure, or it settled (monotonic ns); 0 when neither.
    public internal(set) var settledAt: UInt64
    /// When it was released (monotonic ns); 0 while it is alive.
    public internal(set) var releasedAt: UInt64
    /// The event log position of its newest event (plus one; 0: none).
    var lastEventLink: UInt64
    /// Its steps from index ``stepBase``, at most ``ModelConfiguration/stepLimit`` of them.
    public internal(set) var steps: [TrackedStep]
    var bits: UInt16
    /// The warnings that apply to it now.
    public internal(set) var warnings: WarningKinds

    static let hasResultBit: UInt16 = 1 << 0
    static let failureBit: UInt16 = 1 << 1
    static let everFiredBit: UInt16 = 1 << 2
    static let failureTakenBit: UInt16 = 1 << 3
    static let releasedBit: UInt16 = 1 << 4
    static let cancelledBit: UInt16 = 1 << 5
    static let timedOutBit: UInt16 = 1 << 6
    static let runningBit: UInt16 = 1 << 7

    init(id: UInt64, createdAt: UInt64, label: String?, siteID: UInt32) {
        self.id = id
        self.createdAt = createdAt
        self.label = label
        self.siteID = siteID
        self.stepCount = 0
        self.stepsRun = 0
        self.stepBase = 0
        self.userPauses = 0
        self.outcomeTypeID = 0
        self.snapshotMark = 0
        self.waitingOn = 0
        self.timeoutDeadline = 0
        self.lastEventAt = createdAt
        self.settledAt = 0
        self.releasedAt = 0
        self.lastEventLink = 0
        self.steps = []
        self.bits = 0
        self.warnings = []
    }

    // MARK: - Facts

    /// Whether it holds a result now (not while it waits on another Deferred).
    public var hasResult: Bool { bits & Self.hasResultBit != 0 }
    /// Whether its current (or last) result is a failure.
    public var isFailure: Bool { bits & Self.failureBit != 0 }
    /// Whether it was ever given a result.
    public var everFired: Bool { bits & Self.everFiredBit != 0 }
    /// Whether its current failure was handed to another Deferred that now owns it.
    public var failureTaken: Bool { bits & Self.failureTakenBit != 0 }
    /// Whether the app released it (it is kept only for a while).
    public var isReleased: Bool { bits & Self.releasedBit != 0 }
    /// Whether `cancel()` reached it.
    public var wasCancelled: Bool { bits & Self.cancelledBit != 0 }
    /// Whether its timeout expired.
    public var timedOut: Bool { bits & Self.timedOutBit != 0 }
    /// Whether a timeout is armed now.
    public var hasTimeout: Bool { timeoutDeadline != 0 }

    /// Where it is in its life.
    public var status: DeferredStatus {
        if waitingOn != 0 { return .waiting(on: waitingOn) }
        if userPauses > 0 { return .paused }
        if !hasResult { return .pending }
        if stepsRun < stepCount || bits & Self.runningBit != 0 { return .running }
        return isFailure ? .failed : .succeeded
    }

    /// How long it has existed at `now` (or lived, once released).
    public func age(at now: UInt64) -> UInt64 {
        let end = releasedAt != 0 ? releasedAt : now
        return end > createdAt ? end - createdAt : 0
    }

    /// The step at chain index `index`, when kept.
    public func step(at index: UInt32) -> TrackedStep? {
        guard index >= stepBase else { return nil }
        let offset = Int(index - stepBase)
        return offset < steps.count ? steps[offset] : nil
    }

    /// Where the step at chain index `index` is.
    public func stepStatus(at index: UInt32) -> TrackedStep.Status {
        if index < stepsRun { return .ran }
        if index == stepsRun, status == .running { return .running }
        return .waiting
    }

    // MARK: - Mutation helpers

    func has(_ bit: UInt16) -> Bool { bits & bit != 0 }

    mutating func set(_ bit: UInt16, _ on: Bool) {
        if on { bits |= bit } else { bits &= ~bit }
    }
}
