/// One unit of the protocol. Agent to client: everything but `command`. Client to agent: `command`.
///
/// On the wire a frame is `length: u32 LE` (of what follows), `kind: u8`, then the payload; see
/// `docs/protocol.md`.
public enum Frame: Sendable, Equatable {
    /// First frame from the agent: who the process is.
    case hello(Hello)
    /// Call sites that later records refer to by id.
    case sites([SiteDefinition])
    /// Type names that later records refer to by id.
    case types([TypeDefinition])
    /// A snapshot of the live Deferreds starts.
    case snapshotBegin(SnapshotBegin)
    /// Some of the live Deferreds.
    case snapshotChunk(SnapshotChunk)
    /// The snapshot is complete.
    case snapshotEnd(SnapshotEnd)
    /// Events, in the order they happened for each Deferred.
    case events([EventRecord])
    /// Events this client will never see were dropped; a fresh snapshot follows.
    case lost(Lost)
    /// The agent is alive; its clock and counters now.
    case heartbeat(Heartbeat)
    /// The answer to a command.
    case reply(Reply)
    /// A request from the client.
    case command(Command)
    /// A frame of a kind this version does not know (from a newer agent); it was skipped.
    case unknown(kind: UInt8, length: Int)

    /// The kind byte on the wire.
    public var kind: FrameKind? {
        switch self {
        case .hello: return .hello
        case .sites: return .sites
        case .types: return .types
        case .snapshotBegin: return .snapshotBegin
        case .snapshotChunk: return .snapshotChunk
        case .snapshotEnd: return .snapshotEnd
        case .events: return .events
        case .lost: return .lost
        case .heartbeat: return .heartbeat
        case .reply: return .reply
        case .command: return .command
        case .unknown: return nil
        }
    }
}

/// The kind byte of each frame.
public enum FrameKind: UInt8, Sendable, CaseIterable {
    case hello = 0x01
    case sites = 0x02
    case types = 0x03
    case snapshotBegin = 0x10
    case snapshotChunk = 0x11
    case snapshotEnd = 0x12
    case events = 0x20
    case lost = 0x21
    case heartbeat = 0x22
    case reply = 0x30
    case command = 0x40
}

/// Bounds the decoder enforces before it allocates anything.
public enum WireLimits {
    /// The largest frame, kind byte and payload included.
    public static let maximumFrameLength = 4 << 20
    /// The longest string (labels, names, paths, messages), in UTF-8 bytes.
    public static let maximumStringLength = 16 << 10
    /// The most elements in any one list (records in a frame, steps of a chain, ...).
    public static let maximumListCount = 1 << 20
}
