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
    /// Where it was created.
    let site: CallSite
    /// Whether an observer was installed at creation, and whether this is a walk's placeholder.
    private let traits: _ChainTraits
    /// When it was created (ns, monotonic); 0 when unobserved.
    let createdAt: UInt64
    /// The label given at creation, boxed so that unlabeled chains pay one word for it.
    private let labelBox: _LabelBox?

    /// Links in the registry shard's list, guarded by that shard's lock.
    var registryPrevious: Unmanaged<_Chain>?
    var registryNext: Unmanaged<_Chain>?

    @usableFromInline
    let state: _Lock<_ChainState>

    /// Creates a chain with no result.
    @usableFromInline
    init(label: String?, canceller: _Canceller?, site: CallSite, cancelForwardsOnly: Bool = false) {
        self.id = _nextChainID.wrappingAdd(1, ordering: .relaxed).oldValue
        self.site = site
        self.labelBox = label.map(_LabelBox.init)
        self.registryPrevious = nil
        self.registryNext = nil
        self.state = _Lock(_ChainState(pending: canceller, cancelForwardsOnly: cancelForwardsOnly))
        if _isObserving() {
            self.traits = .observed
            self.createdAt = _coarseNanoseconds()
            _DeferredRegistry.insert(self)
            if _eventsWanted() {
                _reportCreated()
            }
        } else {
            self.traits = []
            self.createdAt = 0
        }
    }

    /// Creates a chain that already has its result (`succeed`, `fail`).
    @usableFromInline
    init(label: String?, outcome: _Outcome, site: CallSite) {
        self.id = _nextChainID.wrappingAdd(1, ordering: .relaxed).oldValue
        self.site = site
        self.labelBox = label.map(_LabelBox.init)
        self.registryPrevious = nil
        self.registryNext = nil
        self.state = _Lock(_ChainState(result: outcome))
        if _isObserving() {
            self.traits = .observed
            self.createdAt = _coarseNanoseconds()
            _DeferredRegistry.insert(self)
            if _eventsWanted() {
                _reportCreated(firedWith: outcome)
            }
        } else {
            self.traits = []
            self.createdAt = 0
        }
    }

    /// Creates a registry walk's placeholder.
    init(sentinel: Void) {
        self.id = 0
        self.site = .unknown
        self.labelBox = nil
        self.traits = .sentinel
        self.createdAt = 0
        self.registryPrevious = nil
        self.registryNext = nil
        self.state = _Lock(_ChainState(pending: nil, cancelForwardsOnly: false))
    }

    // An observed chain enters the registry first, then reports `created` (and `fired` for a chain
    // born with a result): a registry walk that finds the chain before its first event sees
    // sequence 0. With events off (an agent with no client) registering is only the insert: no
    // thread id, no summary, no chain lock. A walk that finds the chain sees sequence 0 and its
    // picture is whole; if events come on meanwhile, the check may still see them off, which is
    // the same as having emitted nothing before the walk.

    /// Reports `created` for a chain with no result yet. Out of line: the registry-only path
    /// stays small.
    @inline(never)
    private func _reportCreated() {
        let thread = _currentThreadNumber()
        state.withLock { s in
            _emit(&s, .created, timestamp: createdAt) { event in
                event.label = label
                event.site = site
                event.thread = thread
            }
        }
    }

    /// Reports `created`, then `fired`, for a chain born with `outcome`.
    @inline(never)
    private func _reportCreated(firedWith outcome: _Outcome) {
        guard let observer = _currentObserver() else { return }
        let summary = outcome.summary(describe: observer.wantsValueDescriptions)
        let thread = _currentThreadNumber()
        state.withLock { s in
            _emit(&s, .created, timestamp: createdAt) { event in
                event.label = label
                event.site = site
                event.thread = thread
            }
            _emit(&s, .fired, timestamp: createdAt) { event in
                event.site = site
                event.outcome = summary
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

/// What kind of chain object this is, in one byte.
private struct _ChainTraits: OptionSet {
    let rawValue: UInt8

    static let observed = _ChainTraits(rawValue: 1 << 0)
    static let sentinel = _ChainTraits(rawValue: 1 << 1)
}

/// A chain's label, out of line.
final class _LabelBox: Sendable {
    let text: String

    init(_ text: String) {
        self.text = text
    }
}

extension _Chain {
    /// The label given at creation.
    @usableFromInline
    var label: String? { labelBox?.text }

    /// Whether an observer was installed when it was created: then it is in the registry and
    /// reports every event of its life.
    var observed: Bool { traits.contains(.observed) }

    /// A placeholder used by registry walks to hold their place; never a real chain.
    var isSentinel: Bool { traits.contains(.sentinel) }

    /// The `DeferredID` of this chain.
    @usableFromInline
    var deferredID: DeferredID { DeferredID(rawValue: id) }

    /// Delivers one event to the observer. Call with the state locked and only from code that
    /// runs no user code. Bumps the chain's sequence number. Unobserved chains pay one test.
    @inline(__always)
    func _emit(
        _ s: inout _ChainState,
        _ kind: DeferredEvent.Kind,
        timestamp: UInt64 = 0,
        _ fill: (inout DeferredEvent) -> Void = { _ in }
    ) {
        guard observed else { return }
        _emitObserved(&s, kind, timestamp: timestamp, fill)
    }

    private func _emitObserved(
        _ s: inout _ChainState,
        _ kind: DeferredEvent.Kind,
        timestamp: UInt64,
        _ fill: (inout DeferredEvent) -> Void
    ) {
        guard _eventsWanted() else { return }
        s.sequence &+= 1
        var event = DeferredEvent(
            kind: kind,
            id: deferredID,
            sequence: s.sequence,
            timestamp: timestamp == 0 ? _coarseNanoseconds() : timestamp
        )
        fill(&event)
        _deliverToObserver(event)
    }

    /// The summary of `outcome` for an event, computed outside any lock (it may describe the
    /// value), or nil when nobody is watching this chain.
    func _summaryForEvent(_ outcome: _Outcome) -> OutcomeSummary? {
        guard observed, _eventsWanted(), let observer = _currentObserver() else { return nil }
        return outcome.summary(describe: observer.wantsValueDescriptions)
    }

    /// The time for a step's start or end, when someone is watching.
    @inline(__always)
    func _timestampIfObserved() -> UInt64 {
        observed && _eventsWanted() ? _monotonicNanoseconds() : 0
    }
}
