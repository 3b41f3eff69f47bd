import DeferredKit
import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Clients that come and go, die, or stop reading: the app goes on, and each client's picture
/// is whole again once it reads.
@Suite(.serialized) struct ClientFailureTests {
    @Test func twoClientsAtOnceAndOneKilledMidStream() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        try app.send("create 100 resident")
        let first = AgentClient(target: .socket(app.socketPath), reconnects: false)
        let second = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var firstMirror = LiveMirror()
        var secondMirror = LiveMirror()
        firstMirror.keepsEvents = false
        secondMirror.keepsEvents = false
        try first.poll(into: &firstMirror) { $0.snapshotsCompleted == 1 }
        try second.poll(into: &secondMirror) { $0.snapshotsCompleted == 1 }

        // A third client in its own process, killed while the stream flows.
        let recording = directory + "/killed.dsrec"
        let recorder = try startDeferscope(["record", app.socketPath, "-o", recording], runtimeDirectory: directory)
        try waitUntil("the recorder is attached") { try app.send("stats").first == "3" }
        try app.send("spin 1")
        try waitUntil("the recorder has received events") { fileSize(recording) > 64 << 10 }
        kill(recorder.processIdentifier, SIGKILL)
        recorder.waitUntilExit()
        #expect(recorder.terminationReason == .uncaughtSignal)

        // The app goes on: it keeps making Deferreds, and the agent notices the client is gone.
        let before = try app.number("progress")
        try waitUntil("the app progresses after the kill") { try app.number("progress") > before + 20_000 }
        try waitUntil("the agent dropped the killed client") { try app.send("stats").first == "2" }

        // Both remaining clients still receive events while the app spins.
        // (Their ids interleave with the spinning threads' ones, so they are found by label.)
        try app.send("create 5 marker")
        let markers: (LiveMirror) -> Bool = { mirror in mirror.live.values.filter { $0 == "marker" }.count == 5 }
        try first.poll(into: &firstMirror, "first sees the markers", until: markers)
        try second.poll(into: &secondMirror, "second sees the markers", until: markers)
        try app.send("unspin")

        // Whole: after the spinning stops, each picture equals a fresh snapshot.
        let truth = try liveIDs(app)
        try first.poll(into: &firstMirror, "first is whole") { Set($0.live.keys) == truth && first.state == .connected }
        try second.poll(into: &secondMirror, "second is whole") {
            Set($0.live.keys) == truth && second.state == .connected
        }
        #expect(truth.count == 105)
        #expect(firstMirror.disorder.isEmpty && secondMirror.disorder.isEmpty)
        try app.quit()
    }

    @Test func aStalledClientCostsTheAppBoundedMemoryAndIsResynchronizedWhenItReads() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory, environment: ["TESTAPP_CLIENT_QUEUE_KB": "1024"])
        try app.send("create 1000 resident")
        let client = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var mirror = LiveMirror()
        mirror.keepsEvents = false
        try client.poll(into: &mirror) { $0.snapshotsCompleted == 1 }

        // The client stops reading. The app's threads must keep going and its memory must
        // stop growing once the client's queue and socket buffer are full.
        try app.send("spin 2")
        try waitUntil("warm-up") { try app.number("progress") > 50_000 }
        var samples: [(progress: Int, residentKB: Int)] = []
        for _ in 0..<8 {
            let last = samples.last?.progress ?? 0
            try waitUntil("the app progresses while the client is stalled") {
                try app.number("progress") > last + 40_000
            }
            samples.append((try app.number("progress"), try app.number("rss")))
        }
        try app.send("unspin")
        let made = samples.last!.progress - samples.first!.progress
        let grown = samples.map(\.residentKB).max()! - samples.first!.residentKB
        // Each Deferred here is five events, about 100 bytes on the wire: what an unbounded
        // queue would have kept is far above what the app may grow by.
        #expect(made >= 280_000)
        #expect(grown < 16 << 10, "resident memory grew by \(grown) KB while \(made) Deferreds were made")

        // Reading again: told of the loss, then resynchronized to the truth.
        let truth = try liveIDs(app)
        try client.poll(into: &mirror) { mirror in
            mirror.lost > 0 && client.state == .connected && Set(mirror.live.keys) == truth
        }
        #expect(mirror.snapshotReasons.contains(.resync))
        #expect(client.totalLost == mirror.lost)
        #expect(truth.count == 1_000)
        #expect(mirror.disorder.isEmpty)
        try app.quit()
    }
}

/// The ids of the app's live Deferreds, from a fresh snapshot.
func liveIDs(_ app: TestApp) throws -> Set<UInt64> {
    Set(try AgentSnapshot.take(from: .socket(app.socketPath)).chains.map(\.id))
}

/// Waits until `condition` holds, checking every 20 ms; fails with `what` after `timeout` seconds.
func waitUntil(_ what: String, timeout: Double = 60, _ condition: () throws -> Bool) throws {
    let deadline = Posix.monotonicNanoseconds() + UInt64(timeout * 1e9)
    while try !condition() {
        guard Posix.monotonicNanoseconds() < deadline else { throw TestAppError("timed out: \(what)") }
        Posix.sleep(seconds: 0.02)
    }
}

/// A file's size in bytes, or 0.
func fileSize(_ path: String) -> Int {
    var info = stat()
    return stat(path, &info) == 0 ? Int(info.st_size) : 0
}
