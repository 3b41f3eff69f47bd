/// What the dashboard is looking at, for the header: a live process, a recording, or neither.
public enum ConnectionStatus: Hashable, Sendable {
    /// Trying to attach.
    case connecting
    /// Attached; the first picture is arriving (`received` of about `expected` Deferreds).
    case loading(received: UInt64, expected: UInt64)
    /// Attached and whole.
    case live
    /// The user paused the stream; the picture is frozen until resumed.
    case paused
    /// Events were lost; a fresh snapshot is arriving.
    case resyncing(lost: UInt64)
    /// Playing a recording: where, how fast, and whether it is moving.
    case replay(at: Double, of: Double, speed: Double, playing: Bool)
    /// The process exited; the last picture stays readable.
    case exited(pid: Int32)
    /// The connection failed or ended.
    case disconnected(reason: String)
    /// The process exited and `--follow` waits for `name` to start again; the last picture
    /// stays readable meanwhile.
    case awaitingRestart(pid: Int32, name: String)

    /// A short word or phrase for the header.
    public var summary: String {
        switch self {
        case .connecting: return "connecting"
        case .loading(let received, let expected):
            let percent = expected > 0 ? min(100, received * 100 / expected) : 0
            return "loading \(ViewFormat.count(received)) of ~\(ViewFormat.count(expected)) (\(percent)%)"
        case .live: return "live"
        case .paused: return "paused"
        case .resyncing(let lost): return "resyncing (\(ViewFormat.count(lost)) lost)"
        case .replay(let at, let total, let speed, let playing):
            let rate = speed == 1 ? "" : " ×\(ViewFormat.speed(speed))"
            return "replay \(ViewFormat.clock(at)) / \(ViewFormat.clock(total))\(playing ? "" : " ⏸")\(rate)"
        case .exited(let pid): return "process \(pid) exited"
        case .disconnected(let reason): return "disconnected: \(reason)"
        case .awaitingRestart(let pid, let name): return "process \(pid) exited; waiting for \(name) to start again"
        }
    }

    /// The theme role the status takes in the header.
    public var style: ThemeKey {
        switch self {
        case .live: return .stateSucceeded
        case .connecting, .loading, .replay: return .statePending
        case .paused, .resyncing, .awaitingRestart: return .warning
        case .exited, .disconnected: return .error
        }
    }
}
