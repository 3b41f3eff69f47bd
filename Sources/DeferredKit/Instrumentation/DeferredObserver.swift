/// Receives the life events of Deferreds: the one process-wide hook a monitor (such as
/// `DeferscopeAgent`) installs with ``DeferredInstrumentation/install(_:)``.
///
/// ## Implementing an observer
///
/// ``observe(_:)`` is called synchronously, on the thread where the event happened, **while that
/// Deferred's internal lock is held**. That is what makes each chain's events arrive in order and
/// lets a registry snapshot join the stream exactly. It also sets the rules:
///
/// - Return quickly and never block: append the event to a bounded buffer and let another thread
///   do the work. Drop (and count) rather than wait when the buffer is full.
/// - Never call into DeferredKit from `observe` (no `callback`, `cancel`, `addCallback`, no
///   ``DeferredRegistry`` walk): the chain's lock is not re-entrant.
/// - Do not allocate without bound.
///
/// Values and errors are described only when ``wantsValueDescriptions`` is true, because they may
/// hold secrets; their type names are always available through ``OutcomeSummary/type``.
///
/// ```swift
/// final class CountingObserver: DeferredObserver {
///     let created = Atomic<Int>(0)
///     func observe(_ event: DeferredEvent) {
///         if event.kind == .created { created.add(1, ordering: .relaxed) }
///     }
/// }
/// DeferredInstrumentation.install(CountingObserver())
/// ```
public protocol DeferredObserver: AnyObject, Sendable {
    /// Handles one event. See the protocol's documentation for the rules.
    func observe(_ event: DeferredEvent)

    /// Whether events should carry `String(describing:)` of values and errors. Default: false.
    var wantsValueDescriptions: Bool { get }
}

extension DeferredObserver {
    /// Values are not described unless an observer asks.
    public var wantsValueDescriptions: Bool { false }
}
