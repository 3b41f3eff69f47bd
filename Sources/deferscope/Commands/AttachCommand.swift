import ArgumentParser
import DeferscopeWire

/// `deferscope attach <pid|socket>…`: the dashboard on a running process, or on several in one
/// picture (`attach PID PID …`, `attach --all`).
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Open the dashboard on a running process, or several (q quits, ? shows the keys).",
        discussion: """
            Shows live what is pending and since when, what each chain waits on down to the \
            Deferred nobody fired, timeouts, failures and the event stream. Without a terminal \
            (a pipe or a file), prints one picture as text instead.

            With several processes (`attach 4242 4250`, or `--all` for every process with an \
            agent, including those that start later), one picture shows them all: a PROCESS \
            column, a line of counts per process under the header, and `pid:N` or `process:NAME` \
            in a filter to look at one.
            """
    )

    @Argument(
        help:
            "The process: a pid (see `deferscope list`), a socket path, or ssh://[user@]host/<pid>; several for one picture of them all."
    )
    var targets: [String] = []

    @Flag(help: "Every process with an agent in the socket directory, and those that start later.")
    var all = false

    @Option(help: "With --all: the socket directory to look in.")
    var directory: String = AgentSocketLocation.defaultDirectory()

    @OptionGroup var remote: RemoteOptions

    @OptionGroup var dashboard: DashboardOptions

    @Flag(help: "When the process exits, wait for a new process of the same executable and attach to it.")
    var follow = false

    func validate() throws {
        if all, !targets.isEmpty {
            throw ValidationError("give processes or --all, not both")
        }
        if !all, targets.isEmpty {
            throw ValidationError("which process? Give a pid (see `deferscope list`), several, or --all")
        }
        let parsed = try parsedTargets()
        if Set(parsed.map(\.description)).count != parsed.count {
            throw ValidationError("a process is named twice")
        }
        if parsed.count > Int(UInt16.max) - 1 {
            throw ValidationError("at most \(Int(UInt16.max) - 1) processes in one dashboard")
        }
    }

    func run() throws {
        let parsed = try parsedTargets()
        if !all, parsed.count == 1 {
            return try Self.show(parsed[0], options: dashboard, follow: follow)
        }
        try Self.show(all ? .all : .targets(parsed, follow: follow), options: dashboard, directory: directory)
    }

    private func parsedTargets() throws -> [AgentTarget] {
        var parsed: [AgentTarget] = []
        for target in targets {
            do {
                parsed.append(remote.applied(to: try AgentTarget(parsing: target)))
            } catch {
                throw ValidationError(error.description)
            }
        }
        return parsed
    }

    /// Attaches to every process of `scope` and runs one dashboard over them until the user quits.
    static func show(_ scope: MultiProcessFeed.Scope, options: DashboardOptions, directory: String) throws {
        let dashboard = try options.dashboard(keyContext: .live)
        var feed = MultiProcessFeed(
            scope: scope,
            configuration: options.modelConfiguration,
            socketDirectory: directory
        )
        try feed.start()
        defer { feed.closeAll() }
        var runner = DashboardRunner(dashboard: dashboard)
        try runner.run(&feed)
    }

    /// Attaches to `target` and runs the dashboard until the user quits.
    static func show(_ target: AgentTarget, options: DashboardOptions, follow: Bool) throws {
        // A bad theme file is reported before anything is attached to.
        let dashboard = try options.dashboard(keyContext: .live)
        let client = AgentClient(target: target, reconnects: follow)
        do {
            try client.connect()
        } catch {
            throw CommandFailure("\(target): \(error)")
        }
        // ssh may ask for a password or a host key on the terminal: let it finish before the
        // screen is taken.
        if target.isRemote, let connection = client.connection, !connection.waitUntilReadable(timeout: 120) {
            client.close()
            throw CommandFailure("\(target): no answer through the remote shell within 120 seconds")
        }
        var feed = LiveFeed(client: client, configuration: options.modelConfiguration)
        var runner = DashboardRunner(dashboard: dashboard)
        try runner.run(&feed)
        client.close()
    }
}
