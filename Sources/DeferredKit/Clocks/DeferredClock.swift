/// A call scheduled with ``DeferredClock/callLater(_:_:)``.
public protocol DelayedCall: Sendable {
    /// Whether the call is still to run: neither run nor cancelled.
    var isActive: Bool { get }
    /// Stops the call from running, and releases its action at once. Does nothing if it ran.
    func cancel()
}

/// A source of time and of delayed calls: Twisted's `IReactorTime`. ``SystemClock`` in
/// production, ``ManualClock`` in tests.
public protocol DeferredClock: Sendable {
    /// Seconds on a monotonic clock.
    var now: Double { get }

    /// Runs `action` once, `seconds` from now (at once for zero or less).
    @discardableResult
    func callLater(_ seconds: Double, _ action: @escaping @Sendable () -> Void) -> any DelayedCall
}
