extension AgentClient.State {
    /// Whether the client is attached (loading, live, resynchronizing or paused).
    public var isAttached: Bool {
        switch self {
        case .connected, .loadingSnapshot, .resyncing, .paused: return true
        case .connecting, .exited, .disconnected: return false
        }
    }
}
