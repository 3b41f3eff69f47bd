import DeferredKit
import DeferscopeWire
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The running agent: the listening socket, the event buffer the observer fills, the sessions,
/// and the thread that serves them. Everything but the members marked as shared is touched only
/// by that thread.
final class AgentServer: @unchecked Sendable {
    let configuration: DeferscopeAgent.Configuration
    let identity: ProcessIdentity
    let buffer: EventBuffer
    let listener: ListeningSocket
    let wakePipe: WakePipe
    var socketPath: String { listener.path }

    // Shared with other threads.
    let stopping = Atomic<Bool>(false)
    let pendingReplies = _Lock<[(session: Int, reply: Reply)]>([])
    let counters = _Lock(
        DeferscopeAgent.Statistics(clients: 0, droppedByAgent: 0, droppedByRecorder: 0, recordingFailure: nil)
    )

    // The agent thread's own.
    var sessions: [Session] = []
    var encoder = RecordEncoder()
    var spares: [[DeferredEvent]] = []
    var nextSessionID = 1
    var eventsEnabled = false
    var lastHeartbeat: UInt64 = 0
    let frameEncoder = FrameEncoder()
    let frameWriter = EventsFrameWriter()
    private var thread: AgentThread?

    private init(configuration: DeferscopeAgent.Configuration) throws {
        self.configuration = configuration
        self.identity = ProcessIdentity.current()
        self.buffer = EventBuffer(capacity: configuration.eventBufferCapacity)
        let path = configuration.resolvedSocketPath(pid: identity.pid)
        if configuration.socketPath == nil {
            try AgentSocketLocation.prepareDirectory(AgentSocketLocation.defaultDirectory())
        }
        self.listener = try ListeningSocket(path: path)
        do {
            self.wakePipe = try WakePipe()
        } catch {
            listener.close()
            throw error
        }
    }

    /// Starts the agent: socket, observer (registry on, events off until someone listens),
    /// recording, thread.
    static func start(_ configuration: DeferscopeAgent.Configuration) throws -> AgentServer {
        let server = try AgentServer(configuration: configuration)
        let observer = AgentObserver(buffer: server.buffer, includeValues: configuration.includeValues)
        DeferredInstrumentation.install(observer, eventsEnabled: false)
        do {
            if let recording = configuration.recordingPath {
                try server.startRecording(to: recording)
            }
            server.thread = try AgentThread(name: "deferscope") { server.run() }
        } catch {
            DeferredInstrumentation.uninstall()
            server.closeEverything()
            throw error
        }
        ExitCleanup.stopAgentAtExit()
        return server
    }

    /// Stops the thread and releases everything.
    func stop() {
        stopping.store(true, ordering: .releasing)
        wakePipe.wake()
        thread?.join()
        thread = nil
        DeferredInstrumentation.uninstall()
        DeferredInstrumentation.setEventsEnabled(true)
        // What the app did up to now still goes out: to the recording whole, to clients as far
        // as their sockets take it without waiting.
        deliverPostedReplies()
        finishRecordingSnapshots()
        streamEvents()
        closeEverything()
    }

    var statistics: DeferscopeAgent.Statistics {
        counters.withLock { $0 }
    }

    private func closeEverything() {
        for session in sessions {
            session.sink.flush()
            session.sink.close()
        }
        sessions.removeAll()
        listener.close()
        wakePipe.close()
    }

    // MARK: - The loop

