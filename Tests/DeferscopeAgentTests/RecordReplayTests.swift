import DeferscopeModel
import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A 20-second session of the demo, watched live and recorded at once: the replay's last picture
/// equals the live one.
@Suite struct RecordReplayTests {
    @Test func aRecordedSessionReplaysToTheSamePictureTheLiveViewShowed() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let demo = try startDeferscope(
            ["demo", "--app-only", "--seed", "5", "--rate", "100"],
            runtimeDirectory: directory
        )
        defer { if demo.isRunning { kill(demo.processIdentifier, SIGKILL) } }
        var lines = LineReader(fd: (demo.standardOutput as! Pipe).fileHandleForReading.fileDescriptor)
        _ = try lines.next(timeout: 30, what: "the demo")
        let socket = String(try lines.next(timeout: 30, what: "the demo").dropFirst("socket ".count))

        let path = directory + "/session.dsrec"
        let recorder = try startDeferscope(["record", socket, "-o", path], runtimeDirectory: directory)
        let live = AgentClient(target: .socket(socket), reconnects: false)
        var model = DeferscopeModel()
        let start = Posix.monotonicNanoseconds()
        while Posix.monotonicNanoseconds() - start < 20_000_000_000 {
            model.apply(live.poll(timeout: 0.1))
        }
        // The workload stops (SIGUSR1; the app and its agent stay) and the live picture is let
        // settle whole: a slow client (a loaded machine, a sanitizer) may be resynchronizing after
        // lost events, and a picture caught mid-snapshot is not the one to compare.
        kill(demo.processIdentifier, SIGUSR1)
        var wholeSince: UInt64?
        let settleDeadline = Posix.monotonicNanoseconds() + 60_000_000_000
        while Posix.monotonicNanoseconds() < settleDeadline {
            model.apply(live.poll(timeout: 0.1))
            guard model.phase == .live, live.state == .connected else {
                wholeSince = nil
                continue
            }
            let now = Posix.monotonicNanoseconds()
            if now - (wholeSince ?? now) > 2_000_000_000 { break }
            wholeSince = wholeSince ?? now
        }
        #expect(model.phase == .live, "the live picture did not settle whole within 60 s")
        // The app ends the session for everyone at the same event: both streams end there.
        kill(demo.processIdentifier, SIGINT)
        while live.state.isAttached {
            model.apply(live.poll(timeout: 0.1))
        }
        recorder.waitUntilExit()
        #expect(recorder.terminationStatus == 0)

        var replay = try ReplayTimeline.load(recordingAt: path)
        replay.seek(toPosition: replay.count)
        var replayed = replay.model
        // Compare them at the same moment (the live client may have seen one more heartbeat, which
        // moves its clock), once the finished Deferreds have aged out of both: the recorder and the
        // live client attached a few milliseconds apart, and what was released in between is
        // shown (for the retention time) only by the one that attached first.
        let end = max(model.now, replayed.now) + model.configuration.finishedRetention + 1_000_000_000
        model.advance(to: end)
        replayed.advance(to: end)
        #expect(model.hello?.pid == demo.processIdentifier)
        #expect(replayed.hello?.pid == demo.processIdentifier)
        #expect(model.statistics.liveCount > 0 || model.statistics.releasedCount > 0)
        for kind in DeferredStatusKind.allCases {
            #expect(replayed.statistics.count(kind) == model.statistics.count(kind), "\(kind)")
        }
        #expect(replayed.count(of: .pending) == model.count(of: .pending))
        #expect(replayed.count(of: .failures) == model.count(of: .failures))
        #expect(replayed.deadlocks.count == model.deadlocks.count)
        #expect(replayed.lostEvents == model.lostEvents)
    }
}
