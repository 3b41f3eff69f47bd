import DeferscopeModel
import DeferscopeUI
import DeferscopeWire
import Foundation
import Testing

@testable import deferscope

#if canImport(Glibc)
import Glibc
#endif

/// The app dies under an attached dashboard: the dashboard says so, keeps its last picture, and
/// with `--follow` attaches to the next process of the same executable.
@Suite(.serialized) struct AppDeathTests {
    @Test func anAppKilledMidStreamIsReportedAndFollowedToItsSuccessor() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let first = try TestApp(runtimeDirectory: directory)
        let old = try first.send("create 5 old").compactMap { UInt64($0) }
        // What `deferscope attach <socket> --follow` and `attach <socket>` run, minus the screen.
        let feeds = Feeds(
            following: LiveFeed(
                client: AgentClient(target: .socket(first.socketPath), reconnects: true),
                configuration: ModelConfiguration()
            ),
            staying: LiveFeed(
                client: AgentClient(target: .socket(first.socketPath), reconnects: false),
                configuration: ModelConfiguration()
            )
        )
        let hasOld: (LiveFeed) -> Bool = { feed in
            (old[0]...old[1]).allSatisfy { feed.model.deferred($0)?.label == "old" }
        }
        try feeds.update("both are live") { $0.both { feed in feed.status == .live && hasOld(feed) } }

        // Killed while it streams to both.
        try first.send("spin 1")
        try feeds.update("both receive the stream") { $0.both { $0.model.recentEventCount > 10_000 } }
        kill(first.pid, SIGKILL)
        first.process.waitUntilExit()
        let name = try #require(feeds.staying.model.hello?.processName)
        try feeds.update("both see the exit") {
            $0.staying.status == .exited(pid: first.pid)
                && $0.following.status == .awaitingRestart(pid: first.pid, name: name)
        }
        #expect(feeds.staying.status.summary == "process \(first.pid) exited")
        #expect(feeds.following.status.summary == "process \(first.pid) exited; waiting for \(name) to start again")
        for feed in [feeds.following, feeds.staying] {
            // The last picture stays readable.
            #expect(hasOld(feed))
            #expect(feed.model.hello?.pid == first.pid)
        }
        // Killed, it left its socket behind; the follower must not take that for a new process.
        #expect(access(first.socketPath, F_OK) == 0)
        try feeds.update("the follower is waiting") {
            $0.following.client.lastError?.description.contains("waiting for") == true
        }
        #expect(feeds.following.status == .awaitingRestart(pid: first.pid, name: name))

        // A new process of the same executable: new pid, new socket.
        let second = try TestApp(runtimeDirectory: directory)
        let new = try second.send("create 4 new").compactMap { UInt64($0) }
        #expect(second.socketPath != first.socketPath)
        let secondReady = Posix.monotonicNanoseconds()
        try feeds.update("the follower attaches to the new process") { feeds in
            let following = feeds.following
            return following.model.hello?.pid == second.pid && following.status == .live
                && (new[0]...new[1]).allSatisfy { following.model.deferred($0)?.label == "new" }
        }
        let seconds = Double(Posix.monotonicNanoseconds() - secondReady) / 1e9
        print(
            "fault: the follower showed process \(second.pid)'s snapshot \(String(format: "%.2f", seconds)) s after it was ready"
        )
        #expect(feeds.following.client.reconnections == 1)
        #expect(feeds.following.model.count(of: .pending) == 4)
        // Without --follow the dashboard stays on the dead process's last picture.
        #expect(feeds.staying.status == .exited(pid: first.pid))
        #expect(feeds.staying.model.hello?.pid == first.pid && hasOld(feeds.staying))
        try second.quit()
        try feeds.update("the follower sees the second exit") {
            $0.following.status == .awaitingRestart(pid: second.pid, name: name)
        }
    }
}

/// Two dashboards' feeds on one process, polled in turn as the dashboard loop polls its one.
private final class Feeds {
    var following: LiveFeed
    var staying: LiveFeed

    init(following: LiveFeed, staying: LiveFeed) {
        self.following = following
        self.staying = staying
    }

    /// Whether `condition` holds for both feeds.
    func both(_ condition: (LiveFeed) -> Bool) -> Bool {
        condition(following) && condition(staying)
    }

    /// Polls both until `condition` holds; fails with `what` after 30 seconds.
    func update(_ what: String, until condition: (Feeds) -> Bool) throws {
        let deadline = Posix.monotonicNanoseconds() + 30_000_000_000
        while !condition(self) {
            guard Posix.monotonicNanoseconds() < deadline else {
                throw TestAppError("timed out: \(what) (\(following.status.summary); \(staying.status.summary))")
            }
            _ = following.update(timeout: 0.01)
            _ = staying.update(timeout: 0.01)
        }
    }
}
