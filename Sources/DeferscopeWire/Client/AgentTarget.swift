/// Which process a client attaches to.
public enum AgentTarget: Sendable, Equatable, CustomStringConvertible {
    /// A process id, whose socket is in the default directory.
    case pid(Int32)
    /// A socket path (a process that set `DEFERSCOPE_SOCKET`, or a relay).
    case socket(String)
    /// A process on another machine, through `ssh host deferscope relay`.
    case remote(RemoteTarget)

    /// Reads a command-line argument: `ssh://…` is remote, anything else with a `/` is a path,
    /// a number is a pid.
    ///
    /// - Throws: for anything else.
    public init(parsing text: String) throws(AgentSocketError) {
        if text.hasPrefix(RemoteTarget.scheme) {
            self = .remote(try RemoteTarget(parsing: text))
        } else if text.contains("/") || text.hasSuffix(".sock") {
            self = .socket(text)
        } else if let pid = Int32(text), pid > 0 {
            self = .pid(pid)
        } else {
            throw AgentSocketError("\(text) is neither a process id nor a socket path")
        }
    }

    /// The socket to connect to now; a pid's is looked for in `directory`.
    public func socketPath(
        in directory: String = AgentSocketLocation.defaultDirectory()
    ) throws(AgentSocketError) -> String {
        switch self {
        case .pid(let pid): return try AgentDiscovery.socketPath(for: String(pid), directory: directory)
        case .socket(let path): return path
        case .remote(let remote):
            throw AgentSocketError("\(remote) is on another machine; it is reached through its remote shell")
        }
    }

    /// Whether the process is on another machine (its pid means nothing here).
    public var isRemote: Bool {
        if case .remote = self { return true }
        return false
    }

    /// `pid 1234` or the path.
    public var description: String {
        switch self {
        case .pid(let pid): return "pid \(pid)"
        case .socket(let path): return path
        case .remote(let remote): return remote.description
        }
    }
}