    private func run() {
        lastHeartbeat = Posix.monotonicNanoseconds()
        var descriptors: [pollfd] = []
        while !stopping.load(ordering: .acquiring) {
            descriptors.removeAll(keepingCapacity: true)
            descriptors.append(pollfd(fd: listener.fd, events: Int16(POLLIN), revents: 0))
            descriptors.append(pollfd(fd: wakePipe.readFD, events: Int16(POLLIN), revents: 0))
            for session in sessions {
                guard let fd = session.commandFD else { continue }
                let wanted = Int16(POLLIN) | (session.sink.wantsWritable ? Int16(POLLOUT) : 0)
                descriptors.append(pollfd(fd: fd, events: wanted, revents: 0))
            }
            _ = poll(
                &descriptors,
                nfds_t(descriptors.count),
                hasSnapshotWork ? 0 : Int32(configuration.flushIntervalMilliseconds)
            )
            if descriptors[1].revents != 0 {
                wakePipe.drain()
            }
            if descriptors[0].revents & Int16(POLLIN) != 0 {
                acceptClients()
            }
            for descriptor in descriptors.dropFirst(2) where descriptor.revents != 0 {
                guard let session = sessions.first(where: { $0.commandFD == descriptor.fd }) else { continue }
                if descriptor.revents & (Int16(POLLIN) | Int16(POLLHUP) | Int16(POLLERR)) != 0 {
                    readCommands(from: session)
                }
            }
            pump()
            for session in sessions where !session.closed {
                session.sink.flush()
                // A client that went away is closed. A recording whose disk failed stays, to count
                // what it misses from then on: that loss is reported, not silent.
                if session.sink.isBroken, session.commandFD != nil {
                    closeSession(session)
                }
            }
            sessions.removeAll { $0.closed }
            updateEventsEnabled()
            publishCounters()
        }
    }

    /// Whether a snapshot is waiting for room that it has: then the loop must not sleep.
    private var hasSnapshotWork: Bool {
        sessions.contains { $0.snapshot != nil && !$0.closed && $0.sink.pendingBytes < snapshotHighWater }
    }

    /// Below this many queued bytes a snapshot may add another chunk.
    var snapshotHighWater: Int { min(1 << 20, queueLimit(forRecording: false) / 4) }

    func queueLimit(forRecording: Bool) -> Int {
        forRecording ? configuration.recordingQueueLimit : configuration.clientQueueLimit
    }

    /// How many bytes of events may wait for a client whose snapshot is in progress. The client
    /// holds those events until the snapshot ends, decoded (about 120 bytes each), and a snapshot
    /// of more Deferreds than one round of the loop sends waits behind the client's queue: with
    /// the whole queue limit, a slow client could hold a few hundred megabytes. Past this it
    /// loses events instead, is told, and is sent a new snapshot after this one.
    var queueLimitDuringSnapshot: Int { min(2 * snapshotHighWater, configuration.clientQueueLimit) }

    /// Events are built only while someone listens; a snapshot turns them on before it walks.
    func updateEventsEnabled() {
        let wanted = sessions.contains { !$0.closed && !$0.paused }
        if wanted != eventsEnabled {
            eventsEnabled = wanted
            DeferredInstrumentation.setEventsEnabled(wanted)
        }
    }

    func closeSession(_ session: Session) {
        guard !session.closed else { return }
        let queued = session.sink.pendingBytes
        session.closed = true
        session.snapshot = nil
        session.sink.close()
        // A large backlog freed stays in the allocator's arenas unless handed back.
        if queued >= MemoryTrim.threshold {
            MemoryTrim.returnFreedMemory()
        }
    }

    /// Events the recording does not have beyond those the agent's buffer dropped: a slow disk's
    /// overflow, and everything after a write failed.
    var droppedByRecorder: UInt64 {
        var dropped: UInt64 = 0
        for session in sessions where session.commandFD == nil {
            dropped &+= session.lostToSink &+ ((session.sink as? FileSink)?.unwrittenEvents ?? 0)
        }
        return dropped
    }

    private func publishCounters() {
        var clients = 0
        var queued = 0
        for session in sessions where !session.closed {
            clients += session.commandFD == nil ? 0 : 1
            queued += session.sink.pendingBytes
        }
        let recordingFailure = sessions.compactMap { ($0.sink as? FileSink)?.failure.withLock { $0 } }.first
        let dropped = droppedByRecorder
        counters.withLock { counters in
            counters.clients = clients
            counters.queuedBytes = queued
            counters.droppedByRecorder = dropped
            if let recordingFailure {
                counters.recordingFailure = recordingFailure
            }
        }
    }

    /// Posts a reply from another thread (a command done elsewhere).
    func post(_ reply: Reply, to session: Int) {
        pendingReplies.withLock { $0.append((session, reply)) }
        wakePipe.wake()
    }
}
