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

    @Argument(help: "The process: a pid (see `deferscope list`) or a socket path.")
    var target: String

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
            return try AgentTarget(parsing: target)
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
        var feed = LiveFeed(client: client, configuration: options.modelConfiguration)
        var runner = DashboardRunner(dashboard: dashboard)
        try runner.run(&feed)
        client.close()
    }
}
