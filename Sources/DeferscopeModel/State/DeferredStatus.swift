/// Where a tracked Deferred is in its life, as the views show it.
public enum DeferredStatus: Sendable, Equatable, Hashable {
    /// No result yet, and nobody has given it one.
    case pending
    /// It has a result (or is waiting) but `pause()` holds its steps.
    case paused
    /// A step returned the Deferred with this id, which has no result yet.
    case waiting(on: UInt64)
    /// It has a result and steps are left to run (they are running now, or about to).
    case running
    /// Every step has run and the result is a value.
    case succeeded
    /// Every step has run and the result is a failure.
    case failed

    /// The status without its payload, for counting and filtering.
    public var kind: DeferredStatusKind {
        switch self {
        case .pending: return .pending
        case .paused: return .paused
        case .waiting: return .waiting
        case .running: return .running
        case .succeeded: return .succeeded
        case .failed: return .failed
        }
    }

    /// Whether it has not reached its final result (the Pending view lists exactly these).
    public var isUnsettled: Bool {
        switch self {
        case .pending, .paused, .waiting, .running: return true
        case .succeeded, .failed: return false
        }
    }
}

/// ``DeferredStatus`` without the id it waits on.
public enum DeferredStatusKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// See ``DeferredStatus/pending``.
    case pending = 0
    /// See ``DeferredStatus/paused``.
    case paused = 1
    /// See ``DeferredStatus/waiting(on:)``.
    case waiting = 2
    /// See ``DeferredStatus/running``.
    case running = 3
    /// See ``DeferredStatus/succeeded``.
    case succeeded = 4
    /// See ``DeferredStatus/failed``.
    case failed = 5

    /// The lower-case name the filter language uses (`state:waiting`).
    public var description: String {
        switch self {
        case .pending: return "pending"
        case .paused: return "paused"
        case .waiting: return "waiting"
        case .running: return "running"
        case .succeeded: return "succeeded"
        case .failed: return "failed"
        }
    }
}
