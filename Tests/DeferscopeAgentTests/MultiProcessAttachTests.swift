import DeferscopeModel
import DeferscopeUI
import DeferscopeWire
import Foundation
import Testing

@testable import deferscope

#if canImport(Glibc)
import Glibc
#endif

/// One dashboard over several real processes: `attach PID PID`, `attach --all`, processes that
/// come and go, and commands that reach the right one.
@Suite(.serialized) struct MultiProcessAttachTests {
    @Test func attachWithTwoPidsShowsBothInOnePicture() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let api = try TestApp(runtimeDirectory: directory)
        let worker = try TestApp(runtimeDirectory: directory)
        _ = try api.send("create 3 alpha")
        _ = try worker.send("create 2 beta")
        let run = try runDeferscope(["attach", "\(api.pid)", "\(worker.pid)"], runtimeDirectory: directory)
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first?.contains("2 processes  live  pending 5") == true, "\(run.output)")
        let strip = try #require(lines.dropFirst().first)
        #expect(strip.contains("\(api.pid) live pend 3"), "\(strip)")
        #expect(strip.contains("\(worker.pid) live pend 2"), "\(strip)")
        #expect(lines.filter { $0.contains("alpha") && $0.contains("\(api.pid) ") }.count == 3, "\(run.output)")
        #expect(lines.filter { $0.contains("beta") && $0.contains("\(worker.pid) ") }.count == 2, "\(run.output)")

        // A filter by process.
        let filtered = try runDeferscope(
            ["attach", "\(api.pid)", "\(worker.pid)", "--filter", "pid:\(worker.pid)"],
            runtimeDirectory: directory
        )
        #expect(filtered.output.contains("beta"))
        #expect(!filtered.output.contains("alpha"), "\(filtered.output)")

        // --all finds both.
        let all = try runDeferscope(["attach", "--all"], runtimeDirectory: directory)
        #expect(all.output.contains("2 processes  live  pending 5"), "\(all.output)\(all.errors)")
        try api.quit()
        try worker.quit()
    }

    @Test func badCombinationsAreRefusedWithAReason() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let both = try runDeferscope(["attach", "--all", "4242"], runtimeDirectory: directory)
        #expect(both.status == 64)
        #expect(both.errors.contains("give processes or --all, not both"), "\(both.errors)")
        let none = try runDeferscope(["attach"], runtimeDirectory: directory)
        #expect(none.status == 64)
        #expect(none.errors.contains("which process?"), "\(none.errors)")
        let twice = try runDeferscope(["attach", "4242", "4242"], runtimeDirectory: directory)
        #expect(twice.errors.contains("a process is named twice"), "\(twice.errors)")
        let gone = try runDeferscope(["attach", "\(getpid())", "999999"], runtimeDirectory: directory)
        #expect(gone.status != 0)
        #expect(gone.errors.contains("pid"), "\(gone.errors)")
    }

    @Test func processesComeAndGoUnderAttachAll() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let first = try TestApp(runtimeDirectory: directory)
        let second = try TestApp(runtimeDirectory: directory)
        _ = try first.send("create 3 first")
        _ = try second.send("create 2 second")
        let socketDirectory = String(first.socketPath[..<first.socketPath.lastIndex(of: "/")!])
        var feed = MultiProcessFeed(scope: .all, configuration: ModelConfiguration(), socketDirectory: socketDirectory)
        try feed.start()
        defer { feed.closeAll() }
        try feed.update("both are live") {
            $0.status == .live && $0.model.processes.count == 2 && $0.model.count(of: .pending) == 5
        }

        // One is killed: it is said to have exited, its rows leave, the other goes on.
        kill(first.pid, SIGKILL)
        first.process.waitUntilExit()
        try feed.update("the first is gone") { feed in
            feed.model.processes.contains { $0.hello.pid == first.pid && !$0.isAttached }
        }
        let ended = try #require(feed.model.processes.first { $0.hello.pid == first.pid })
        #expect(ended.endReason == "process \(first.pid) exited")
        #expect(feed.model.count(of: .pending) == 2)
        #expect(feed.status == .live)
        _ = try second.send("create 1 later")
        try feed.update("the second still streams") { $0.model.count(of: .pending) == 3 }

        // A process that starts later is taken in.
        let third = try TestApp(runtimeDirectory: directory)
        _ = try third.send("create 4 third")
        try feed.update("the third is attached") { feed in
            feed.model.processes.contains { $0.hello.pid == third.pid && $0.isLoaded }
                && feed.model.count(of: .pending) == 7
        }
        let thirdRows = feed.model.window(
            of: .pending,
            filter: try DeferredFilter(parsing: "pid:\(third.pid)"),
            offset: 0,
            count: 10
        )
        #expect(thirdRows.rows.map(\.label) == Array(repeating: "third", count: 4))

        // A cancel reaches the process the Deferred belongs to.
        let target = try #require(thirdRows.rows.first)
        let message = feed.perform(.cancel(target.id))
        #expect(message?.contains("in ") == true && message?.contains("\(third.pid)") == true, "\(message ?? "-")")
        try feed.update("the third's Deferred is cancelled") { feed in
            feed.model.deferred(target.id)?.wasCancelled == true
        }
        #expect(try third.send("state \(feed.model.localID(target.id))").joined(separator: " ").contains("cancelled"))
        try second.quit()
        try third.quit()
    }

    @Test func followReplacesAnExitedProcessByTheNextOfItsExecutable() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let first = try TestApp(runtimeDirectory: directory)
        _ = try first.send("create 2 old")
        var feed = MultiProcessFeed(
            scope: .targets([.socket(first.socketPath)], follow: true),
            configuration: ModelConfiguration(),
            socketDirectory: String(first.socketPath[..<first.socketPath.lastIndex(of: "/")!])
        )
        try feed.start()
        defer { feed.closeAll() }
        try feed.update("attached") { $0.model.count(of: .pending) == 2 }
        try first.quit()
        try feed.update("the exit is seen") { feed in feed.model.processes.allSatisfy { !$0.isAttached } }
        let second = try TestApp(runtimeDirectory: directory)
        _ = try second.send("create 3 new")
        try feed.update("the successor is attached") { feed in
            feed.model.processes.contains { $0.hello.pid == second.pid && $0.isLoaded }
                && feed.model.count(of: .pending) == 3
        }
        #expect(feed.model.processes.map(\.hello.pid) == [first.pid, second.pid])
        try second.quit()
    }
}

extension MultiProcessFeed {
    /// Polls until `condition` holds; fails with `what` after 30 seconds.
    mutating func update(_ what: String, until condition: (MultiProcessFeed) -> Bool) throws {
        let deadline = Posix.monotonicNanoseconds() + 30_000_000_000
        while !condition(self) {
            guard Posix.monotonicNanoseconds() < deadline else {
                throw TestAppError("timed out: \(what) (\(status.summary); \(model.processes.map(\.title)))")
            }
            _ = update(timeout: 0.02)
        }
    }
}
