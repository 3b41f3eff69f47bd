/// Where a chain is in its life.
@usableFromInline
enum _Phase: Sendable {
    /// No result yet. `chainedTo` is the chain that `chainDeferred` will fire this one from (0 if
    /// none), for the description.
    case pending(canceller: _Canceller?, chainedTo: UInt64)
    /// A step returned this other chain, which has no result yet; Twisted keeps the waiter's
    /// result slot pointing at it, and so do we (a waiter keeps what it waits on alive).
    case waiting(_Chain)
    /// A result is here (it may still be paused by the program).
    case done(_Outcome)
}

/// Everything about a chain that changes, guarded by the chain's lock.
@usableFromInline
struct _ChainState: Sendable {
    var phase: _Phase
    var steps = _StepQueue()
    /// `pause()` calls not yet matched by `unpause()`.
    var userPauses: UInt32 = 0
    /// The number of the last event emitted for this chain.
    var sequence: UInt32 = 0
    /// Visible steps ever added, and those taken off the queue; the next of each is its index.
    var stepsAdded: UInt32 = 0
    var stepsRun: UInt32 = 0
    /// A thread is running this chain's steps (the token that keeps them in order).
    var running = false
    /// `cancel()` without a canceller: swallow the first later fire (Twisted's rule).
    var suppressAlreadyCalled = false
    /// The current failure was handed to another chain, which now owns it.
    var failureTaken = false
    /// Cancelling only runs the canceller; no `CancelledError` is added (Twisted's DeferredList).
    var cancelForwardsOnly = false
    /// A result was given at some point.
    var everFired = false
    /// The latest armed timeout: when it was armed (ns) and its length; 0 seconds when none.
    var timeoutArmedAt: UInt64 = 0
    var timeoutSeconds: Double = 0
    /// The index of the `.timeout` step of the armed timeout, to disarm the right one.
    var timeoutStepIndex: UInt32 = 0

    init(phase: _Phase, cancelForwardsOnly: Bool = false) {
        self.phase = phase
        self.cancelForwardsOnly = cancelForwardsOnly
        if case .done = phase { everFired = true }
    }

    var isCalled: Bool {
        if case .pending = phase { return false }
        return true
    }

    var isWaiting: Bool {
        if case .waiting = phase { return true }
        return false
    }

    /// The result, when the chain has one (not while it waits on another chain).
    var outcome: _Outcome? {
        if case .done(let outcome) = phase { return outcome }
        return nil
    }

    /// Whether a thread should start running steps now (the caller then sets `running`).
    var isRunnable: Bool {
        guard !running, userPauses == 0, !steps.isEmpty else { return false }
        if case .done = phase { return true }
        return false
    }
}
