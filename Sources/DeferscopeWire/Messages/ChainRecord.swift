/// One live Deferred in a snapshot (`DeferredSnapshot` on the wire).
public struct ChainRecord: Sendable, Equatable {
    /// The most pending steps, and the most waiters, one record lists. A chain with more (a
    /// million steps added before it fires) would otherwise make a frame too large to send.
    public static let maximumListed = 4_096

    /// Where the chain is in its life.
    public enum Phase: UInt8, Sendable, Equatable {
        /// No result yet.
        case pending = 0
        /// Waiting on the Deferred in `waitingOn`.
        case waiting = 1
        /// The current result is a value.
        case succeeded = 2
        /// The current result is a failure.
        case failed = 3
    }

    /// A step not yet run.
    public struct Step: Sendable, Equatable {
        /// Its position on the chain.
        public var index: UInt32
        /// Its kind (`StepKind` raw value).
        public var kindRawValue: UInt8
        /// Its label.
        public var label: String?
        /// Where it was added, by site id.
        public var siteID: UInt32
        /// The Deferred it feeds (`chainDeferred` target, list or race); 0 when none.
        public var feeds: UInt64

        /// Creates a step.
        public init(index: UInt32, kindRawValue: UInt8, label: String?, siteID: UInt32, feeds: UInt64) {
            self.index = index
            self.kindRawValue = kindRawValue
            self.label = label
            self.siteID = siteID
            self.feeds = feeds
        }
    }

    /// The chain.
    public var id: UInt64
    /// The last event sequence number this record reflects (0: none yet).
    public var sequence: UInt32
    /// Its label.
    public var label: String?
    /// Where it was created, by site id.
    public var siteID: UInt32
    /// When it was created (monotonic ns).
    public var createdAt: UInt64
    /// Where it is in its life.
    public var phase: Phase
    /// The chain it waits on (phase `.waiting`); 0 otherwise.
    public var waitingOn: UInt64
    /// The current result's kind and type, when it has one.
    public var outcome: WireOutcome?
    /// `pause()` calls not yet matched.
    public var userPauses: UInt32
    /// A thread is running its steps.
    public var isRunning: Bool
    /// The Deferred whose `chainDeferred` will fire it; 0 when none.
    public var chainedTo: UInt64
    /// Steps already run.
    public var stepsRun: UInt32
    /// Steps not yet run, in order.
    public var pendingSteps: [Step]
    /// Pending steps left out of `pendingSteps` (the agent lists at most
    /// `ChainRecord.maximumListed`; the first ones, which are what the chain is waiting to run).
    public var omittedPendingSteps: UInt32
    /// Chains waiting on this one.
    public var waiters: [UInt64]
    /// Waiters left out of `waiters` (the agent lists at most `ChainRecord.maximumListed`).
    public var omittedWaiters: UInt32
    /// The armed timeout's length in seconds; 0 when none.
    public var timeoutSeconds: Double
    /// When it was armed (monotonic ns); 0 when none.
    public var timeoutArmedAt: UInt64
    /// It has a canceller that has not run.
    public var hasCanceller: Bool
    /// It was given a result at some point.
    public var everFired: Bool
    /// Its current failure was taken over by another chain, which is now the one to handle it.
    public var failureTaken: Bool

    /// Creates a record; fields not given are empty.
    public init(
        id: UInt64,
        sequence: UInt32,
        label: String? = nil,
        siteID: UInt32 = 0,
        createdAt: UInt64 = 0,
        phase: Phase = .pending,
        waitingOn: UInt64 = 0,
        outcome: WireOutcome? = nil,
        userPauses: UInt32 = 0,
        isRunning: Bool = false,
        chainedTo: UInt64 = 0,
        stepsRun: UInt32 = 0,
        pendingSteps: [Step] = [],
        omittedPendingSteps: UInt32 = 0,
        waiters: [UInt64] = [],
        omittedWaiters: UInt32 = 0,
        timeoutSeconds: Double = 0,
        timeoutArmedAt: UInt64 = 0,
        hasCanceller: Bool = false,
        everFired: Bool = false,
        failureTaken: Bool = false
    ) {
        self.id = id
        self.sequence = sequence
        self.label = label
        self.siteID = siteID
        self.createdAt = createdAt
        self.phase = phase
        self.waitingOn = waitingOn
        self.outcome = outcome
        self.userPauses = userPauses
        self.isRunning = isRunning
        self.chainedTo = chainedTo
        self.stepsRun = stepsRun
        self.pendingSteps = pendingSteps
        self.omittedPendingSteps = omittedPendingSteps
        self.waiters = waiters
        self.omittedWaiters = omittedWaiters
        self.timeoutSeconds = timeoutSeconds
        self.timeoutArmedAt = timeoutArmedAt
        self.hasCanceller = hasCanceller
        self.everFired = everFired
        self.failureTaken = failureTaken
    }
}
