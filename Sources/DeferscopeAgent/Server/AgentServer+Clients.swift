import DeferredKit
import DeferscopeWire
import Dispatch

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

extension AgentServer {
    /// Accepts every waiting client: checks its user, then sends the handshake, the definitions
    /// and a snapshot.
    func acceptClients() {
        while let fd = listener.accept() {
            let peer = UnixSocket.peerUserID(fd)
            guard peer == Posix.userID else {
                refuse(fd, peer: peer)
                continue
            }
            let session = Session(id: nextSessionID, sink: SocketSink(fd: fd), commandFD: fd)
            nextSessionID += 1
            begin(session)
        }
    }

    /// The first frames a new session gets, then its snapshot.
    func begin(_ session: Session) {
        // Definitions not yet sent to the others go to them first, so that "all definitions"
        // below is the same list for everyone.
        broadcastNewDefinitions()
        let hello = Hello(
            pid: identity.pid,
            processName: identity.name,
            executablePath: identity.executablePath,
            processStartTime: identity.startTime,
            monotonicBase: Posix.monotonicNanoseconds(),
            wallClockAtBase: Posix.wallClockNanoseconds(),
            liveCount: UInt64(DeferredRegistry.count),
            includesValues: configuration.includeValues
        )
        var bytes: [UInt8] = []
        frameEncoder.encode(.hello(hello), into: &bytes)
        if !encoder.sites.isEmpty {
            frameEncoder.encode(.sites(encoder.sites), into: &bytes)
        }
        if !encoder.types.isEmpty {
            frameEncoder.encode(.types(encoder.types), into: &bytes)
        }
        session.sink.enqueue(bytes)
        sessions.append(session)
        startSnapshot(for: session, reason: .attach)
    }

    /// Tells a client of another user why it is refused, then closes the connection.
    private func refuse(_ fd: Int32, peer: UInt32?) {
        let who = peer.map { "uid \($0)" } ?? "an unknown user"
        let reply = Reply(
            requestID: 0,
            ok: false,
            message: "refused: this process runs as uid \(Posix.userID) and only its own user may attach "
                + "(you are \(who))"
        )
        let bytes = frameEncoder.encode(.reply(reply))
        // A few bytes into an empty socket buffer: they fit, or the message is lost.
        try? UnixSocket.sendAll(fd, bytes)
        UnixSocket.systemClose(fd)
    }

    /// Reads what a client sent and carries out its commands. A frame that does not decode gets
    /// an error reply and changes nothing; bytes that are not frames at all (a bad length) close
    /// the connection after an error reply. The other clients are not affected either way.
    func readCommands(from session: Session) {
        guard let fd = session.commandFD, !session.closed else { return }
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = chunk.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if count < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { break }
                closeSession(session)
                return
            }
            if count == 0 {
                closeSession(session)
                return
            }
            session.decoder.append(chunk[0..<count])
        }
        do {
            while let decoded = try session.decoder.nextSkippingMalformed() {
                switch decoded {
                case .success(let frame):
                    handle(frame, from: session)
                case .failure(let error):
                    // The frame's bounds were sound: answer it and read on.
                    send(Reply(requestID: 0, ok: false, message: "ignored a malformed frame: \(error)"), to: session)
                }
            }
        } catch {
            send(
                Reply(requestID: 0, ok: false, message: "closing this connection: it sent malformed data (\(error))"),
                to: session
            )
            session.sink.flush()
            closeSession(session)
        }
    }

    private func handle(_ frame: Frame, from session: Session) {
        guard case .command(let command) = frame else {
            let what = frame.kind.map { "\($0)" } ?? "unknown"
            send(
                Reply(requestID: 0, ok: false, message: "ignored a \(what) frame: a client may only send commands"),
                to: session
            )
            return
        }
        switch command {
        case .cancel(let requestID, let deferredID):
            // Cancelling runs the program's cancellers and steps; not on the agent's thread.
            let sessionID = session.id
            DispatchQueue.global().async { [self] in
                let found = DeferredRegistry.cancel(DeferredID(rawValue: deferredID))
                let message = found ? "cancelled #\(deferredID)" : "no live Deferred #\(deferredID)"
                post(Reply(requestID: requestID, ok: found, message: message), to: sessionID)
            }
        case .pauseStream(let requestID):
            // Events made before the command was read are delivered; those after, until the
            // resume, are not (and are counted).
            streamEvents()
            session.paused = true
            session.resyncAfterPause = true
            if session.lostCount == 0 {
                session.lossReason = .paused
            }
            send(Reply(requestID: requestID, ok: true, message: "stream paused"), to: session)
        case .resumeStream(let requestID):
            streamEvents()
            session.paused = false
            send(Reply(requestID: requestID, ok: true, message: "stream resumed"), to: session)
        case .requestSnapshot(let requestID):
            send(Reply(requestID: requestID, ok: true, message: "snapshot follows"), to: session)
            startSnapshot(for: session, reason: .requested)
        }
    }

    /// Queues a reply (replies, like definitions, are never dropped: they are small and rare).
    func send(_ reply: Reply, to session: Session) {
        guard !session.closed else { return }
        session.sink.enqueue(frameEncoder.encode(.reply(reply)))
    }

    /// Replies posted by other threads.
    func deliverPostedReplies() {
        let replies = pendingReplies.withLock { pending -> [(session: Int, reply: Reply)] in
            defer { pending.removeAll() }
            return pending
        }
        for (sessionID, reply) in replies {
            if let session = sessions.first(where: { $0.id == sessionID }) {
                send(reply, to: session)
            }
        }
    }

    /// Starts the recording session: a file that gets what a client would.
    func startRecording(to path: String) throws {
        let header = RecordingHeader(createdAt: Posix.wallClockNanoseconds()).encoded()
        let sink = try FileSink(path: path, header: header)
        let session = Session(id: nextSessionID, sink: sink, commandFD: nil)
        nextSessionID += 1
        begin(session)
        updateEventsEnabled()
    }
}
