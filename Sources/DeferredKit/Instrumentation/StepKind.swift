/// What a step on a chain is, as the monitor shows it.
public enum StepKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// `addCallback`: runs on success, passes failures through.
    case callback = 0
    /// `addErrback`: runs on failure, passes successes through.
    case errback = 1
    /// `addBoth`: runs on either outcome.
    case both = 2
    /// `addCallbacks`: one of a callback/errback pair runs.
    case callbacks = 3
    /// `chainDeferred`: gives the result to another Deferred.
    case chain = 4
    /// `addTimeout`'s conversion of the cancellation into `TimeoutError`.
    case timeout = 5
    /// `addTimeout`'s disarming of its timer when the result reaches it.
    case timeoutDisarm = 6
    /// `value`: hands the result to an awaiting task.
    case await = 7
    /// Membership in a `deferredList` or `gatherResults`.
    case collect = 8
    /// Membership in a `race`.
    case race = 9

    /// Whether the step runs on a successful result (otherwise the success passes it by).
    @inlinable
    public var runsOnSuccess: Bool { self != .errback }

    /// Whether the step runs on a failure (otherwise the failure passes it by).
    @inlinable
    public var runsOnFailure: Bool { self != .callback }

    /// Whether the step deals with a failure that reaches it: recovers from it, or takes it to
    /// another chain. A failed chain with none of these left has a failure nobody handles.
    @inlinable
    public var handlesFailures: Bool {
        switch self {
        case .callback, .timeout, .timeoutDisarm: return false
        case .errback, .both, .callbacks, .chain, .await, .collect, .race: return true
        }
    }

    /// A short lower-case name: `callback`, `errback`, `both`, …
    public var description: String {
        switch self {
        case .callback: return "callback"
        case .errback: return "errback"
        case .both: return "both"
        case .callbacks: return "callbacks"
        case .chain: return "chain"
        case .timeout: return "timeout"
        case .timeoutDisarm: return "timeout-disarm"
        case .await: return "await"
        case .collect: return "collect"
        case .race: return "race"
        }
    }
}
