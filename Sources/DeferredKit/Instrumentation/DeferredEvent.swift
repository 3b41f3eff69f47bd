/// One thing that happened to one chain. The runtime hands these to the installed
/// ``DeferredObserver``; fields that do not apply to a kind keep their defaults.
///
/// Every event of a chain carries a ``sequence`` number that grows by one per event of that chain,
/// so an observer can join a registry snapshot (which records the last sequence it reflects) to the
/// events that follow it without losing or repeating any.
public struct DeferredEvent: Sendable {
    /// What happened.
    public enum Kind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
        /// The Deferred was created. Carries `label`, `site` (creation) and `thread`.
        case created = 0
        /// A step was added. Carries `stepIndex`, `stepKind`, `label` (the step's) and `site`.
        case stepAdded = 1
        /// `callback`/`errback` gave the Deferred its result. Carries `outcome`, `site` (the caller),
        /// and `other` when another chain fired it (`chainDeferred`, a combinator).
        case fired = 2
        /// A step finished (or was passed by). Carries `stepIndex`, `stepKind`, `duration`,
        /// `outcome` (the chain's result after it), the `skipped` and `returnedDeferred` flags, and
        /// `other` when it returned a Deferred.
        case stepRan = 3
        /// The chain started waiting on the Deferred in `other` (a step returned it).
        case waiting = 4
        /// The chain got the result of the Deferred in `other` it was waiting on. Carries `outcome`.
        case resumed = 5
        /// `pause()` was called. Carries `site`.
        case paused = 6
        /// `unpause()` was called. Carries `site`.
        case unpaused = 7
        /// `cancel()` reached this Deferred. Carries `site` (`other` when forwarded from a waiter).
        case cancelled = 8
        /// `addTimeout` armed a timer. Carries `timeoutSeconds`; see ``deadline``.
        case timeoutArmed = 9
        /// An armed timeout expired and is cancelling the Deferred. Carries `timeoutSeconds`.
        case timedOut = 10
        /// A second `callback`/`errback` was attempted. Carries `site`.
        case alreadyCalled = 11
        /// The chain was released with a failure nobody handled. Carries `outcome`.
        case unhandledFailure = 12
        /// The last handle went away. Carries `outcome` (nil if it never had a result) and the
        /// `everFired` flag.
        case released = 13

        /// The kind's name in camel case (`stepRan`).
        public var description: String {
            switch self {
            case .created: return "created"
            case .stepAdded: return "stepAdded"
            case .fired: return "fired"
            case .stepRan: return "stepRan"
            case .waiting: return "waiting"
            case .resumed: return "resumed"
            case .paused: return "paused"
            case .unpaused: return "unpaused"
            case .cancelled: return "cancelled"
            case .timeoutArmed: return "timeoutArmed"
            case .timedOut: return "timedOut"
            case .alreadyCalled: return "alreadyCalled"
            case .unhandledFailure: return "unhandledFailure"
            case .released: return "released"
            }
        }
    }

    /// Yes/no facts about an event.
    public struct Flags: OptionSet, Sendable, Hashable {
        /// The raw bits.
        public let rawValue: UInt8
        /// Creates flags from raw bits.
        public init(rawValue: UInt8) { self.rawValue = rawValue }

        /// `stepRan`: the step did not apply to the result (a callback met a failure, or the
        /// reverse) and the result passed it by.
        public static let skipped = Flags(rawValue: 1 << 0)
        /// `stepRan`: the step returned a Deferred (its id is in `other`).
        public static let returnedDeferred = Flags(rawValue: 1 << 1)
        /// `released`: the Deferred had been given a result at some point.
        public static let everFired = Flags(rawValue: 1 << 2)
        /// `stepRan`, `fired`: the failure was handed over to another chain that now owns it.
        public static let failureTaken = Flags(rawValue: 1 << 3)
        /// `cancelled`: the cancellation came from a monitor (for example deferscope's cancel
        /// command) rather than from the program.
        public static let fromMonitor = Flags(rawValue: 1 << 4)
    }

    /// What happened.
    public var kind: Kind
    /// The chain it happened to.
    public var id: DeferredID
    /// This chain's event counter: 1 for `created`, then one more per event.
    public var sequence: UInt32
    /// When, in nanoseconds of the monotonic clock (see ``DeferredInstrumentation/now()``), read
    /// at the kernel's tick resolution (a few milliseconds): cheap, and never decreasing along one
    /// chain. Step durations (``duration``) are measured exactly.
    public var timestamp: UInt64
    /// Where in the program, when the kind records a call site.
    public var site: CallSite = .unknown
    /// The chain's label (`created`) or the step's label (`stepAdded`).
    public var label: String? = nil
    /// The step's position on the chain, from 0; -1 when not about a step.
    public var stepIndex: Int = -1
    /// The step's kind, for `stepAdded` and `stepRan`.
    public var stepKind: StepKind? = nil
    /// How long the step ran, in nanoseconds, measured exactly (`stepRan`).
    public var duration: UInt64 = 0
    /// The result involved, for `fired`, `stepRan`, `resumed`, `unhandledFailure`, `released`.
    public var outcome: OutcomeSummary? = nil
    /// The other chain involved: waited on, resumed from, returned by a step, or that fired this one.
    public var other: DeferredID? = nil
    /// The timeout, in seconds (`timeoutArmed`, `timedOut`).
    public var timeoutSeconds: Double = 0
    /// The thread that created the chain (`created`): `pthread_self()` as a number.
    public var thread: UInt64 = 0
    /// Yes/no facts; see ``Flags``.
    public var flags: Flags = []

    /// Creates an event; the kind-specific fields are set afterwards.
    public init(kind: Kind, id: DeferredID, sequence: UInt32, timestamp: UInt64) {
        self.kind = kind
        self.id = id
        self.sequence = sequence
        self.timestamp = timestamp
    }

    /// For `timeoutArmed`: when the timer expires, on the same clock as ``timestamp``.
    public var deadline: UInt64 {
        timestamp &+ UInt64(max(0, timeoutSeconds) * 1_000_000_000)
    }
}
