import Dispatch
import Synchronization

/// The real monotonic clock. Delayed calls run on a global dispatch queue's thread.
public final class SystemClock: DeferredClock {
    /// The one system clock.
    public static let shared = SystemClock()

    private init() {}

    /// Seconds on the monotonic clock (the same clock as event timestamps).
    public var now: Double {
        Double(_monotonicNanoseconds()) / 1_000_000_000
    }

    /// Runs `action` on a global queue `seconds` from now.
    @discardableResult
    public func callLater(_ seconds: Double, _ action: @escaping @Sendable () -> Void) -> any DelayedCall {
        let call = _SystemDelayedCall(action)
        let delay = max(0, seconds)
        // The queue holds only `call` until the deadline; cancelling releases the action at once,
        // so a timeout on a Deferred that finished early keeps nothing of it alive.
        DispatchQueue.global().asyncAfter(deadline: .now() + delay) {
            call.run()
        }
        return call
    }
}

/// A call scheduled on the ``SystemClock``.
final class _SystemDelayedCall: DelayedCall {
    private let action: _Lock<(@Sendable () -> Void)?>

    init(_ action: @escaping @Sendable () -> Void) {
        self.action = _Lock(action)
    }

    var isActive: Bool {
        action.withLock { $0 != nil }
    }

    func cancel() {
        _ = take()
    }

    func run() {
        take()?()
    }

    private func take() -> (@Sendable () -> Void)? {
        action.withLock { slot in
            defer { slot = nil }
            return slot
        }
    }
}
