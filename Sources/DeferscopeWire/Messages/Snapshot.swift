/// Why a snapshot is being sent.
public enum SnapshotReason: UInt8, Sendable, Equatable {
    /// The client just attached.
    case attach = 0
    /// The client lost events and its picture is being rebuilt.
    case resync = 1
    /// The client asked for one.
    case requested = 2
}

/// A snapshot starts. Every Deferred alive follows in `snapshotChunk` frames, then
/// `snapshotEnd`. Events may arrive between chunks: a client holds them until `snapshotEnd` and
/// then applies those whose sequence number is above the chain's record.
public struct SnapshotBegin: Sendable, Equatable {
    /// Identifies this snapshot among those on one connection.
    public var snapshotID: UInt32
    /// How many Deferreds were alive when it started (for progress; the final count may differ).
    public var estimatedCount: UInt64
    /// Why it is sent.
    public var reason: SnapshotReason

    /// Creates the frame.
    public init(snapshotID: UInt32, estimatedCount: UInt64, reason: SnapshotReason) {
        self.snapshotID = snapshotID
        self.estimatedCount = estimatedCount
        self.reason = reason
    }
}

/// Some of the live Deferreds of a snapshot.
public struct SnapshotChunk: Sendable, Equatable {
    /// The snapshot they belong to.
    public var snapshotID: UInt32
    /// The Deferreds.
    public var chains: [ChainRecord]

    /// Creates the frame.
    public init(snapshotID: UInt32, chains: [ChainRecord]) {
        self.snapshotID = snapshotID
        self.chains = chains
    }
}

/// The snapshot is complete.
public struct SnapshotEnd: Sendable, Equatable {
    /// The snapshot.
    public var snapshotID: UInt32
    /// How many Deferreds it listed.
    public var count: UInt64

    /// Creates the frame.
    public init(snapshotID: UInt32, count: UInt64) {
        self.snapshotID = snapshotID
        self.count = count
    }
}
