import DeferscopeWire
import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// `deferscope check --all`: every attachable process of the user, one verdict for the host.
@Suite(.serialized) struct CheckAllTests {
    @Test func everyProcessIsCheckedAndOneWithProblemsFailsTheHost() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let healthy = try TestApp(runtimeDirectory: directory)
        let stuck = try TestApp(runtimeDirectory: directory)
        let ids = try stuck.send("create 1 stuck").compactMap { UInt64($0) }

        let allWell = try runDeferscope(["check", "--all"], runtimeDirectory: directory)
        #expect(allWell.status == 0, "\(allWell.output)\(allWell.errors)")
        #expect(allWell.output.contains("2 process(es): 2 healthy, 0 with problems, 0 not checked"))

        let run = try runDeferscope(["check", "--all", "--max-pending-age", "0"], runtimeDirectory: directory)
        #expect(run.status == 1, "\(run.errors)")
        #expect(run.output.contains("(pid \(healthy.pid)): 0 live Deferreds"), "\(run.output)")
        #expect(run.output.contains("(pid \(stuck.pid)): 1 live Deferreds"), "\(run.output)")
        #expect(run.output.contains("#\(ids[0]) 'stuck'"))
        #expect(run.output.contains("2 process(es): 1 healthy, 1 with problems, 0 not checked"))

        let json = try runDeferscope(
            ["check", "--all", "--max-pending-age", "0", "--json"],
            runtimeDirectory: directory
        )
        #expect(json.status == 1)
        let object = try #require(try JSONSerialization.jsonObject(with: Data(json.output.utf8)) as? [String: Any])
        #expect(object["schema"] as? String == "deferscope.check-all/1")
        #expect(object["healthy"] as? Bool == false)
        #expect(object["checked"] as? Int == 2 && object["unhealthy"] as? Int == 1)
        let processes = try #require(object["processes"] as? [[String: Any]])
        let verdicts = processes.map { (($0["process"] as? [String: Any])?["pid"] as? Int, $0["healthy"] as? Bool) }
        #expect(verdicts.map(\.0) == [Int(min(healthy.pid, stuck.pid)), Int(max(healthy.pid, stuck.pid))])
        #expect(verdicts.first { $0.0 == Int(stuck.pid) }?.1 == false)
        #expect(verdicts.first { $0.0 == Int(healthy.pid) }?.1 == true)
        #expect(processes.allSatisfy { $0["schema"] as? String == "deferscope.check/1" })
        try healthy.quit()
        try stuck.quit()
    }

    @Test func aProcessThatCannotBeCheckedIsNamedAndTheStatusIsTwo() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let app = try TestApp(runtimeDirectory: directory)
        // A live process (this one) whose socket nobody listens on.
        try bindSocket(at: app.socketDirectory + "/\(getpid()).sock")
        let run = try runDeferscope(["check", "--all"], runtimeDirectory: directory)
        #expect(run.status == 2, "\(run.output)\(run.errors)")
        #expect(run.output.contains("(pid \(getpid())): NOT CHECKED: cannot reach the agent"), "\(run.output)")
        #expect(run.output.contains("2 process(es): 1 healthy, 0 with problems, 1 not checked"))
        try app.quit()
    }

    @Test func noProcessIsNothingToCheck() throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let run = try runDeferscope(["check", "--all"], runtimeDirectory: directory)
        #expect(run.status == 0)
        #expect(run.output.contains("nothing to check"))
    }

    @Test(arguments: [
        (["check"], "name a process to check, or check them all with --all"),
        (["check", "1", "--all"], "name no process with it"),
        (["check", "ssh://host"], "names no process"),
    ])
    func aMalformedCheckSaysWhatToWrite(arguments: [String], complaint: String) throws {
        let directory = try makeRuntimeDirectory()
        defer { removeDirectory(directory) }
        let run = try runDeferscope(arguments, runtimeDirectory: directory)
        #expect(run.status == 64)
        #expect(run.errors.contains(complaint), "\(run.errors)")
    }
}
