import Synchronization

/// An observer that keeps the most recent events in a fixed-size buffer: for tests, for
/// benchmarks, and as a flight recorder. When the buffer is full the oldest event is overwritten
/// and counted in ``overwrittenCount``.
public final class RecordingDeferredObserver: DeferredObserver {
    private struct Ring {
        var slots: [DeferredEvent?]
        var next = 0
        var stored = 0
        var overwritten = 0
    }

    private let ring: _Lock<Ring>

    /// Whether events carry descriptions of values and errors.
    public let wantsValueDescriptions: Bool

    /// Creates a recorder that keeps up to `capacity` events.
    public init(capacity: Int = 65_536, describingValues: Bool = false) {
        precondition(capacity > 0, "RecordingDeferredObserver(capacity:) needs room for at least one event")
        self.ring = _Lock(Ring(slots: Array(repeating: nil, count: capacity)))
        self.wantsValueDescriptions = describingValues
    }

    /// Stores the event, overwriting the oldest when full.
    public func observe(_ event: DeferredEvent) {
        ring.withLock { ring in
            if ring.stored == ring.slots.count {
                ring.overwritten += 1
            } else {
                ring.stored += 1
            }
            ring.slots[ring.next] = event
            ring.next = (ring.next + 1) % ring.slots.count
        }
    }

    /// The kept events, oldest first.
    public var events: [DeferredEvent] {
        ring.withLock { ring in
            let start = (ring.next - ring.stored + ring.slots.count) % ring.slots.count
            return (0..<ring.stored).compactMap { ring.slots[(start + $0) % ring.slots.count] }
        }
    }

    /// The kept events of one chain, oldest first.
    public func events(of id: DeferredID) -> [DeferredEvent] {
        events.filter { $0.id == id }
    }

    /// How many events were overwritten because the buffer was full.
    public var overwrittenCount: Int {
        ring.withLock { $0.overwritten }
    }

    /// Forgets every kept event.
    public func removeAll() {
        ring.withLock { ring in
            for index in ring.slots.indices {
                ring.slots[index] = nil
            }
            ring.next = 0
            ring.stored = 0
            ring.overwritten = 0
        }
    }
}
