/// Where a chain is in its life. Results are kept flat (not as a nested `_Outcome`) so that the
/// phase costs one existential and a tag.
@usableFromInline
enum _Phase: Sendable {
    /// No result yet.
    case pending(_Canceller?)
    /// A step returned this other chain, which has no result yet. As in Twisted, the waiter keeps
    /// what it waits on alive.
    case waiting(_Chain)
    /// The current result is a value (the chain may still be paused by the program).
    case succeeded(any Sendable)
    /// The current result is a failure.
    case failed(any Error)

    @inline(__always)
    init(_ outcome: _Outcome) {
        switch outcome {
        case .success(let value): self = .succeeded(value)
        case .failure(let error): self = .failed(error)
        }
    }

    /// The result, when there is one (not while pending or waiting).
    var outcome: _Outcome? {
        switch self {
        case .succeeded(let value): return .success(value)
        case .failed(let error): return .failure(error)
        case .pending, .waiting: return nil
        }
    }
}

/// Yes/no facts about a chain, in one byte.
struct _ChainFlags: OptionSet, Sendable {
    let rawValue: UInt8

    /// A thread is running this chain's steps: the token that keeps them in order.
    static let running = _ChainFlags(rawValue: 1 << 0)
    /// `cancel()` without a canceller: swallow the first later fire (Twisted's rule).
    static let suppressAlreadyCalled = _ChainFlags(rawValue: 1 << 1)
    /// The current failure was handed to another chain, which now owns it.
    static let failureTaken = _ChainFlags(rawValue: 1 << 2)
    /// Cancelling only runs the canceller; no `CancelledError` is added (Twisted's DeferredList).
    static let cancelForwardsOnly = _ChainFlags(rawValue: 1 << 3)
    /// A result was given at some point.
    static let everFired = _ChainFlags(rawValue: 1 << 4)
}

/// Everything about a chain that changes, guarded by the chain's lock. It is laid out to keep a
/// pending Deferred with three steps within 256 bytes (see docs/performance.md): rare data lives
/// in `extras`, allocated when first needed.
@usableFromInline
struct _ChainState: Sendable {
    var phase: _Phase
    var flags: _ChainFlags
    /// `pause()` calls not yet matched by `unpause()`.
    var userPauses: UInt16 = 0
    /// Visible steps taken off the queue, and ever added; the next of each is its index.
    var stepsRun: UInt32 = 0
    var stepsAdded: UInt32 = 0
    /// The number of the last event emitted for this chain.
    var sequence: UInt32 = 0
    var steps = _StepQueue()
    var extras: _ChainExtras?

    init(phase: _Phase, cancelForwardsOnly: Bool = false) {
        self.phase = phase
        var flags: _ChainFlags = cancelForwardsOnly ? [.cancelForwardsOnly] : []
        if phase.outcome != nil {
            flags.insert(.everFired)
        }
        self.flags = flags
    }

    var running: Bool {
        get { flags.contains(.running) }
        set {
            if newValue { flags.insert(.running) } else { flags.remove(.running) }
        }
    }

    var failureTaken: Bool {
        get { flags.contains(.failureTaken) }
        set {
            if newValue { flags.insert(.failureTaken) } else { flags.remove(.failureTaken) }
        }
    }

    var suppressAlreadyCalled: Bool {
        get { flags.contains(.suppressAlreadyCalled) }
        set {
            if newValue { flags.insert(.suppressAlreadyCalled) } else { flags.remove(.suppressAlreadyCalled) }
        }
    }

    var everFired: Bool { flags.contains(.everFired) }

    var cancelForwardsOnly: Bool { flags.contains(.cancelForwardsOnly) }

    var isCalled: Bool {
        if case .pending = phase { return false }
        return true
    }

    var isWaiting: Bool {
        if case .waiting = phase { return true }
        return false
    }

    /// The result, when the chain has one (not while it waits on another chain).
    var outcome: _Outcome? { phase.outcome }

    /// Whether the chain has a result (and is not waiting).
    var hasResult: Bool {
        switch phase {
        case .succeeded, .failed: return true
        case .pending, .waiting: return false
        }
    }

    /// Whether a thread should start running steps now (the caller then sets `running`).
    var isRunnable: Bool {
        !running && userPauses == 0 && !steps.isEmpty && hasResult
    }

    /// Gives the chain a result of its own: it fired, a step produced it, or a chain it waited on
    /// handed it over. Returns the phase it replaces, for the caller to release outside the lock.
    mutating func settle(_ outcome: _Outcome) -> _Phase {
        let previous = phase
        phase = _Phase(outcome)
        failureTaken = false
        return previous
    }

    /// The extras, allocated on first use.
    mutating func extrasForUpdate() -> _ChainExtras {
        if let extras { return extras }
        let created = _ChainExtras()
        extras = created
        return created
    }
}

/// What only some chains need, kept out of the chain object. Guarded by the chain's lock.
final class _ChainExtras: @unchecked Sendable {
    /// The chain whose `chainDeferred` will fire this one (0: none), for "waiting on".
    var chainedTo: UInt64 = 0
    /// The latest armed timeout: when it was armed (ns) and its length; 0 seconds when none.
    var timeoutArmedAt: UInt64 = 0
    var timeoutSeconds: Double = 0
    /// The index of that timeout's conversion step, to disarm the right one.
    var timeoutStepIndex: UInt32 = 0
    /// Labels of the steps that were given one, by step index.
    var stepLabels: [UInt32: String] = [:]
}
