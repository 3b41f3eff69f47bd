import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `deferscope dump` and `check` against a real process, and against none.
@Suite(.serialized) struct CommandLineTests {
    @Test func dumpPrintsOneConsistentSnapshotAsATable() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        let ids = try app.send("create 3 fetch").compactMap { UInt64($0) }
        let nested = try app.send("nest outer").compactMap { UInt64($0) }
        let run = try runDeferscope(["dump", String(app.pid)], runtimeDirectory: directory)
        #expect(run.status == 0, "\(run.errors)")
        let lines = run.output.split(separator: "\n").map(String.init)
        #expect(lines.first == "DeferscopeTestA (pid \(app.pid)): 5 live Deferreds, 5 pending")
        #expect(lines[1].hasPrefix("ID") && lines[1].contains("NEXT STEP") && lines[1].contains("WAITS ON"))
        let fetch = lines.filter { $0.contains(" fetch ") }
        #expect(fetch.count == 3)
        #expect(fetch.allSatisfy { $0.contains("double (callback) at DeferscopeTestApp/main.swift:") })
        #expect(fetch.first?.hasPrefix("#\(ids[0])") == true)
        let outer = try #require(lines.first { $0.hasPrefix("#\(nested[0]) ") })
        #expect(outer.contains("waiting") && outer.contains("#\(nested[1])"))
        try app.quit()
    }

    @Test func dumpJSONFollowsTheDocumentedSchema() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        let ids = try app.send("create 2 \"quoted\"\\label").compactMap { UInt64($0) }
        let nested = try app.send("nest outer").compactMap { UInt64($0) }
        let run = try runDeferscope(["dump", app.socketPath, "--json"], runtimeDirectory: directory)
        #expect(run.status == 0, "\(run.errors)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(run.output.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "deferscope.dump/1")
        #expect(object["count"] as? Int == 4)
        #expect(object["pending"] as? Int == 4)
        let process = try #require(object["process"] as? [String: Any])
        #expect(process["pid"] as? Int == Int(app.pid))
        #expect((process["executable"] as? String)?.hasSuffix("/DeferscopeTestApp") == true)
        let deferreds = try #require(object["deferreds"] as? [[String: Any]])
        let first = try #require(deferreds.first { $0["id"] as? Int == Int(ids[0]) })
        #expect(first["label"] as? String == "\"quoted\"\\label")
        #expect(first["state"] as? String == "pending")
        let steps = try #require(first["pendingSteps"] as? [[String: Any]])
        #expect(steps.map { $0["label"] as? String } == ["double", "describe"])
        #expect(steps.map { $0["kind"] as? String } == ["callback", "callback"])
        let created = try #require(first["createdAt"] as? [String: Any])
        #expect(created["file"] as? String == "DeferscopeTestApp/main.swift")
        let outer = try #require(deferreds.first { $0["id"] as? Int == Int(nested[0]) })
        #expect(outer["state"] as? String == "waiting")
        #expect(outer["waitingOn"] as? Int == Int(nested[1]))
        let inner = try #require(deferreds.first { $0["id"] as? Int == Int(nested[1]) })
        #expect(inner["waiters"] as? [Int] == [Int(nested[0])])
        #expect(first["timeout"] is NSNull && first["outcome"] is NSNull)
        try app.quit()
    }

    @Test func anUnreachableProcessIsAClearErrorAndAFailingStatus() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let dead = try deadPID()
        let run = try runDeferscope(["dump", String(dead)], runtimeDirectory: directory)
        #expect(run.status != 0)
        #expect(run.errors.contains("no process \(dead) is running"))
        #expect(run.output.isEmpty)

        let path = try runDeferscope(["dump", directory + "/nothing.sock"], runtimeDirectory: directory)
        #expect(path.status != 0)
        #expect(path.errors.contains("cannot reach the agent"))
        #expect(path.errors.contains("No such file or directory"))

        let bad = try runDeferscope(["dump", "not-a-pid"], runtimeDirectory: directory)
        #expect(bad.status != 0)
        #expect(bad.errors.contains("neither a process id nor a socket path"))
    }

    @Test func checkSummarizesWithoutHoldingEveryRecord() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        let ids = try app.send("create 5000 bulk").compactMap { UInt64($0) }
        try app.send("nest outer")
        let run = try runDeferscope(["check", String(app.pid)], runtimeDirectory: directory)
        #expect(run.status == 0, "\(run.errors)")
        #expect(run.output.contains("DeferscopeTestA (pid \(app.pid)): 5,002 live Deferreds, 5,002 pending"))
        #expect(run.output.contains("(1 waiting, 0 paused)"))
        #expect(run.output.contains("oldest pending: #\(ids[0]) 'bulk'"))
        #expect(run.output.hasSuffix("healthy\n"))
        // Everything just made: nothing is older than an hour.
        let aged = try runDeferscope(
            ["check", String(app.pid), "--max-pending-age", "3600"],
            runtimeDirectory: directory
        )
        #expect(aged.status == 0)
        let strict = try runDeferscope(
            ["check", String(app.pid), "--max-pending-age", "0"],
            runtimeDirectory: directory
        )
        #expect(strict.status == 1)
        #expect(strict.output.contains("PENDING TOO LONG: 5,002 pending longer than"))
        #expect(strict.output.contains("  #\(ids[0]) 'bulk'"))
        #expect(strict.output.contains("… and 4,992 more"))
        try app.quit()
    }

    @Test func checkFindsADeadlockAndAFailureNobodyHandles() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let demo = try startDeferscope(["demo", "--app-only", "--seed", "3"], runtimeDirectory: directory)
        defer {
            kill(demo.processIdentifier, SIGINT)
            demo.waitUntilExit()
        }
        var lines = LineReader(fd: (demo.standardOutput as! Pipe).fileHandleForReading.fileDescriptor)
        _ = try lines.next(timeout: 30, what: "the demo")
        _ = try lines.next(timeout: 30, what: "the demo")
        let pid = String(demo.processIdentifier)

        let dump = try runDeferscope(["dump", pid, "--json"], runtimeDirectory: directory)
        #expect(dump.status == 0)
        let dumped = try JSONSerialization.jsonObject(with: Data(dump.output.utf8)) as? [String: Any]
        let deferreds = dumped?["deferreds"] as? [[String: Any]] ?? []
        let byLabel = Dictionary(deferreds.map { ($0["label"] as? String ?? "", $0) }, uniquingKeysWith: { a, _ in a })
        let leaf = try #require(byLabel["ledger handshake"])
        #expect(leaf["state"] as? String == "pending")
        #expect(byLabel["billing reconcile"]?["waitingOn"] as? Int == leaf["id"] as? Int)

        let text = try runDeferscope(["check", pid], runtimeDirectory: directory)
        #expect(text.status == 1)
        #expect(text.output.contains("DEADLOCK: #"))
        #expect(text.output.contains("'inventory sync' waits on #"))
        #expect(text.output.contains("'pricing sync'"))
        #expect(text.output.contains("unhandled failure (not checked: --fail-on-unhandled)"))
        #expect(text.output.hasSuffix("unhealthy\n"))

        let json = try runDeferscope(["check", pid, "--json", "--fail-on-unhandled"], runtimeDirectory: directory)
        #expect(json.status == 1)
        let object = try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any]
        #expect(object?["schema"] as? String == "deferscope.check/1")
        #expect(object?["healthy"] as? Bool == false)
        let cycles = object?["deadlocks"] as? [[[String: Any]]] ?? []
        #expect(cycles.map { Set($0.compactMap { $0["label"] as? String }) } == [["inventory sync", "pricing sync"]])
        let unhandled = object?["unhandled"] as? [String: Any]
        #expect(unhandled?["checked"] as? Bool == true)
        let chains = unhandled?["chains"] as? [[String: Any]] ?? []
        #expect(
            chains.contains {
                $0["label"] as? String == "metrics flush" && $0["failure"] as? String == "CollectorRefused"
            }
        )
    }

    @Test func checkOfAProcessItCannotReachExitsWithTwo() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let run = try runDeferscope(["check", String(try deadPID())], runtimeDirectory: directory)
        #expect(run.status == 2)
        #expect(run.errors.contains("is running"))
    }

    /// Every command refuses what it cannot use with a sentence naming the problem, and a usage
    /// error exits 64 (a runtime failure exits 1 or, for `check`, 2).
    @Test func everyCommandRefusesBadArgumentsWithAClearMessage() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let cases: [(arguments: [String], status: Int32, says: String)] = [
            (["attach"], 64, "which process? Give a pid (see `deferscope list`), several, or --all"),
            (["attach", "not-a-pid"], 64, "neither a process id nor a socket path"),
            (["attach", "1", "--warn-pending", "0"], 64, "--warn-pending and --warn-step must be positive"),
            (["attach", "1", "--retain", "-5"], 64, "--retain"),
            (["demo", "--rate", "0"], 64, "--rate must be between 0 and 1,000,000"),
            (["demo", "--seed", "x"], 64, "--seed"),
            (["replay"], 64, "Missing expected argument '<file>'"),
            (["replay", directory + "/none.dsrec"], 1, "none.dsrec"),
            (["dump"], 64, "Missing expected argument '<target>'"),
            (["dump", "1", "--timeout", "x"], 64, "--timeout"),
            (["record", "1"], 64, "Missing expected argument '--output <output>'"),
            (["record", "1", "-o", directory + "/r.dsrec", "--duration=0"], 64, "--duration must be a positive"),
            (["check", "1", "--max-pending-age=-1"], 64, "--max-pending-age must be a number of seconds"),
            (["themes", "extra"], 64, "Unexpected argument 'extra'"),
            (["list", "--nonsense"], 64, "Unknown option '--nonsense'"),
            (["no-such-command"], 64, "Unexpected argument 'no-such-command'"),
        ]
        for (arguments, status, says) in cases {
            let run = try runDeferscope(arguments, runtimeDirectory: directory)
            #expect(run.status == status, "\(arguments): \(run.errors)")
            #expect(run.errors.contains(says), "\(arguments): \(run.errors)")
            #expect(run.output.isEmpty, "\(arguments): \(run.output)")
        }
    }
}
