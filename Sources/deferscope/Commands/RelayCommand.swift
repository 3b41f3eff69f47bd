import ArgumentParser
import DeferscopeWire

/// `deferscope relay <pid|socket>`: joins standard input and output to a local agent's socket,
/// byte for byte, so a client elsewhere can attach through `ssh host deferscope relay <pid>`.
struct RelayCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "relay",
        abstract: "Bridge standard input/output to a local process's agent socket (for ssh:// targets).",
        discussion: """
            `deferscope attach ssh://host/<pid>` runs `ssh host deferscope relay <pid>` and speaks \
            the normal protocol through it; SSH authenticates and encrypts, and nothing listens \
            on the network. The agent checks, as always, that the relay runs as its own user. \
            Exits 0 when either side closes, 1 when the agent cannot be reached.
            """
    )

    @Argument(help: "The local process: a pid or a socket path.")
    var target: String

    @Option(help: "The socket directory to look for a pid's socket in.")
    var directory: String = AgentSocketLocation.defaultDirectory()

    func run() throws {
        let socket: Int32
        do {
            let parsed = try AgentTarget(parsing: target)
            guard !parsed.isRemote else { throw AgentSocketError("relay takes a local pid or socket path") }
            let path = try parsed.socketPath(in: directory)
            try AgentSocketLocation.checkSocketPath(path)
            socket = try UnixSocket.connect(to: path)
        } catch {
            throw CommandFailure("relay \(target): cannot reach the agent: \(error)")
        }
        ByteRelay(input: 0, output: 1, socket: socket).run()
    }
}
