import ArgumentParser
import DeferscopeWire

/// `deferscope list`: the attachable processes of this user.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the processes that can be attached to (stale sockets are removed)."
    )

    @Option(help: "The socket directory to look in.")
    var directory: String = AgentSocketLocation.defaultDirectory()

    func run() throws {
        let listings = AgentDiscovery.list(directory: directory)
        guard !listings.isEmpty else {
            print("no attachable processes in \(directory)")
            print("(a process becomes attachable with `try DeferscopeAgent.start()`)")
            return
        }
        var table = TextTable(columns: ["PID", "NAME", "UPTIME", "SOCKET"], rightAligned: [0, 2])
        for listing in listings {
            table.add([
                String(listing.pid),
                listing.processName ?? "?",
                listing.uptime.map(Format.duration) ?? "?",
                listing.socketPath,
            ])
        }
        print(table.render(), terminator: "")
    }
}
