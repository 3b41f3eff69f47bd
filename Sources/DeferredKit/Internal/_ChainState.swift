/// Where a chain is in its life, and also the result type steps pass around (`_Outcome`): the
/// runner moves one value of this type from the chain into a step and back without converting it.
@usableFromInline
enum _Phase: Sendable {
    /// No result yet.
    case pending(_Canceller?)
    /// A step returned this other chain, which has no result yet. As in Twisted, the waiter keeps
    /// what it waits on alive. As a step's output: the step returned this Deferred.
    case waiting(_Chain)
    /// The current result is a value (the chain may still be paused by the program).
    case success(any Sendable)
    /// The current result is a failure.
    case failure(any Error)

    /// The result, when there is one (not while pending or waiting).
    var outcome: _Phase? {
        switch self {
        case .success, .failure: return self
        case .pending, .waiting: return nil
        }
    }

    @inlinable
    var isFailure: Bool {
        if case .failure = self { return true }
        return false
    }

    /// `isFailure` for a phase held in the locked state, without copying it.
    var holdsFailure: Bool {
        mutating get {
            if case .failure = self { return true }
            return false
        }
    }

    /// Whether this is `.waiting`. A `mutating get` with no binding, so that asking copies nothing.
    var isWaiting: Bool {
        mutating get {
            if case .waiting = self { return true }
            return false
        }
    }

    /// The chain a step returned (the `.waiting` case).
    var waitingChain: _Chain? {
        mutating get {
            if case .waiting(let chain) = self { return chain }
            return nil
        }
    }
}

/// A result: `.success` or `.failure`.
@usableFromInline
typealias _Outcome = _Phase

/// What a user step produced: `.success`, `.failure`, or `.waiting` on the Deferred it returned.
@usableFromInline
typealias _StepOutput = _Phase

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
    /// `phase` is `.success` or `.failure`. Kept beside the phase so that the hot path can ask
    /// without copying the enum; every write of `phase` goes through `settle`, `beginWaiting` or
    /// the initializer, which keep the two in step.
    static let hasResult = _ChainFlags(rawValue: 1 << 5)
    /// `phase` is `.waiting`.
    static let waiting = _ChainFlags(rawValue: 1 << 6)
}

/// Everything about a chain that changes, guarded by the chain's lock. It is laid out to keep a
/// pending Deferred with three steps within 256 bytes (see docs/performance.md): rare data lives
/// in `extras`, allocated when first needed.
///
/// The struct holds an existential, which makes it address-only: a non-mutating accessor called
/// on the locked `inout` state makes the optimizer copy all of it first. Its accessors are
/// therefore `mutating get`, which passes the state by address.
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

    init(pending canceller: _Canceller?, cancelForwardsOnly: Bool) {
        self.phase = .pending(canceller)
        self.flags = cancelForwardsOnly ? [.cancelForwardsOnly] : []
    }

    init(result: _Outcome) {
        self.phase = result
        self.flags = [.everFired, .hasResult]
    }

    var running: Bool {
        mutating get { flags.contains(.running) }
        set {
            if newValue { flags.insert(.running) } else { flags.remove(.running) }
        }
    }

    var failureTaken: Bool {
        mutating get { flags.contains(.failureTaken) }
        set {
            if newValue { flags.insert(.failureTaken) } else { flags.remove(.failureTaken) }
        }
    }

    var suppressAlreadyCalled: Bool {
        mutating get { flags.contains(.suppressAlreadyCalled) }
        set {
            if newValue { flags.insert(.suppressAlreadyCalled) } else { flags.remove(.suppressAlreadyCalled) }
        }
    }

    var everFired: Bool {
        mutating get { flags.contains(.everFired) }
    }

    var cancelForwardsOnly: Bool {
        mutating get { flags.contains(.cancelForwardsOnly) }
    }

    var isCalled: Bool {
        mutating get { !flags.isDisjoint(with: [.hasResult, .waiting]) }
    }

    var isWaiting: Bool {
        mutating get { flags.contains(.waiting) }
    }

    /// The result, when the chain has one (not while it waits on another chain).
    var outcome: _Outcome? {
        mutating get { phase.outcome }
    }

    /// Whether the chain has a result (and is not waiting).
    var hasResult: Bool {
        mutating get { flags.contains(.hasResult) }
    }

    /// Whether a thread should start running steps now (the caller then sets `running`).
    var isRunnable: Bool {
        mutating get {
            flags.isDisjoint(with: .running) && flags.contains(.hasResult) && userPauses == 0 && !steps.isEmpty
        }
    }

    /// Gives the chain a result of its own: it fired, a step produced it, or a chain it waited on
    /// handed it over. The phase it replaces comes back in `outcome`, for the caller to release
    /// outside the lock. Swapping (rather than assigning) moves the existential instead of copying it.
    mutating func settle(swapping outcome: inout _Outcome) {
        swap(&phase, &outcome)
        flags.remove([.failureTaken, .waiting])
        flags.insert(.hasResult)
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
