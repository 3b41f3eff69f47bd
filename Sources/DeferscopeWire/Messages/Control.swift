/// Why events were lost.
public enum LossReason: UInt8, Sendable, Equatable {
    /// This client did not read fast enough and its queue filled up.
    case clientTooSlow = 0
    /// The app produced events faster than the agent could take them.
    case agentBufferFull = 1
    /// The client had paused its stream.
    case paused = 2
}

/// Events were dropped for this client; a fresh snapshot follows, after which its picture is
/// whole again.
public struct Lost: Sendable, Equatable {
    /// How many events were dropped.
    public var count: UInt64
    /// Why.
    public var reason: LossReason

    /// Creates the frame.
    public init(count: UInt64, reason: LossReason) {
        self.count = count
        self.reason = reason
    }
}

/// Sent about once a second: the agent's clock and counters.
public struct Heartbeat: Sendable, Equatable {
    /// The agent's monotonic clock now (ns).
    public var monotonicNow: UInt64
    /// Observed Deferreds alive.
    public var liveCount: UInt64
    /// Events the app dropped since it started because the agent's buffer was full.
    public var droppedByAgent: UInt64
    /// Events dropped for the recording since it started (slow disk).
    public var droppedByRecorder: UInt64

    /// Creates the frame.
    public init(monotonicNow: UInt64, liveCount: UInt64, droppedByAgent: UInt64, droppedByRecorder: UInt64) {
        self.monotonicNow = monotonicNow
        self.liveCount = liveCount
        self.droppedByAgent = droppedByAgent
        self.droppedByRecorder = droppedByRecorder
    }
}

/// A request from the client. `requestID` comes back in the `Reply`.
public enum Command: Sendable, Equatable {
    /// Cancel the Deferred with this id, as its `cancel()` would.
    case cancel(requestID: UInt32, deferredID: UInt64)
    /// Stop sending events to this client (they are counted as lost).
    case pauseStream(requestID: UInt32)
    /// Send events again, after a fresh snapshot.
    case resumeStream(requestID: UInt32)
    /// Send a fresh snapshot.
    case requestSnapshot(requestID: UInt32)

    /// The request's id.
    public var requestID: UInt32 {
        switch self {
        case .cancel(let id, _), .pauseStream(let id), .resumeStream(let id), .requestSnapshot(let id):
            return id
        }
    }
}

/// The answer to a command, or an error about something the client sent.
public struct Reply: Sendable, Equatable {
    /// The command's `requestID`; 0 for errors not tied to a command (a malformed frame).
    public var requestID: UInt32
    /// Whether it was done.
    public var ok: Bool
    /// What happened, for a person.
    public var message: String

    /// Creates the frame.
    public init(requestID: UInt32, ok: Bool, message: String) {
        self.requestID = requestID
        self.ok = ok
        self.message = message
    }
}
