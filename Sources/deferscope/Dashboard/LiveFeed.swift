import DeferscopeModel
import DeferscopeUI
import DeferscopeWire

/// A running process through its agent: the model follows the stream, ages tick on the agent's
/// clock between events, commands go back over the socket.
struct LiveFeed: DashboardFeed {
    let client: AgentClient
    private(set) var model: DeferscopeModel
    private var pendingMessage: String?
    /// The agent's clock at a local instant, to move `now` between events.
    private var clockOffset: (agent: UInt64, local: UInt64)?

    init(client: AgentClient, configuration: ModelConfiguration) {
        self.client = client
        self.model = DeferscopeModel(configuration: configuration)
    }

    var status: ConnectionStatus {
        switch client.state {
        case .connecting: return .connecting
        case .loadingSnapshot(let received, let expected): return .loading(received: received, expected: expected)
        case .connected: return .live
        case .resyncing(let lost): return .resyncing(lost: lost)
        case .paused: return .paused
        case .exited(let pid):
            guard client.reconnects, let hello = client.hello ?? model.hello else { return .exited(pid: pid) }
            return .awaitingRestart(pid: pid, name: hello.processName)
        case .disconnected(let reason): return .disconnected(reason: reason)
        }
    }

    mutating func update(timeout: Double) -> Bool {
        let updates = client.poll(timeout: timeout)
        var changed = !updates.isEmpty
        for update in updates {
            switch update {
            case .connected(let hello):
                clockOffset = (hello.monotonicBase, Posix.monotonicNanoseconds())
            case .heartbeat(let heartbeat):
                clockOffset = (heartbeat.monotonicNow, Posix.monotonicNanoseconds())
            case .reply(let reply):
                pendingMessage = reply.ok ? reply.message : "the process said: \(reply.message)"
            default:
                break
            }
            model.apply(update)
        }
        // Between events, time still passes: ages and countdowns move on the agent's clock.
        if let clockOffset, client.state.isAttached, model.advance(following: clockOffset) {
            changed = true
        }
        return changed
    }

    mutating func perform(_ command: DashboardCommand) -> String? {
        do {
            switch command {
            case .cancel(let id):
                _ = try client.cancel(id)
                return "asked the process to cancel #\(id)"
            default:
                return nil
            }
        } catch {
            return "could not send the command: \(error)"
        }
    }

    mutating func takeMessage() -> String? {
        defer { pendingMessage = nil }
        return pendingMessage
    }
}
