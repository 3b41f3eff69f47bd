extension FrameKind {
    /// The kind's name in error messages: `hello`, `snapshotChunk`, …
    internal var name: String {
        switch self {
        case .hello: return "hello"
        case .sites: return "sites"
        case .types: return "types"
        case .snapshotBegin: return "snapshotBegin"
        case .snapshotChunk: return "snapshotChunk"
        case .snapshotEnd: return "snapshotEnd"
        case .events: return "events"
        case .lost: return "lost"
        case .heartbeat: return "heartbeat"
        case .reply: return "reply"
        case .command: return "command"
        }
    }

    /// What error messages call a frame of this kind: `events frame`.
    internal var context: String { "\(name) frame" }
}
