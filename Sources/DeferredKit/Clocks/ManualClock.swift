import Synchronization

/// A clock that moves only when told to: Twisted's `task.Clock`, for deterministic tests.
///
/// ``now`` starts at 0. ``advance(_:)`` runs every call that has come due, in time order; calls
/// due at the same time run in the order they were scheduled, and a call scheduled while
/// `advance` runs, if due by its target time, runs in that same `advance`. Calls run on the thread
/// that calls `advance`, with no lock held.
public final class ManualClock: DeferredClock {
    private struct Entry {
        let time: Double
        let order: UInt64
        let call: _ManualDelayedCall
    }

    private struct State {
        var now: Double = 0
        var nextOrder: UInt64 = 0
        var queue = _MinHeap<Entry> { ($0.time, $0.order) < ($1.time, $1.order) }
    }

    private let state = _Lock(State())
    /// Shared with the calls, which count themselves out when they run or are cancelled. A call
    /// holds this and not the clock: the clock's queue holds the call, so a call holding its clock
    /// made a cycle, and a clock dropped with a call still queued (pending, or cancelled and not
    /// yet passed) was never freed.
    private let active = _ManualClockActiveCount()

    /// Creates a clock at time 0.
    public init() {}

    /// The current time, in seconds.
    public var now: Double {
        state.withLock { $0.now }
    }

    /// How many calls are scheduled and neither run nor cancelled.
    public var pendingCalls: Int {
        active.count.withLock { $0 }
    }

    /// Schedules `action` to run when the clock has advanced by `seconds`.
    @discardableResult
    public func callLater(_ seconds: Double, _ action: @escaping @Sendable () -> Void) -> any DelayedCall {
        let call = _ManualDelayedCall(action, active: active)
        active.count.withLock { $0 += 1 }
        state.withLock { s in
            s.queue.insert(Entry(time: s.now + max(0, seconds), order: s.nextOrder, call: call))
            s.nextOrder += 1
        }
        return call
    }

    /// Moves time forward by `seconds`, running each call as its time comes.
    public func advance(_ seconds: Double) {
        let target = state.withLock { $0.now + max(0, seconds) }
        while let call = nextDueCall(by: target) {
            call.run()
        }
        state.withLock { s in
            s.now = Swift.max(s.now, target)
        }
    }

    /// Takes the next call due by `target` that is still active, and sets the time to its time.
    private func nextDueCall(by target: Double) -> _ManualDelayedCall? {
        // Cancelled entries are skipped here; they hold no action, so they cost only their slot.
        state.withLock { s -> _ManualDelayedCall? in
            while let entry = s.queue.min, entry.time <= target {
                _ = s.queue.removeMin()
                if entry.call.isActive {
                    s.now = Swift.max(s.now, entry.time)
                    return entry.call
                }
            }
            return nil
        }
    }
}

/// How many calls of a ``ManualClock`` are scheduled and neither run nor cancelled.
final class _ManualClockActiveCount: Sendable {
    let count = _Lock(0)
}

/// A call scheduled on a ``ManualClock``.
final class _ManualDelayedCall: DelayedCall {
    private let action: _Lock<(@Sendable () -> Void)?>
    private let active: _ManualClockActiveCount

    init(_ action: @escaping @Sendable () -> Void, active: _ManualClockActiveCount) {
        self.action = _Lock(action)
        self.active = active
    }

    var isActive: Bool {
        action.withLock { $0 != nil }
    }

    func cancel() {
        guard let dropped = take() else { return }
        active.count.withLock { $0 -= 1 }
        _ = dropped
    }

    func run() {
        guard let action = take() else { return }
        active.count.withLock { $0 -= 1 }
        action()
    }

    private func take() -> (@Sendable () -> Void)? {
        action.withLock { slot in
            defer { slot = nil }
            return slot
        }
    }
}
