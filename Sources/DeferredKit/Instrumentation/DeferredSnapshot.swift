/// The state of one live chain at one instant, as a registry walk sees it. Together with the
/// events whose ``DeferredEvent/sequence`` is greater than ``sequence``, it gives the whole story.
public struct DeferredSnapshot: Sendable {
    /// Where the chain is in its life.
    public enum Phase: Sendable, Equatable {
        /// No result yet.
        case pending
        /// A step returned another Deferred, which has no result yet.
        case waiting(on: DeferredID)
        /// The current result is a value.
        case succeeded
        /// The current result is a failure.
        case failed
    }

    /// A step not yet run.
    public struct Step: Sendable {
        /// Its position on the chain, from 0.
        public let index: Int
        /// What it is.
        public let kind: StepKind
        /// The label given when it was added.
        public let label: String?
        /// Where it was added.
        public let site: CallSite
        /// The Deferred it feeds: a `chainDeferred` target, or the `deferredList`, `gatherResults`
        /// or `race` it is an input of.
        public let feeds: DeferredID?

        /// Creates a step description.
        public init(index: Int, kind: StepKind, label: String?, site: CallSite, feeds: DeferredID? = nil) {
            self.index = index
            self.kind = kind
            self.label = label
            self.site = site
            self.feeds = feeds
        }
    }

    /// The chain.
    public var id: DeferredID
    /// The sequence number of the last event this snapshot reflects (0: none yet).
    public var sequence: UInt32
    /// Its label.
    public var label: String?
    /// Where it was created.
    public var site: CallSite
    /// When it was created (ns, ``DeferredInstrumentation/now()``'s clock).
    public var createdAt: UInt64
    /// The thread that created it.
    public var thread: UInt64
    /// Where it is in its life.
    public var phase: Phase
    /// The current result's kind and type (never its description: a walk runs no program code).
    public var outcome: OutcomeSummary?
    /// `pause()` calls not yet matched by `unpause()`.
    public var userPauses: Int
    /// A thread is running its steps right now.
    public var isRunning: Bool
    /// The Deferred whose `chainDeferred` will fire this one, while it has no result.
    public var chainedTo: DeferredID?
    /// Steps already run (or passed by).
    public var stepsRun: Int
    /// Steps not yet run, in order.
    public var pendingSteps: [Step]
    /// Chains waiting on this one (their hand-off is queued on it).
    public var waiters: [DeferredID]
    /// The armed timeout, if any: its length in seconds and when it was armed (ns).
    public var timeoutSeconds: Double?
    /// When the armed timeout was armed (ns); 0 when none.
    public var timeoutArmedAt: UInt64
    /// Whether it has a canceller that has not run.
    public var hasCanceller: Bool
    /// Whether it was ever given a result.
    public var everFired: Bool
    /// Whether its current failure was taken over by another chain (one waiting on it,
    /// `chainDeferred`, `value`, a list with `consumeErrors`): then it is that chain's to handle.
    public var failureTaken: Bool

    /// Creates a snapshot; the registry walk fills it in.
    public init(id: DeferredID, sequence: UInt32, label: String?, site: CallSite, createdAt: UInt64, thread: UInt64) {
        self.id = id
        self.sequence = sequence
        self.label = label
        self.site = site
        self.createdAt = createdAt
        self.thread = thread
        self.phase = .pending
        self.outcome = nil
        self.userPauses = 0
        self.isRunning = false
        self.chainedTo = nil
        self.stepsRun = 0
        self.pendingSteps = []
        self.waiters = []
        self.timeoutSeconds = nil
        self.timeoutArmedAt = 0
        self.hasCanceller = false
        self.everFired = false
        self.failureTaken = false
    }

    /// When the armed timeout expires (ns), if one is armed.
    public var timeoutDeadline: UInt64? {
        guard let seconds = timeoutSeconds else { return nil }
        return timeoutArmedAt &+ UInt64(max(0, seconds) * 1_000_000_000)
    }
}
