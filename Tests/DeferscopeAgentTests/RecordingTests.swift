import DeferredKit
import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Recordings: by the agent from the start (`DEFERSCOPE_RECORD`) and by `deferscope record`.
@Suite(.serialized) struct RecordingTests {
    @Test func theAgentRecordsEveryEventFromTheStart() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let path = directory + "/from-start.dsrec"
        let app = try TestApp(runtimeDirectory: directory, environment: ["DEFERSCOPE_RECORD": path])
        let ids = try app.send("create 3 recorded").compactMap { UInt64($0) }
        try app.send("fire recorded")
        try app.quit()

        let (frames, truncated) = try readRecording(path)
        #expect(truncated == 0)
        guard case .hello(let hello) = frames.first else {
            Issue.record("the recording does not start with hello: \(String(describing: frames.first))")
            return
        }
        #expect(hello.pid == app.pid)
        let updates = replay(frames)
        var mirror = LiveMirror()
        mirror.apply(updates)
        #expect(mirror.snapshotsCompleted == 1)
        // The agent's first snapshot may have caught these Deferreds (its walk runs while the app
        // goes on): then the record stands for their first events, and the rest follow it.
        var recorded: [UInt64: UInt32] = [:]
        for case .snapshotChains(let chains) in updates {
            for chain in chains { recorded[chain.id] = chain.sequence }
        }
        let lifetime: [DeferredEvent.Kind?] = [.created, .stepAdded, .stepAdded, .fired, .stepRan, .stepRan, .released]
        for id in ids[0]...ids[1] {
            let events = mirror.applied.filter { $0.id == id }
            let base = Int(recorded[id] ?? 0)
            #expect(events.map(\.kind) == Array(lifetime[base...]))
            #expect(events.map(\.sequence) == Array(UInt32(base + 1)...7))
        }
        #expect(mirror.live.isEmpty)
    }

    @Test func recordWritesWhatALiveClientSees() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        try app.send("create 20 before")
        let path = directory + "/client.dsrec"
        let recorder = try startDeferscope(
            ["record", String(app.pid), "-o", path, "--duration", "30"],
            runtimeDirectory: directory
        )
        try waitUntil("the recorder is attached") { try app.send("stats").first == "1" }
        let live = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var liveMirror = LiveMirror()
        try live.poll(into: &liveMirror) { $0.snapshotsCompleted == 1 }
        let during = try app.send("create 7 during").compactMap { UInt64($0) }
        try app.send("fire before")
        try live.poll(into: &liveMirror) { mirror in mirror.live.count == 7 }
        // The recorder has had time to get what the live client got; Ctrl-C ends it cleanly.
        try waitUntil("the recording has the events") {
            let (frames, _) = try readRecording(path)
            var mirror = LiveMirror()
            mirror.apply(replay(frames))
            return mirror.live.count == 7
        }
        kill(recorder.processIdentifier, SIGINT)
        recorder.waitUntilExit()
        #expect(recorder.terminationStatus == 0)
        let summary = String(
            decoding: (recorder.standardOutput as! Pipe).fileHandleForReading.readDataToEndOfFile(),
            as: UTF8.self
        )
        #expect(summary.hasPrefix("stopped: "))

        let (frames, truncated) = try readRecording(path)
        #expect(truncated == 0)
        var replayed = LiveMirror()
        replayed.apply(replay(frames))
        #expect(replayed.live == liveMirror.live)
        #expect(Set(replayed.live.keys) == Set(during[0]...during[1]))
        for id in during[0]...during[1] {
            #expect(replayed.applied.filter { $0.id == id }.map(\.kind) == [.created, .stepAdded, .stepAdded])
        }
        try app.quit()
    }

    @Test func aTruncatedRecordingReadsUpToTheCut() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let path = directory + "/cut.dsrec"
        let app = try TestApp(runtimeDirectory: directory, environment: ["DEFERSCOPE_RECORD": path])
        try app.send("create 100 cut")
        try app.quit()
        let whole = try readRecording(path).frames
        let size = fileSize(path)
        #expect(truncate(path, off_t(size - 3)) == 0)
        let (frames, truncated) = try readRecording(path)
        #expect(frames == Array(whole.dropLast()))
        #expect(truncated > 0)

        #expect(truncate(path, 5) == 0)
        #expect(throws: RecordingError.self) { try RecordingReader(path: path) }
        let garbage = directory + "/garbage.dsrec"
        _ = FileManager.default.createFile(atPath: garbage, contents: Data("not a recording at all".utf8))
        let error = #expect(throws: RecordingError.self) { try RecordingReader(path: garbage) }
        #expect(error?.description.contains("is not a deferscope recording") == true)
    }

    @Test func aStalledDiskDropsRecordedEventsAndNeverStallsTheApp() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        // A FIFO that is opened for reading and never read: every write blocks once it is full.
        let fifo = directory + "/stalled.dsrec"
        #expect(mkfifo(fifo, 0o600) == 0)
        let reader = open(fifo, O_RDONLY | O_NONBLOCK)
        defer { close(reader) }
        let app = try TestApp(
            runtimeDirectory: directory,
            environment: ["DEFERSCOPE_RECORD": fifo, "TESTAPP_RECORDING_QUEUE_KB": "256"]
        )
        try app.send("spin 2")
        var last = try app.number("progress")
        for _ in 0..<5 {
            try waitUntil("the app progresses while its recording is stalled") {
                try app.number("progress") > last + 20_000
            }
            last = try app.number("progress")
        }
        try app.send("unspin")
        let dropped = try #require(UInt64(try app.send("stats")[2]))
        #expect(dropped > 0)
        // Stopping does not wait for the stalled disk for long.
        try app.send("stop", timeout: 10)
        try app.quit()
    }
}

/// A recording's frames, and the bytes of a partial frame at its end.
func readRecording(_ path: String) throws -> (frames: [Frame], truncated: Int) {
    let reader = try RecordingReader(path: path)
    var frames: [Frame] = []
    while let frame = try reader.next() {
        frames.append(frame)
    }
    return (frames, reader.truncatedBytes)
}

/// What a client would have made of `frames`, through the same assembling code.
func replay(_ frames: [Frame]) -> [AgentClient.Update] {
    var assembler = StreamAssembler()
    return frames.flatMap { assembler.apply($0) }
}
