import Synchronization

/// The source of chain ids: process-wide, increasing.
let _nextChainID = Atomic<UInt64>(1)

/// One chain of steps: the shared, non-generic object behind every `Deferred<Value>` handle.
///
/// All mutable state sits in `state`, behind one lock. Steps run outside the lock; the `running`
/// flag in the state is the token that lets exactly one thread run a chain's steps at a time.
@usableFromInline
final class _Chain: @unchecked Sendable {
    /// The chain's identity (`DeferredID.rawValue`).
    @usableFromInline
    let id: UInt64
    /// The label given at creation.
    @usableFromInline
    let label: String?
    /// Where it was created.
    let site: CallSite
    /// Whether an observer was installed when it was created: then it is in the registry and
    /// reports every event of its life.
    let observed: Bool
    /// When it was created (ns, monotonic) and on which thread; 0 when unobserved.
    let createdAt: UInt64
    let thread: UInt64
    /// A placeholder used by registry walks to hold their place; never a real chain.
    let isSentinel: Bool

    @usableFromInline
    let state: _Lock<_ChainState>

    /// Links in the registry shard's list, guarded by that shard's lock.
    var registryPrevious: Unmanaged<_Chain>?
    var registryNext: Unmanaged<_Chain>?

    /// Creates a chain with no result.
    @usableFromInline
    init(label: String?, canceller: _Canceller?, site: CallSite, cancelForwardsOnly: Bool = false) {
        self.id = _nextChainID.wrappingAdd(1, ordering: .relaxed).oldValue
        self.label = label
        self.site = site
        self.isSentinel = false
        self.state = _Lock(
            _ChainState(phase: .pending(canceller: canceller, chainedTo: 0), cancelForwardsOnly: cancelForwardsOnly)
        )
        if let observer = _currentObserver() {
            self.observed = true
            self.createdAt = _monotonicNanoseconds()
            self.thread = _currentThreadNumber()
            _register(observer, firedWith: nil)
        } else {
            self.observed = false
            self.createdAt = 0
            self.thread = 0
        }
    }

    /// Creates a chain that already has its result (`succeed`, `fail`).
    @usableFromInline
    init(label: String?, outcome: _Outcome, site: CallSite) {
        self.id = _nextChainID.wrappingAdd(1, ordering: .relaxed).oldValue
        self.label = label
        self.site = site
        self.isSentinel = false
        self.state = _Lock(_ChainState(phase: .done(outcome)))
        if let observer = _currentObserver() {
            self.observed = true
            self.createdAt = _monotonicNanoseconds()
            self.thread = _currentThreadNumber()
            _register(observer, firedWith: outcome)
        } else {
            self.observed = false
            self.createdAt = 0
            self.thread = 0
        }
    }

    /// Creates a registry walk's placeholder.
    init(sentinel: Void) {
        self.id = 0
        self.label = nil
        self.site = .unknown
        self.observed = false
        self.createdAt = 0
        self.thread = 0
        self.isSentinel = true
        self.state = _Lock(_ChainState(phase: .pending(canceller: nil, chainedTo: 0)))
    }

    /// Enters the registry first, then reports `created` (and `fired` for a chain born with a
    /// result): a registry walk that finds the chain before its first event sees sequence 0.
    private func _register(_ observer: _ObserverBox, firedWith outcome: _Outcome?) {
        _DeferredRegistry.insert(self)
        let summary = outcome?.summary(describe: observer.wantsValueDescriptions)
        state.withLock { s in
            _emit(&s, .created, timestamp: createdAt) { event in
                event.label = label
                event.site = site
                event.thread = thread
            }
            if let summary {
                _emit(&s, .fired, timestamp: createdAt) { event in
                    event.site = site
                    event.outcome = summary
                }
            }
        }
    }

    deinit {
        guard !isSentinel else { return }
        if observed {
            // Leave the registry before anything else, so no walk can reach a chain being torn down.
            _DeferredRegistry.remove(self)
        }
        _finalize()
    }
}

extension _Chain {
    /// The `DeferredID` of this chain.
    @usableFromInline
    var deferredID: DeferredID { DeferredID(rawValue: id) }

    /// Delivers one event to the observer. Call with the state locked and only from code that
    /// runs no user code. Bumps the chain's sequence number.
    @inline(__always)
    func _emit(
        _ s: inout _ChainState,
        _ kind: DeferredEvent.Kind,
        timestamp: UInt64 = 0,
        _ fill: (inout DeferredEvent) -> Void = { _ in }
    ) {
        guard observed, let observer = _currentObserver() else { return }
        s.sequence &+= 1
        var event = DeferredEvent(
            kind: kind,
            id: deferredID,
            sequence: s.sequence,
            timestamp: timestamp == 0 ? _monotonicNanoseconds() : timestamp
        )
        fill(&event)
        observer.observer.observe(event)
    }

    /// The summary of `outcome` for an event, computed outside any lock (it may describe the
    /// value), or nil when nobody is watching this chain.
    func _summaryForEvent(_ outcome: _Outcome) -> OutcomeSummary? {
        guard observed, let observer = _currentObserver() else { return nil }
        return outcome.summary(describe: observer.wantsValueDescriptions)
    }

    /// The time for a step's start or end, when someone is watching.
    @inline(__always)
    func _timestampIfObserved() -> UInt64 {
        observed ? _monotonicNanoseconds() : 0
    }
}
