import DeferredKit
import Synchronization

/// An observer that records the events of the chains created on one thread (the test's), so that
/// tests running in parallel do not mix into each other's recordings.
final class ScopedRecorder: DeferredObserver {
    private struct State {
        var ids: Set<DeferredID> = []
        var events: [DeferredEvent] = []
    }

    private let thread: UInt64
    private let state = _Lock(State())
    let wantsValueDescriptions: Bool

    init(describingValues: Bool = false) {
        self.thread = currentThreadNumber()
        self.wantsValueDescriptions = describingValues
    }

    func observe(_ event: DeferredEvent) {
        state.withLock { s in
            if event.kind == .created, event.thread == thread {
                s.ids.insert(event.id)
            }
            if s.ids.contains(event.id) {
                s.events.append(event)
            }
        }
    }

    /// Every recorded event, in the order they happened.
    var events: [DeferredEvent] { state.withLock { $0.events } }

    /// The events of one chain.
    func events(of id: DeferredID) -> [DeferredEvent] {
        events.filter { $0.id == id }
    }

    /// The kinds of one chain's events, in order.
    func kinds(of id: DeferredID) -> [DeferredEvent.Kind] {
        events(of: id).map(\.kind)
    }

    /// Installs a recorder for the duration of `body`, then uninstalls it.
    static func recording<R>(describingValues: Bool = false, _ body: (ScopedRecorder) throws -> R) rethrows -> R {
        let recorder = ScopedRecorder(describingValues: describingValues)
        DeferredInstrumentation.install(recorder)
        defer { DeferredInstrumentation.uninstall() }
        return try body(recorder)
    }
}

#if canImport(Glibc)
import Glibc
#endif

/// The calling thread as the runtime numbers it in `created` events.
func currentThreadNumber() -> UInt64 {
    UInt64(pthread_self())
}
