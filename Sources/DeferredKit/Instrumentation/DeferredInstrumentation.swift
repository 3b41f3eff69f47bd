import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The install point for the process-wide ``DeferredObserver``.
///
/// With no observer installed (the default), the runtime's instrumentation costs one relaxed atomic
/// load per operation. With one installed, every Deferred created from then on is entered in the
/// ``DeferredRegistry`` and reports its events. Deferreds created before the install stay
/// unobserved for their whole life, so an observer never sees half a story.
///
/// An observer that has nobody to forward events to (an agent with no client attached) can turn
/// events off with ``setEventsEnabled(_:)``: the registry is still kept, so a late client can
/// build its picture from a walk, but no event is built, timed or delivered.
public enum DeferredInstrumentation {
    /// Installs `observer`, replacing any observer installed before, with events on or off.
    /// Events already being delivered to the previous observer may still reach it for a moment.
    public static func install(_ observer: any DeferredObserver, eventsEnabled: Bool) {
        setEventsEnabled(eventsEnabled)
        install(observer)
    }

    /// Turns the delivery of events on or off, keeping the registry either way. Each chain's
    /// sequence numbers count only delivered events, so a walk taken after turning events on joins
    /// the events that follow it exactly.
    public static func setEventsEnabled(_ enabled: Bool) {
        _eventsSwitch.withLock { state in
            state.requested = enabled
            _eventsEnabled.store(enabled || state.required, ordering: .releasing)
        }
    }

    /// Keeps events on while `required` is true, whatever ``setEventsEnabled(_:)`` asks. For an
    /// observer that needs every event and forwards them to one that turns events off while it is
    /// idle: DeferscopeTracing in front of the agent. Turning the requirement off puts back what
    /// `setEventsEnabled` last asked for.
    public static func setEventsRequired(_ required: Bool) {
        _eventsSwitch.withLock { state in
            state.required = required
            _eventsEnabled.store(state.requested || required, ordering: .releasing)
        }
    }

    /// Whether events are delivered to the observer (when one is installed).
    public static var eventsEnabled: Bool {
        _eventsEnabled.load(ordering: .relaxed)
    }

    /// Installs `observer`, replacing any observer installed before. Events already being
    /// delivered to the previous observer may still reach it for a moment.
    public static func install(_ observer: any DeferredObserver) {
        let box = _ObserverBox(observer)
        // Boxes are never freed: a thread may have loaded the old pointer an instant ago.
        _retiredObserverBoxes.withLock { $0.append(box) }
        let raw = UInt(bitPattern: Unmanaged.passUnretained(box).toOpaque())
        _observerSlot.store(raw, ordering: .releasing)
    }

    /// Removes the installed observer, if any. Deferreds created while it was installed stay in
    /// the registry until they are released.
    public static func uninstall() {
        _observerSlot.store(0, ordering: .releasing)
    }

    /// The observer installed now, if any.
    public static var observer: (any DeferredObserver)? {
        _currentObserver()?.observer
    }

    /// Whether an observer is installed.
    public static var isObserving: Bool {
        _observerSlot.load(ordering: .relaxed) != 0
    }

    /// The monotonic clock that event timestamps use, in nanoseconds (exact; event timestamps
    /// read the same clock at tick resolution).
    public static func now() -> UInt64 {
        _monotonicNanoseconds()
    }
}

/// The installed observer with the settings read once at install time.
final class _ObserverBox: Sendable {
    let observer: any DeferredObserver
    let wantsValueDescriptions: Bool

    init(_ observer: any DeferredObserver) {
        self.observer = observer
        self.wantsValueDescriptions = observer.wantsValueDescriptions
    }
}

/// The address of the installed `_ObserverBox`, or 0.
let _observerSlot = Atomic<UInt>(0)

/// Whether observed chains build and deliver events (see `setEventsEnabled`).
let _eventsEnabled = Atomic<Bool>(true)

/// What `setEventsEnabled` last asked for and whether `setEventsRequired` holds events on; written
/// together under the lock so that neither call can undo the other. Never read on a hot path.
let _eventsSwitch = _Lock<(requested: Bool, required: Bool)>((requested: true, required: false))

/// Whether an observed chain should build events now: an observer is installed and wants them.
@inline(__always)
func _eventsWanted() -> Bool {
    _eventsEnabled.load(ordering: .relaxed) && _observerSlot.load(ordering: .relaxed) != 0
}

/// Whether an observer is installed: what a chain checks at creation to know whether it is
/// observed (it needs the box itself only to report events).
@inline(__always)
func _isObserving() -> Bool {
    _observerSlot.load(ordering: .relaxed) != 0
}

/// Every box ever installed, kept alive so that a racing reader never sees freed memory.
let _retiredObserverBoxes = _Lock<[_ObserverBox]>([])

/// The installed observer: the single relaxed load that is the whole cost when nobody watches.
@inline(__always)
func _currentObserver() -> _ObserverBox? {
    guard _observerSlot.load(ordering: .relaxed) != 0 else { return nil }
    let raw = _observerSlot.load(ordering: .acquiring)
    guard let pointer = UnsafeRawPointer(bitPattern: raw) else { return nil }
    return Unmanaged<_ObserverBox>.fromOpaque(pointer).takeUnretainedValue()
}

/// Hands `event` to the installed observer, if any, without retaining the box (boxes live forever).
@inline(__always)
func _deliverToObserver(_ event: borrowing DeferredEvent) {
    let raw = _observerSlot.load(ordering: .acquiring)
    guard let pointer = UnsafeRawPointer(bitPattern: raw) else { return }
    Unmanaged<_ObserverBox>.fromOpaque(pointer)._withUnsafeGuaranteedRef { box in
        box.observer.observe(event)
    }
}

/// CLOCK_MONOTONIC in nanoseconds: exact, for step durations.
@inline(__always)
func _monotonicNanoseconds() -> UInt64 {
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
}

/// The same clock at the kernel's tick resolution (a few milliseconds), for the timestamps of
/// events that need no more than that. It costs a fifth of an exact reading, and an observed
/// Deferred takes several of them.
@inline(__always)
func _coarseNanoseconds() -> UInt64 {
    #if os(Linux)
    var spec = timespec()
    clock_gettime(CLOCK_MONOTONIC_COARSE, &spec)
    return UInt64(spec.tv_sec) &* 1_000_000_000 &+ UInt64(spec.tv_nsec)
    #else
    return _monotonicNanoseconds()
    #endif
}

/// The calling thread, as a number for events.
@inline(__always)
func _currentThreadNumber() -> UInt64 {
    #if canImport(Darwin)
    return UInt64(UInt(bitPattern: pthread_self()))
    #else
    return UInt64(pthread_self())
    #endif
}
