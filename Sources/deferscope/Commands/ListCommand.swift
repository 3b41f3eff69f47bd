import ArgumentParser
import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// `deferscope list`: the attachable processes of this user.
struct ListCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the processes that can be attached to (stale sockets are removed).",
        discussion: "LIVE is how many Deferreds each process holds, from its agent's greeting (a quick "
            + "attach and detach); `?` when the agent did not answer within a second."
    )

    @Argument(help: "Another host's processes, through its remote shell: ssh://[user@]host.")
    var host: String?

    @Option(help: "The socket directory to look in.")
    var directory: String = AgentSocketLocation.defaultDirectory()

    @OptionGroup var remote: RemoteOptions

    func validate() throws {
        if let host {
            do {
                _ = try RemoteTarget(parsing: host, requireProcess: false)
            } catch {
                throw ValidationError(error.description)
            }
        }
    }

    func run() throws {
        if let host {
            let target = remote.applied(to: try RemoteTarget(parsing: host, requireProcess: false))
            let status = try ForegroundCommand.run(target.commandLine(running: ["list"]))
            if status != 0 {
                throw ExitCode(status)
            }
            return
        }
        // A directory that exists but is unsafe is refused everywhere; say why rather than "none".
        if access(directory, F_OK) == 0 {
            do {
                try AgentSocketLocation.checkDirectory(directory)
            } catch {
                throw CommandFailure("\(error)")
            }
        }
        let listings = AgentDiscovery.list(directory: directory)
        guard !listings.isEmpty else {
            print("no attachable processes in \(directory)")
            print("(a process becomes attachable with `try DeferscopeAgent.start()`)")
            return
        }
        var table = TextTable(columns: ["PID", "NAME", "UPTIME", "LIVE", "SOCKET"], rightAligned: [0, 2, 3])
        for listing in listings {
            table.add([
                String(listing.pid),
                listing.processName ?? "?",
                listing.uptime.map(Format.duration) ?? "?",
                Self.liveCount(listing.socketPath).map(Format.count) ?? "?",
                listing.socketPath,
            ])
        }
        print(table.render(), terminator: "")
    }

    /// The live Deferreds an agent reports in its greeting.
    private static func liveCount(_ socketPath: String) -> UInt64? {
        guard let connection = try? AgentConnection(socketPath: socketPath) else { return nil }
        defer { connection.close() }
        guard case .hello(let hello)? = try? connection.nextFrame(timeout: 1) else { return nil }
        return hello.liveCount
    }
}
