import ArgumentParser
import DeferscopeWire

/// `deferscope check <pid|socket>` and `deferscope check --all`: a one-shot health check for
/// scripts and CI.
struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Attach, take one snapshot and report problems: exit 1 when there are any.",
        discussion: """
            Problems: chains waiting on each other in a cycle (a deadlock, always checked); a \
            pending Deferred older than --max-pending-age; a failure nobody handles (with \
            --fail-on-unhandled). Exit status: 0 healthy, 1 problems found (listed), 2 the \
            process could not be checked. Counts are kept as the snapshot streams in, so a \
            process with a million pending Deferreds is checked without holding them all. \
            With --all, every attachable process of this user is checked: 1 when any has \
            problems, else 2 when any could not be checked, else 0.
            """
    )

    @Argument(help: "The process: a pid (see `deferscope list`), a socket path, or ssh://[user@]host/<pid>.")
    var target: String?

    @Flag(help: "Check every attachable process of this user on this machine.")
    var all = false

    @Option(help: "The socket directory to look in with --all.")
    var directory: String = AgentSocketLocation.defaultDirectory()

    @Option(help: "Seconds to wait for each snapshot before giving up.")
    var timeout: Double = 30

    @Option(help: "Fail when a Deferred has been pending longer than this many seconds.")
    var maxPendingAge: Double?

    @Flag(help: "Fail when a Deferred holds a failure that nothing will handle.")
    var failOnUnhandled = false

    @Flag(help: "Print the result as JSON (schema deferscope.check/1, with --all deferscope.check-all/1).")
    var json = false

    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        if let maxPendingAge, !(maxPendingAge >= 0) {
            throw ValidationError("--max-pending-age must be a number of seconds, 0 or more")
        }
        switch (target, all) {
        case (nil, false): throw ValidationError("name a process to check, or check them all with --all")
        case (_?, true): throw ValidationError("--all checks every process; name no process with it")
        case (let target?, false):
            do {
                _ = try AgentTarget(parsing: target)
            } catch {
                throw ValidationError(error.description)
            }
        case (nil, true): break
        }
    }

    func run() throws {
        guard let target else {
            return try checkAll()
        }
        let agentTarget = remote.applied(to: try AgentTarget(parsing: target))
        let report: HealthReport
        do {
            report = try check(agentTarget)
        } catch {
            StandardError.write("Error: \(agentTarget): \(error)\n")
            throw ExitCode(2)
        }
        if json {
            print(report.json(), terminator: "")
        } else {
            report.printText()
        }
        if !report.healthy {
            throw ExitCode(1)
        }
    }

    /// One process's report.
    private func check(_ target: AgentTarget) throws(AgentConnectionError) -> HealthReport {
        var check = HealthCheck()
        let snapshot = try AgentSnapshot.take(
            from: target,
            socketDirectory: directory,
            keepChains: false,
            timeout: timeout,
            visit: { check.add($0) },
            restart: { check = HealthCheck() }
        )
        return HealthReport(
            check: check,
            snapshot: snapshot,
            maxPendingAge: maxPendingAge,
            failOnUnhandled: failOnUnhandled
        )
    }

    /// Every attachable process, one after the other.
    private func checkAll() throws {
        let listings = AgentDiscovery.list(directory: directory)
        var outcomes: [(listing: AgentListing, result: Result<HealthReport, AgentConnectionError>)] = []
        for listing in listings {
            outcomes.append(
                (listing, Result { () throws(AgentConnectionError) in try check(.socket(listing.socketPath)) })
            )
        }
        let unhealthy = outcomes.filter { (try? $0.result.get().healthy) == false }.count
        let unreachable = outcomes.filter { if case .failure = $0.result { true } else { false } }.count
        if json {
            var writer = JSONWriter()
            writer.beginObject()
            writer.string("schema", "deferscope.check-all/1")
            writer.bool("healthy", unhealthy == 0 && unreachable == 0)
            writer.number("checked", outcomes.count - unreachable)
            writer.number("unhealthy", unhealthy)
            writer.number("unreachable", unreachable)
            writer.beginArray("processes")
            for outcome in outcomes {
                switch outcome.result {
                case .success(let report):
                    report.write(into: &writer)
                case .failure(let error):
                    writer.beginObject()
                    writer.beginObject("process")
                    writer.number("pid", Int(outcome.listing.pid))
                    writer.string("name", outcome.listing.processName)
                    writer.endObject()
                    writer.string("error", error.description)
                    writer.endObject()
                }
            }
            writer.endArray()
            writer.endObject()
            print(writer.flush(), terminator: "")
        } else {
            guard !listings.isEmpty else {
                print("no attachable processes in \(directory): nothing to check")
                return
            }
            for (index, outcome) in outcomes.enumerated() {
                if index > 0 { print() }
                switch outcome.result {
                case .success(let report):
                    report.printText()
                case .failure(let error):
                    print("\(outcome.listing.processName ?? "?") (pid \(outcome.listing.pid)): NOT CHECKED: \(error)")
                }
            }
            print()
            print(
                "\(outcomes.count) process(es): \(outcomes.count - unhealthy - unreachable) healthy, "
                    + "\(unhealthy) with problems, \(unreachable) not checked"
            )
        }
        if unhealthy > 0 {
            throw ExitCode(1)
        }
        if unreachable > 0 {
            throw ExitCode(2)
        }
    }
}
