import ArgumentParser
import DeferscopeWire

/// `deferscope check <pid|socket>`: a one-shot health check for scripts and CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Attach, take one snapshot and report problems: exit 1 when there are any.",
        discussion: """
            Problems: chains waiting on each other in a cycle (a deadlock, always checked); a \
            pending Deferred older than --max-pending-age; a failure nobody handles (with \
            --fail-on-unhandled). Exit status: 0 healthy, 1 problems found (listed), 2 the \
            process could not be checked. Counts are kept as the snapshot streams in, so a \
            process with a million pending Deferreds is checked without holding them all.
            """
    )

    @OptionGroup var attach: AttachOptions

    @Option(help: "Fail when a Deferred has been pending longer than this many seconds.")
    var maxPendingAge: Double?

    @Flag(help: "Fail when a Deferred holds a failure that nothing will handle.")
    var failOnUnhandled = false

    @Flag(help: "Print the result as JSON (schema deferscope.check/1, docs/protocol.md).")
    var json = false

    func validate() throws {
        if let maxPendingAge, !(maxPendingAge >= 0) {
            throw ValidationError("--max-pending-age must be a number of seconds, 0 or more")
        }
    }

    func run() throws {
        let target = try attach.agentTarget()
        var check = HealthCheck()
        let snapshot: AgentSnapshot
        do {
            snapshot = try AgentSnapshot.take(
                from: target,
                keepChains: false,
                timeout: attach.timeout,
                visit: { check.add($0) },
                restart: { check = HealthCheck() }
            )
        } catch {
            StandardError.write("Error: \(target): \(error)\n")
            throw ExitCode(2)
        }
        let report = HealthReport(
            check: check,
            snapshot: snapshot,
            maxPendingAge: maxPendingAge,
            failOnUnhandled: failOnUnhandled
        )
        if json {
            print(report.json(), terminator: "")
        } else {
            report.printText()
        }
        if !report.healthy {
            throw ExitCode(1)
        }
    }
}
