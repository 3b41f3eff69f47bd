/// What the dashboard asks of whoever feeds it (the live connection or the replay).
public enum DashboardCommand: Equatable, Sendable {
    /// Leave the dashboard.
    case quit
    /// Repaint the whole terminal, not only the cells that changed (Ctrl-L).
    case redraw
    /// Cancel this Deferred in the process (the user confirmed).
    case cancel(UInt64)
    /// Replay: play or pause.
    case replayPlayPause
    /// Replay: multiply the speed by this factor.
    case replaySpeed(Double)
    /// Replay: one event forward (1) or back (-1).
    case replayStep(Int)
    /// Replay: seek by this many seconds.
    case replaySeek(Double)
    /// Replay: to the start (false) or the end (true).
    case replayJump(toEnd: Bool)
}
