import ArgumentParser
import DeferscopeWire

/// `deferscope attach <pid|socket>`: the dashboard on a running process.
struct AttachCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "attach",
        abstract: "Open the dashboard on a running process (q quits, ? shows the keys).",
        discussion: """
            Shows live what is pending and since when, what each chain waits on down to the \
            Deferred nobody fired, timeouts, failures and the event stream. Without a terminal \
            (a pipe or a file), prints one picture as text instead.
            """
    )

    @Argument(help: "The process: a pid (see `deferscope list`), a socket path, or ssh://[user@]host/<pid>.")
    var target: String

    @OptionGroup var remote: RemoteOptions

    @OptionGroup var dashboard: DashboardOptions

    @Flag(help: "When the process exits, wait for a new process of the same executable and attach to it.")
    var follow = false

    func validate() throws {
        _ = try parsedTarget()
    }

    func run() throws {
        try Self.show(try parsedTarget(), options: dashboard, follow: follow)
    }

    private func parsedTarget() throws -> AgentTarget {
        do {
            return remote.applied(to: try AgentTarget(parsing: target))
        } catch {
            throw ValidationError(error.description)
        }
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
