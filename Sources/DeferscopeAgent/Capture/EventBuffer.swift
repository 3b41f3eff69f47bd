import DeferredKit

/// Where app threads leave events for the agent's thread: a few shards (by chain id, so one
/// chain's events stay in order), each a bounded array behind its own lock. An append holds the
/// lock for one array store; the agent takes a shard's whole contents by swapping in an empty
/// array of the same capacity, so it never holds the lock for longer either. When a shard is full
/// the event is dropped and counted: app threads never wait for the agent.
final class EventBuffer: Sendable {
    private final class Shard: Sendable {
        struct State {
            var events: [DeferredEvent] = []
            var dropped: UInt64 = 0
        }

        let state = _Lock(State())
    }

    private let shards: [Shard]
    /// The shard count less one: the count is a power of two, so a mask picks the shard (a
    /// division on every event cost more than the rest of choosing it).
    private let shardMask: UInt64
    private let capacityPerShard: Int

    /// Creates a buffer holding up to `capacity` events in all, in `shardCount` shards (rounded
    /// up to a power of two).
    init(capacity: Int, shardCount: Int = 8) {
        var count = 1
        while count < shardCount {
            count <<= 1
        }
        self.shards = (0..<count).map { _ in Shard() }
        self.shardMask = UInt64(count - 1)
        self.capacityPerShard = max(1, capacity / count)
    }

    var shardCount: Int { shards.count }

    /// Called on app threads (from the observer, with the chain's lock held).
    @inline(__always)
    func append(_ event: DeferredEvent) {
        let shard = shards[Int(truncatingIfNeeded: event.id.rawValue & shardMask)]
        let capacity = capacityPerShard
        shard.state.withLock { state in
            if state.events.count < capacity {
                state.events.append(event)
            } else {
                state.dropped &+= 1
            }
        }
    }

    /// Takes everything buffered: `spares` (one array per shard, emptied by the caller after
    /// use) are swapped in, and come back holding the events. Returns the events dropped since
    /// the last call.
    func drain(into spares: inout [[DeferredEvent]]) -> UInt64 {
        if spares.count != shards.count {
            spares = Array(repeating: [], count: shards.count)
        }
        var dropped: UInt64 = 0
        for index in shards.indices {
            dropped &+= shards[index].state.withLock { state -> UInt64 in
                swap(&state.events, &spares[index])
                let lost = state.dropped
                state.dropped = 0
                return lost
            }
        }
        return dropped
    }
}
