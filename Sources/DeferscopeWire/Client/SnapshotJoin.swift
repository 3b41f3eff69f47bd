/// Joins a snapshot and the live events around it, so the picture has no gap and no duplicate.
///
/// The agent turns events on before it walks the live Deferreds, and the walk takes a while, so
/// events about a Deferred may arrive before or after its record, and may be older or newer than
/// it. Each record carries the Deferred's event sequence number when it was taken: events with a
/// number at or below it are already in the record and are dropped; newer ones apply after it.
/// Events are held until the snapshot ends, then released in the order they arrived, so a view
/// applies the whole snapshot first and the events after it.
public struct SnapshotJoin: Sendable {
    /// The snapshot being received, if any.
    public private(set) var snapshotID: UInt32?
    private var sequences: [UInt64: UInt32] = [:]
    private var held: [[EventRecord]] = []
    /// Events held so far.
    public private(set) var heldCount = 0

    /// Creates a join with no snapshot in progress.
    public init() {}

    /// Whether a snapshot is being received.
    public var isActive: Bool { snapshotID != nil }

    /// A snapshot starts; one still in progress is abandoned (the agent restarted it).
    /// `expectedCount` (the agent's estimate) sizes the table once instead of growing it.
    public mutating func begin(_ id: UInt32, expectedCount: UInt64 = 0) {
        snapshotID = id
        sequences.removeAll(keepingCapacity: true)
        sequences.reserveCapacity(Int(min(expectedCount, 1 << 24)))
        held.removeAll()
        heldCount = 0
    }

    /// Takes note of the records in a chunk; returns false for a chunk of another snapshot.
    public mutating func add(_ chunk: SnapshotChunk) -> Bool {
        guard chunk.snapshotID == snapshotID else { return false }
        // By index: reading two fields in place, not copying each record.
        let chains = chunk.chains
        for index in chains.indices {
            sequences[chains[index].id] = chains[index].sequence
        }
        return true
    }

    /// Events that arrived: returned at once when no snapshot is in progress, else held (and
    /// nothing is returned).
    public mutating func pass(_ events: [EventRecord]) -> [EventRecord] {
        guard isActive else { return events }
        held.append(events)
        heldCount += events.count
        return []
    }

    /// The snapshot ended: returns the held events that are newer than the snapshot, in the
    /// order they arrived. Returns nil for the end of another snapshot.
    public mutating func end(_ end: SnapshotEnd) -> [EventRecord]? {
        guard end.snapshotID == snapshotID else { return nil }
        var released: [EventRecord] = []
        released.reserveCapacity(heldCount)
        // Each batch is let go once copied: at the peak the events are held about once, not twice.
        var batches: [[EventRecord]] = []
        swap(&batches, &held)
        for index in batches.indices {
            for event in batches[index] {
                if let recorded = sequences[event.id], !Self.isNewer(event.sequence, than: recorded) {
                    continue
                }
                released.append(event)
            }
            batches[index] = []
        }
        snapshotID = nil
        sequences = [:]
        heldCount = 0
        return released
    }

    /// Sequence numbers are per Deferred and wrap at 2^32; "newer" is within half the range.
    static func isNewer(_ sequence: UInt32, than recorded: UInt32) -> Bool {
        Int32(bitPattern: sequence &- recorded) > 0
    }
}
