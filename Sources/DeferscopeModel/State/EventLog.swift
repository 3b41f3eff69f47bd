import DeferscopeWire

/// The most recent events, in a ring of fixed capacity, each linked to the previous event of the
/// same Deferred: the Events view reads it in order, a timeline follows the links. Memory is
/// bounded by the capacity whatever the event rate; a timeline lists what is still in the ring.
struct EventLog: Sendable, Equatable {
    let capacity: Int
    private(set) var ring: [TimelineEvent] = []
    /// Events ever appended; event n (from 0) sits at `n % capacity` while `n >= total - capacity`.
    private(set) var total: UInt64 = 0

    init(capacity: Int) {
        self.capacity = capacity
    }

    /// Appends `record`; returns its link (position plus one) for the Deferred to keep.
    mutating func append(_ record: UnsafePointer<EventRecord>, previous: UInt64) -> UInt64 {
        let event = TimelineEvent(record, previous: previous)
        if ring.count < capacity {
            ring.append(event)
        } else {
            ring[Int(total % UInt64(capacity))] = event
        }
        total += 1
        return total
    }

    /// Events still in the ring.
    var count: Int { ring.count }

    /// The event at `link` (position plus one), when still in the ring.
    func event(atLink link: UInt64) -> TimelineEvent? {
        guard link != 0, link <= total, total - link < UInt64(capacity) else { return nil }
        return ring[Int((link - 1) % UInt64(capacity))]
    }

    /// The newest events first: up to `limit` of them, skipping `offset`.
    func recent(offset: Int, limit: Int) -> [TimelineEvent] {
        var result: [TimelineEvent] = []
        guard offset >= 0, offset < ring.count, limit > 0 else { return result }
        let end = min(ring.count, offset + limit)
        result.reserveCapacity(end - offset)
        for back in offset..<end {
            result.append(ring[Int((total - 1 - UInt64(back)) % UInt64(capacity))])
        }
        return result
    }

    /// One Deferred's events, newest first, following links from `link`.
    func timeline(from link: UInt64, id: UInt64, limit: Int) -> [TimelineEvent] {
        var result: [TimelineEvent] = []
        var link = link
        while result.count < limit, let event = event(atLink: link), event.id == id {
            result.append(event)
            link = event.previous
        }
        return result
    }

    mutating func removeAll() {
        ring.removeAll(keepingCapacity: true)
        total = 0
    }
}
