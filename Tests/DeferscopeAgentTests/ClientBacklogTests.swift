import DeferredKit
import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A client that fell behind (a dashboard starved of CPU) reads its backlog a bounded batch at a
/// time: what one poll decodes does not grow with what the agent queued for it. After its first
/// frame a poll takes only frames already read (`nextFrame(timeout: 0)` does not read again), so
/// one poll decodes at most one read of the socket (256 KiB) plus the frame it waited for.
@Suite(.serialized) struct ClientBacklogTests {
    @Test func aClientThatFellBehindDecodesABoundedBatchPerPoll() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        try app.send("create 100 resident")
        let client = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var mirror = LiveMirror()
        mirror.keepsEvents = false
        try client.poll(into: &mirror) { $0.snapshotsCompleted == 1 }

        // The client stops reading while the app spins, until the agent has queued 8 MB for it:
        // hundreds of thousands of events, many times what one poll may decode.
        try app.send("spin 1")
        try waitUntil("8 MB are queued for the stalled client") {
            (Int(try app.send("stats")[3]) ?? 0) > 8 << 20
        }
        try app.send("unspin")
        let truth = try liveIDs(app)

        // Reading again, poll by poll, until the picture is the app's and nothing more comes.
        var largest = 0
        var total = 0
        try waitUntil("the client read its backlog and is whole") {
            let updates = client.poll(timeout: 0.1)
            mirror.apply(updates)
            let records = updates.reduce(0) { $0 + $1.recordCount }
            largest = max(largest, records)
            total += records
            return updates.isEmpty && client.state == .connected && Set(mirror.live.keys) == truth
        }
        print("backlog: \(total) records read in polls of at most \(largest)")
        // Every record takes at least a byte on the wire, so one read of 256 KiB bounds a poll.
        #expect(total > readBufferBytes, "the backlog was \(total) records, less than one poll may take")
        #expect(largest <= readBufferBytes, "one poll returned \(largest) records")
        #expect(mirror.disorder.isEmpty)
        #expect(truth.count == 100)
        try app.quit()
    }

    /// A snapshot of more Deferreds than one round of the agent's loop sends waits behind a slow
    /// client's queue, and the client holds every event queued meanwhile until the snapshot ends.
    /// The agent queues at most 2 MB of events for a client whose snapshot is in progress (not
    /// the 16 MB of a client in step); past that the client loses events, is told, and is
    /// resynchronized after the snapshot.
    @Test func eventsQueuedBehindASnapshotInProgressAreBounded() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        // 100,000 records are megabytes of snapshot: many rounds at the 1 MB high-water mark.
        try app.send("create 100000 resident")
        try app.send("spin 1")
        let client = AgentClient(target: .socket(app.socketPath), reconnects: false)
        try client.connect()
        try waitUntil("the agent took the client") { Int(try app.send("stats")[0]) == 1 }

        // The client reads nothing while the app makes 200,000 Deferreds: a million events, tens
        // of megabytes on the wire, all while its snapshot waits.
        let progressAtAttach = try app.number("progress")
        var mostQueued = 0
        try waitUntil("the app made 200,000 Deferreds with the client stalled", timeout: 120) {
            mostQueued = max(mostQueued, Int(try app.send("stats")[3]) ?? 0)
            return try app.number("progress") > progressAtAttach + 200_000
        }
        try app.send("unspin")
        let truth = try liveIDs(app)
        print("backlog: at most \(mostQueued) bytes queued for a client whose snapshot was in progress")
        // 2 MB of events, plus what a snapshot round and the definitions add below the mark.
        #expect(mostQueued < 3 << 20, "\(mostQueued) bytes were queued behind the snapshot")
        #expect(mostQueued > 1 << 20, "the snapshot did not wait behind the queue (\(mostQueued) bytes)")

        // Reading again: the snapshot ends, the loss is reported, a new snapshot makes it whole.
        var mirror = LiveMirror()
        mirror.keepsEvents = false
        try client.poll(into: &mirror, timeout: 120) { mirror in
            mirror.lost > 0 && client.state == .connected && Set(mirror.live.keys) == truth
        }
        #expect(mirror.snapshotReasons.contains(.resync))
        #expect(mirror.lossReasons.contains(.clientTooSlow))
        #expect(truth.count >= 100_000)
        #expect(mirror.disorder.isEmpty)
        try app.quit()
    }

    /// The frames come faster than the client decodes them: a thread blocked in `send` refills
    /// the socket as soon as the client reads (what an agent with a backlog does to a client
    /// slowed down by a loaded machine), so every read finds more.
    @Test func aBacklogThatArrivesFasterThanItIsDecodedIsReadInBoundedPolls() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let path = directory + "/agent.sock"
        let listener = try listeningSocket(at: path)
        defer { UnixSocket.systemClose(listener) }
        let client = AgentClient(target: .socket(path), reconnects: false)
        try client.connect()
        let server = UnixSocket.acceptConnection(listener)
        try #require(server >= 0)
        let frames = 64
        let perFrame = 4_096
        let encoder = FrameEncoder()
        let hello = encoder.encode(
            .hello(
                Hello(
                    pid: 1,
                    processName: "agent",
                    executablePath: "/agent",
                    processStartTime: 0,
                    monotonicBase: 0,
                    wallClockAtBase: 0,
                    liveCount: 0,
                    includesValues: false
                )
            )
        )
        let events = encoder.encode(
            .events(
                (1...perFrame).map {
                    EventRecord(
                        kindRawValue: DeferredEvent.Kind.created.rawValue,
                        id: UInt64($0),
                        sequence: 1,
                        timestamp: 1
                    )
                }
            )
        )
        let writer = Thread {
            try? UnixSocket.sendAll(server, hello)
            for _ in 0..<frames { try? UnixSocket.sendAll(server, events) }
            UnixSocket.systemClose(server)
        }
        writer.start()

        var largest = 0
        var total = 0
        var ended = false
        try waitUntil("the client read every frame and the end") {
            let updates = client.poll(timeout: 0.1)
            let records = updates.reduce(0) { $0 + $1.recordCount }
            largest = max(largest, records)
            total += records
            ended = ended || updates.contains { if case .disconnected = $0 { true } else { false } }
            return ended
        }
        print("backlog: \(total) records read in polls of at most \(largest)")
        #expect(total == frames * perFrame)
        // The frames one read holds, plus the one whose end that read completed.
        let framesPerRead = readBufferBytes / events.count + 1
        #expect(largest <= framesPerRead * perFrame, "one poll returned \(largest) records")
        #expect(frames > 4 * framesPerRead)
    }
}

/// A listening Unix socket at `path`.
private func listeningSocket(at path: String) throws -> Int32 {
    let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard fd >= 0 else { throw PosixError("socket") }
    var address = try UnixSocket.address(path)
    let bound = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
        }
    }
    guard bound == 0, listen(fd, 1) == 0 else {
        UnixSocket.systemClose(fd)
        throw PosixError("bind", path)
    }
    return fd
}

extension AgentClient.Update {
    /// The events or snapshot records an update carries.
    fileprivate var recordCount: Int {
        switch self {
        case .events(let events): return events.count
        case .snapshotChains(let chains): return chains.count
        default: return 0
        }
    }
}

/// What `AgentConnection` reads from its socket at a time.
private let readBufferBytes = 256 << 10
