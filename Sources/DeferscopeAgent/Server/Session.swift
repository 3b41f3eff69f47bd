import DeferredKit
import DeferscopeWire

/// One consumer of the event stream: a client on the socket, or the recording. It owns the
/// protocol state for that consumer: the snapshot it is being sent, whether its stream is paused,
/// and the events it has lost since its picture was last whole.
final class Session {
    /// A snapshot being sent a batch at a time.
    struct SnapshotProgress {
        let id: UInt32
        let walk: DeferredRegistry.Walk
        var sent: UInt64 = 0
    }

    let id: Int
    let sink: SessionSink
    /// The socket to read commands from; nil for the recording.
    let commandFD: Int32?
    var decoder = FrameDecoder()
    var snapshot: SnapshotProgress?
    var paused = false
    /// Events dropped for this session since its picture was last whole; while non-zero, events
    /// are not sent (they would not help) until the loss is reported and a new snapshot begins.
    var lostCount: UInt64 = 0
    var lossReason = LossReason.clientTooSlow
    /// Every event this session did not get, over its life.
    private(set) var lostInAll: UInt64 = 0
    /// Of those, the ones the agent's buffer dropped for everyone (counted there already).
    var lostToAgentBuffer: UInt64 = 0
    /// What this session's own sink cost it: slowness, a paused stream, a failed disk.
    var lostToSink: UInt64 { lostInAll &- lostToAgentBuffer }
    var nextSnapshotID: UInt32 = 1
    var closed = false
    /// Set by a pause: while every client is paused the agent stops making events, so not all
    /// that a paused client missed are counted; it is resynchronized when it resumes regardless.
    var resyncAfterPause = false
    /// A `lost` notice is owed once there is room: only then does the resync start.
    var owesResync: Bool { (lostCount > 0 || resyncAfterPause) && !paused }

    init(id: Int, sink: SessionSink, commandFD: Int32?) {
        self.id = id
        self.sink = sink
        self.commandFD = commandFD
    }

    /// Whether this session wants the event stream now.
    var wantsEvents: Bool { !closed && !paused && lostCount == 0 }

    /// Counts events this session will not get, and why.
    func lose(_ count: UInt64, because reason: LossReason) {
        guard count > 0 else { return }
        lostInAll &+= count
        if lostCount == 0 {
            lossReason = reason
        }
        lostCount &+= count
    }
}
