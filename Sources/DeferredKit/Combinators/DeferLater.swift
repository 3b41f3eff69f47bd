import Synchronization

/// A Deferred that calls `f` after `seconds` on `clock` and fires with what it returns or
/// throws: Twisted's `task.deferLater`. Cancelling it before then drops the call (the clock
/// forgets it) and fails it with ``CancelledError``.
@_disfavoredOverload
public func deferLater<T: Sendable>(
    _ seconds: Double,
    clock: any DeferredClock = SystemClock.shared,
    _ f: @escaping @Sendable () throws -> T
) -> Deferred<T> {
    _deferLater(seconds, clock: clock, f, label: nil, site: .unknown)
}

/// `deferLater`, recording a label and the call site.
public func deferLater<T: Sendable>(
    _ seconds: Double,
    clock: any DeferredClock = SystemClock.shared,
    label: String? = nil,
    fileID: StaticString = #fileID,
    line: UInt = #line,
    _ f: @escaping @Sendable () throws -> T
) -> Deferred<T> {
    _deferLater(seconds, clock: clock, f, label: label, site: CallSite(fileID: fileID, line: line))
}

func _deferLater<T: Sendable>(
    _ seconds: Double,
    clock: any DeferredClock,
    _ f: @escaping @Sendable () throws -> T,
    label: String?,
    site: CallSite
) -> Deferred<T> {
    let scheduled = _ScheduledCall()
    let chain = _Chain(label: label, canceller: { _ in scheduled.cancel() }, site: site)
    let result = Deferred<Void>(_chain: chain)._addCallback({ _ in try f() }, label: nil, site: site)
    scheduled.set(clock.callLater(seconds) { chain._fireIfPending(.success(()), site: site) })
    return result
}

/// A delayed call that may be cancelled before it is known.
final class _ScheduledCall: Sendable {
    private struct State {
        var call: (any DelayedCall)?
        var cancelled = false
    }

    private let state = _Lock(State())

    func set(_ call: any DelayedCall) {
        let cancelled = state.withLock { s -> Bool in
            s.call = call
            return s.cancelled
        }
        if cancelled {
            call.cancel()
        }
    }

    func cancel() {
        let call = state.withLock { s -> (any DelayedCall)? in
            s.cancelled = true
            defer { s.call = nil }
            return s.call
        }
        call?.cancel()
    }
}
