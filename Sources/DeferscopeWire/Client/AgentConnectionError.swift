/// Why a connection to an agent failed or ended.
public enum AgentConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Nothing could be reached there: no socket, nobody listening, an unsafe path.
    case unreachable(String)
    /// The agent refused this client (another user); its message says why.
    case refused(String)
    /// The agent closed the connection (the process stopped its agent or exited).
    case closed
    /// The bytes were not the protocol, or an incompatible version of it.
    case protocolError(String)
    /// A system call failed.
    case io(String)

    /// A sentence for the user.
    public var description: String {
        switch self {
        case .unreachable(let reason): return "cannot reach the agent: \(reason)"
        case .refused(let message): return "the agent refused the connection: \(message)"
        case .closed: return "the agent closed the connection"
        case .protocolError(let reason): return "protocol error: \(reason)"
        case .io(let reason): return reason
        }
    }
}
