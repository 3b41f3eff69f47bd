/// A client's whole view of one attached process: the connection, the snapshot joined with the
/// events, loss and resynchronization, and reconnection when the process restarts.
///
/// Call ``poll(timeout:)`` in a loop; it returns what happened as ``Update`` values in the order
/// a model should apply them. Not thread-safe: one thread polls.
public final class AgentClient {
    /// Where the client stands, for a status line.
    public enum State: Sendable, Equatable {
        /// Trying to connect.
        case connecting
        /// Attached; a snapshot is arriving (`received` of about `expected` Deferreds).
        case loadingSnapshot(received: UInt64, expected: UInt64)
        /// Attached; the picture is whole and live.
        case connected
        /// Events were lost (`lost` of them); a fresh snapshot is arriving.
        case resyncing(lost: UInt64)
        /// The stream is paused at the client's request; a snapshot follows when it resumes.
        case paused
        /// The process exited. With reconnection on, a new process of the same executable is
        /// attached when it appears.
        case exited(pid: Int32)
        /// The connection failed or ended for another reason.
        case disconnected(String)
    }

    /// Something that happened, in the order to apply it.
    public enum Update: Sendable, Equatable {
        /// Attached (again): a new picture of this process starts; forget what came before.
        case connected(Hello)
        /// Call sites later records refer to.
        case sites([SiteDefinition])
        /// Type names later records refer to.
        case types([TypeDefinition])
        /// A snapshot starts. The chains that follow, until ``snapshotEnded(_:)``, make up the
        /// new picture; a new `snapshotBegan` abandons one in progress.
        case snapshotBegan(SnapshotBegin)
        /// Live Deferreds of the snapshot in progress.
        case snapshotChains([ChainRecord])
        /// The snapshot is complete: any Deferred not in it is gone.
        case snapshotEnded(SnapshotEnd)
        /// Events after the snapshot, in order, with nothing missing or repeated.
        case events([EventRecord])
        /// Events were lost; a fresh snapshot follows.
        case lost(Lost)
        /// The agent is alive.
        case heartbeat(Heartbeat)
        /// The answer to a command.
        case reply(Reply)
        /// The connection ended; ``state`` says why.
        case disconnected(State)
    }

    /// What is attached to.
    public let target: AgentTarget
    /// Whether to attach again when the process restarts or its agent comes back.
    public let reconnects: Bool
    /// Where the sockets of pid targets (and of a restarted process) are looked for.
    public let socketDirectory: String
    /// Where the client stands.
    public var state: State { assembler.state }
    /// The agent's handshake on the current connection.
    public var hello: Hello? { connection?.hello }
    /// Events lost over the life of this client.
    public var totalLost: UInt64 { assembler.totalLost }
    /// Times the client attached after the first.
    public var reconnections: Int { assembler.handshakes }
    /// Why the last attempt to connect failed, while not connected.
    public internal(set) var lastError: AgentConnectionError?
    /// Called with every byte received, exactly as received (recording).
    public var tap: ((UnsafeRawBufferPointer) -> Void)? {
        didSet { connection?.tap = tap }
    }

    /// The current connection, while there is one.
    public internal(set) var connection: AgentConnection?
    var assembler = StreamAssembler()
    /// When to try connecting again, while disconnected.
    var nextAttempt: UInt64 = 0

    /// Creates a client; it connects on the first ``poll(timeout:)``.
    public init(
        target: AgentTarget,
        reconnects: Bool = true,
        socketDirectory: String = AgentSocketLocation.defaultDirectory()
    ) {
        self.target = target
        self.reconnects = reconnects
        self.socketDirectory = socketDirectory
    }

    /// Connects now, or throws why it cannot (for commands that want a clear error at once).
    public func connect() throws(AgentConnectionError) {
        let connection: AgentConnection
        if case .remote(let remote) = target {
            connection = try AgentConnection(remote: remote)
        } else {
            let path: String
            do {
                path = try currentSocketPath()
            } catch {
                throw .unreachable(error.description)
            }
            connection = try AgentConnection(socketPath: path)
        }
        connection.tap = tap
        self.connection = connection
        assembler.reset(to: .connecting)
        lastError = nil
    }

    /// Closes the connection; no reconnection follows.
    public func close() {
        connection?.close()
        connection = nil
    }

    /// Waits up to `timeout` seconds (nil: forever) for something to happen and returns it,
    /// together with whatever else has already arrived.
    public func poll(timeout: Double?) -> [Update] {
        guard let connection, connection.isOpen else {
            return attemptReconnect(timeout: timeout)
        }
        var updates: [Update] = []
        // After the first frame, take what that read brought and no more (at most 256 frames): a
        // poll's work stays bounded during a flood, and a screen responsive.
        for index in 0..<256 {
            do {
                let next = index == 0 ? try connection.nextFrame(timeout: timeout) : try connection.nextBufferedFrame()
                guard let frame = next else { break }
                assembler.apply(frame, into: &updates)
            } catch {
                updates.append(contentsOf: connectionEnded(error))
                break
            }
        }
        return updates
    }

    /// Asks the agent to cancel Deferred `id`; the reply arrives as an ``Update/reply(_:)``.
    @discardableResult
    public func cancel(_ id: UInt64) throws(AgentConnectionError) -> UInt32 {
        try send { .cancel(requestID: $0, deferredID: id) }
    }

    /// Pauses this client's stream; events are lost until ``resume()``, which resynchronizes.
    @discardableResult
    public func pause() throws(AgentConnectionError) -> UInt32 {
        let id = try send { .pauseStream(requestID: $0) }
        assembler.notePaused()
        return id
    }

    /// Resumes a paused stream.
    @discardableResult
    public func resume() throws(AgentConnectionError) -> UInt32 {
        try send { .resumeStream(requestID: $0) }
    }

    /// Asks for a fresh snapshot.
    @discardableResult
    public func requestSnapshot() throws(AgentConnectionError) -> UInt32 {
        try send { .requestSnapshot(requestID: $0) }
    }

    private func send(_ command: (UInt32) -> Command) throws(AgentConnectionError) -> UInt32 {
        guard let connection, connection.isOpen else { throw .closed }
        return try connection.send(command)
    }
}
