import DeferredKit
import DeferscopeWire
import Testing

/// Commands over the socket, and clients that send what they should not.
@Suite(.serialized) struct CommandTests {
    @Test func cancelByIDCancelsThatDeferredInTheApp() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        let ids = try app.send("create 3 victims").compactMap { UInt64($0) }
        let nested = try app.send("nest outer").compactMap { UInt64($0) }
        let client = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var mirror = LiveMirror()
        try client.poll(into: &mirror) { $0.snapshotsCompleted == 1 }

        let target = ids[0] + 1
        let request = try client.cancel(target)
        try client.poll(into: &mirror) { mirror in mirror.replies.contains { $0.requestID == request } }
        let reply = try #require(mirror.replies.first { $0.requestID == request })
        #expect(reply.ok)
        #expect(reply.message == "cancelled #\(target)")
        #expect(try app.send("state \(target)") == ["cancelled"])
        #expect(try app.send("state \(ids[0])") == ["pending"])
        #expect(try app.send("state \(ids[1])") == ["pending"])

        // The cancellation is in the stream, from the monitor's site.
        try client.poll(into: &mirror) { mirror in mirror.applied.contains { $0.id == target && $0.kind == .cancelled }
        }
        let cancelled = try #require(mirror.applied.first { $0.id == target && $0.kind == .cancelled })
        #expect(mirror.sites[cancelled.siteID]?.description == "cancelled from deferscope")
        #expect(cancelled.eventFlags.contains(.fromMonitor))

        // Cancelling the inner Deferred an outer one waits on fails the outer too.
        let innerRequest = try client.cancel(nested[1])
        try client.poll(into: &mirror) { mirror in mirror.replies.contains { $0.requestID == innerRequest && $0.ok } }
        #expect(try app.send("state \(nested[1])") == ["cancelled"])
        #expect(try app.send("state \(nested[0])") == ["cancelled"])

        // An id that is not alive: an error reply, and nothing else changes.
        let missing = try client.cancel(987_654_321)
        try client.poll(into: &mirror) { mirror in mirror.replies.contains { $0.requestID == missing } }
        let refusal = try #require(mirror.replies.first { $0.requestID == missing })
        #expect(!refusal.ok)
        #expect(refusal.message == "no live Deferred #987654321")
        #expect(try app.send("state \(ids[0])") == ["pending"])
        try app.quit()
    }

    @Test func pauseResumeAndAFreshSnapshotOnRequest() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        try app.send("create 10 first")
        let client = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var mirror = LiveMirror()
        try client.poll(into: &mirror) { $0.snapshotsCompleted == 1 }

        let pause = try client.pause()
        try client.poll(into: &mirror) { mirror in mirror.replies.contains { $0.requestID == pause && $0.ok } }
        #expect(client.state == .paused)
        try app.send("create 5 whilePaused")
        try app.send("fire first")
        let resume = try client.resume()
        // Events made while paused are not sent (with every client paused, not even made); the
        // client is told and resynchronized.
        try client.poll(into: &mirror) { mirror in
            mirror.replies.contains { $0.requestID == resume } && client.state == .connected
                && mirror.snapshotsCompleted == 2
        }
        #expect(mirror.lossReasons == [.paused])
        #expect(mirror.snapshotReasons == [.attach, .resync])
        #expect(Set(mirror.live.values.compactMap { $0 }) == ["whilePaused"])

        let request = try client.requestSnapshot()
        try client.poll(into: &mirror) { $0.snapshotsCompleted == 3 }
        #expect(mirror.replies.contains { $0.requestID == request && $0.ok })
        #expect(mirror.snapshotReasons.last == .requested)
        #expect(mirror.live.count == 5)
        try app.quit()
    }

    @Test func garbageAndMalformedInputCloseOnlyThatConnection() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        try app.send("create 2 resident")
        let bystander = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var mirror = LiveMirror()
        try bystander.poll(into: &mirror) { $0.snapshotsCompleted == 1 }

        // A length far beyond the limit: an error reply, then the connection is closed.
        let liar = try AgentConnection(socketPath: app.socketPath)
        try liar.sendRaw([0xFF, 0xFF, 0xFF, 0x7F, 0x40, 1, 2, 3])
        let liarFrames = try readUntilClosed(liar)
        #expect(
            liarFrames.contains { frame in
                if case .reply(let reply) = frame { return !reply.ok && reply.message.contains("malformed") }
                return false
            }
        )

        // Random bytes.
        var generator = SystemRandomNumberGenerator()
        let noise = try AgentConnection(socketPath: app.socketPath)
        try noise.sendRaw([0, 0, 0, 0] + (0..<4096).map { _ in UInt8.random(in: 0...255, using: &generator) })
        _ = try readUntilClosed(noise)

        // A well-framed command that does not decode, and a frame only the agent may send:
        // error replies, and the connection stays usable.
        let clumsy = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var clumsyMirror = LiveMirror()
        try clumsy.poll(into: &clumsyMirror) { $0.snapshotsCompleted == 1 }
        try clumsy.connection?.sendRaw([2, 0, 0, 0, 0x40, 0x7F])
        try clumsy.connection?.sendRaw(
            FrameEncoder().encode(
                .heartbeat(Heartbeat(monotonicNow: 1, liveCount: 0, droppedByAgent: 0, droppedByRecorder: 0))
            )
        )
        try clumsy.poll(into: &clumsyMirror) { $0.replies.count == 2 }
        #expect(clumsyMirror.replies.allSatisfy { !$0.ok })
        #expect(clumsyMirror.replies[0].message.hasPrefix("ignored a malformed frame"))
        #expect(clumsyMirror.replies[1].message.contains("a client may only send commands"))
        let request = try clumsy.requestSnapshot()
        try clumsy.poll(into: &clumsyMirror) { mirror in mirror.replies.contains { $0.requestID == request && $0.ok } }

        // Half a frame, then the client goes away.
        let quitter = try AgentConnection(socketPath: app.socketPath)
        try quitter.sendRaw([10, 0, 0, 0, 0x40, 0])
        quitter.close()

        // The app and the well-behaved client go on.
        let after = try app.send("create 1 after").compactMap { UInt64($0) }
        try bystander.poll(into: &mirror) { $0.live[after[0]] == "after" }
        #expect(bystander.state == .connected)
        try waitUntil("the agent closed the bad connections") { try app.send("stats").first == "2" }
        try app.quit()
    }
}

/// Every frame a connection gets until the agent closes it.
func readUntilClosed(_ connection: AgentConnection, timeout: Double = 30) throws -> [Frame] {
    var frames: [Frame] = []
    let deadline = Posix.monotonicNanoseconds() + UInt64(timeout * 1e9)
    while Posix.monotonicNanoseconds() < deadline {
        do {
            if let frame = try connection.nextFrame(timeout: 0.1) {
                frames.append(frame)
            }
        } catch .closed {
            return frames
        }
    }
    throw TestAppError("the agent did not close the connection")
}
