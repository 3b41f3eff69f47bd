import DeferscopeModel
import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// Recordings that hit a full disk (a file-size limit on the writing process, `RLIMIT_FSIZE`):
/// the app goes on, the loss is counted and reported, and the file replays up to the cut.
@Suite(.serialized) struct DiskFullTests {
    @Test func theAgentsRecordingStopsAtTheLimitAndCountsWhatItMisses() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let path = directory + "/full.dsrec"
        let app = try TestApp(runtimeDirectory: directory, environment: ["DEFERSCOPE_RECORD": path])
        let before = try app.send("create 100 before").compactMap { UInt64($0) }
        try waitUntil("the recording has the first Deferreds") { (try? recordedLabels(path))?.count == 100 }
        let limit = fileSize(path) + (256 << 10)
        try limitFileSize(of: app.pid, to: limit)

        try expectTheRecordingToFail(app, path: path, limit: limit, because: "File too large", keeping: before)
    }

    @Test(.enabled(if: getuid() == 0 && access("/usr/bin/mount", X_OK) == 0, "needs root to mount a tmpfs"))
    func theAgentsRecordingStopsOnAFullTmpfsAndCountsWhatItMisses() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let disk = directory + "/disk"
        mkdir(disk, 0o700)
        let limit = 384 << 10
        try runTool("/usr/bin/mount", ["-t", "tmpfs", "-o", "size=\(limit)", "tmpfs", disk])
        defer { try? runTool("/usr/bin/umount", ["-l", disk]) }
        let path = disk + "/full.dsrec"
        let app = try TestApp(runtimeDirectory: directory, environment: ["DEFERSCOPE_RECORD": path])
        let before = try app.send("create 100 before").compactMap { UInt64($0) }
        try waitUntil("the recording has the first Deferreds") { (try? recordedLabels(path))?.count == 100 }
        try expectTheRecordingToFail(
            app,
            path: path,
            limit: limit,
            because: "No space left on device",
            keeping: before
        )
    }

    /// Spins the app until its recording fails for `reason`, then checks that the app goes on,
    /// the loss is counted and told to clients, and the file replays up to the cut with the
    /// Deferreds `before` (first and last id) in it. Ends the app.
    private func expectTheRecordingToFail(
        _ app: TestApp,
        path: String,
        limit: Int,
        because reason: String,
        keeping before: [UInt64]
    ) throws {
        try app.send("spin 1")
        try waitUntil("the recording fails") { try app.send("recording").joined(separator: " ") != "-" }
        let failure = try app.send("recording").joined(separator: " ")
        #expect(failure.contains(reason), "\(failure)")
        #expect(failure.contains("later events are not recorded"))
        let residentAtFailure = try residentKilobytes(of: app.pid)

        // The app goes on, and every event from then on is counted as missing from the recording.
        var dropped = try #require(UInt64(try app.send("stats")[2]))
        var progress = try app.number("progress")
        var residentPeak = residentAtFailure
        for _ in 0..<5 {
            try waitUntil("the app progresses after the disk filled") {
                try app.number("progress") > progress + 20_000
            }
            progress = try app.number("progress")
            let now = try #require(UInt64(try app.send("stats")[2]))
            #expect(now > dropped, "the recording's loss is not counted")
            dropped = now
            residentPeak = max(residentPeak, try residentKilobytes(of: app.pid))
        }
        // Nothing waits for the full disk: the queue stays empty.
        let queued = try #require(Int(try app.send("stats")[3]))
        #expect(queued < 1 << 20)
        #expect(residentPeak - residentAtFailure < 16 << 10)

        // A dashboard attaching now is told in the heartbeat.
        let client = AgentClient(target: .socket(app.socketPath), reconnects: false)
        var told: UInt64 = 0
        try waitUntil("a client hears of the loss") {
            for case .heartbeat(let beat) in client.poll(timeout: 0.1) {
                told = beat.droppedByRecorder
            }
            return told > 0
        }
        client.close()
        try app.send("unspin")
        try app.quit()

        // The partial recording replays up to the cut.
        #expect(fileSize(path) <= limit)
        let reader = try RecordingReader(path: path)
        var frames = 0
        while try reader.next() != nil {
            frames += 1
        }
        #expect(frames > 3)
        #expect(reader.offset + reader.truncatedBytes == fileSize(path))
        print(
            "fault: agent recording (\(reason)) cut at \(fileSize(path)) bytes (limit \(limit)), "
                + "\(reader.truncatedBytes) bytes of a partial frame; \(dropped) events counted as not recorded; "
                + "resident \(residentAtFailure) KB at the failure, peak \(residentPeak) KB after"
        )
        #expect(Set(try recordedLabels(path).keys).isSuperset(of: Set(before[0]...before[1])))
        let timeline = try ReplayTimeline.load(recordingAt: path)
        #expect(timeline.count > 0)
    }

    @Test func recordStopsAtTheLimitWithAClearMessageAndTheAppGoesOn() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        let before = try app.send("create 100 before").compactMap { UInt64($0) }
        try app.send("spin 1")
        let path = directory + "/client.dsrec"
        let recorder = try startDeferscope(["record", app.socketPath, "-o", path], runtimeDirectory: directory)
        try waitUntil("the recorder receives the stream") { fileSize(path) > 64 << 10 }
        let limit = fileSize(path) + (256 << 10)
        try limitFileSize(of: recorder.processIdentifier, to: limit)

        defer { if recorder.isRunning { kill(recorder.processIdentifier, SIGKILL) } }
        try waitUntil("the recorder stops at the limit", timeout: 30) { !recorder.isRunning }
        recorder.waitUntilExit()
        let errors = (recorder.standardError as! Pipe).fileHandleForReading.readDataToEndOfFile()
        let message = String(decoding: errors, as: UTF8.self)
        #expect(recorder.terminationReason == .exit && recorder.terminationStatus == 1)
        #expect(message.contains("the recording stopped: writing \(path) failed"), "\(message)")
        #expect(message.contains("File too large"), "\(message)")
        #expect(message.contains("replays up to the cut"), "\(message)")

        // The app lost a client, nothing else.
        let progress = try app.number("progress")
        try waitUntil("the app progresses after the recorder stopped") {
            try app.number("progress") > progress + 20_000
        }
        try waitUntil("the agent lets the recorder go") { try app.send("stats")[0] == "0" }
        try app.send("unspin")
        try app.quit()

        #expect(fileSize(path) <= limit)
        let reader = try RecordingReader(path: path)
        while try reader.next() != nil {}
        #expect(reader.offset + reader.truncatedBytes == fileSize(path))
        print(
            "fault: record cut at \(fileSize(path)) bytes (limit \(limit)), \(reader.truncatedBytes) bytes of a "
                + "partial frame at the end; stderr: \(message.trimmingCharacters(in: .whitespacesAndNewlines))"
        )
        let labels = try recordedLabels(path)
        #expect(Set(labels.keys).isSuperset(of: Set(before[0]...before[1])))
    }
}

/// The live Deferreds a recording's replay ends with (id -> label), through the client's own
/// assembling code.
private func recordedLabels(_ path: String) throws -> [UInt64: String?] {
    var mirror = LiveMirror()
    mirror.keepsEvents = false
    mirror.apply(replay(try readRecording(path).frames))
    return mirror.live
}

/// Runs `tool` with `arguments` and waits; throws unless it exits with 0.
private func runTool(_ tool: String, _ arguments: [String]) throws {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = arguments
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0 else {
        throw TestAppError("\(tool) \(arguments.joined(separator: " ")) exited with \(process.terminationStatus)")
    }
}
