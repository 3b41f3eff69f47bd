/// One consistent picture of a process: every live Deferred as one snapshot saw it.
public struct AgentSnapshot: Sendable {
    /// Who the process is.
    public var hello: Hello
    /// Call sites by id.
    public var sites: [UInt32: SiteDefinition] = [:]
    /// Type names by id.
    public var types: [UInt32: TypeDefinition] = [:]
    /// The live Deferreds, in the order the agent walked them.
    public var chains: [ChainRecord] = []
    /// The agent's monotonic clock when the snapshot ended (estimated from the client's clock).
    public var agentNow: UInt64
    /// The last heartbeat, if one arrived.
    public var heartbeat: Heartbeat?
    /// Seconds from connecting to the end of the snapshot.
    public var elapsed: Double
    /// Bytes received.
    public var bytesReceived: UInt64
    var hasBegun = false

    /// Creates a snapshot.
    public init(hello: Hello, agentNow: UInt64, elapsed: Double = 0, bytesReceived: UInt64 = 0) {
        self.hello = hello
        self.agentNow = agentNow
        self.elapsed = elapsed
        self.bytesReceived = bytesReceived
    }

    /// `File.swift:12` for a site id, or nil for 0 or an unknown id.
    public func site(_ id: UInt32) -> String? {
        guard id != 0, let site = sites[id] else { return nil }
        return site.description
    }

    /// The type name for a type id, or nil.
    public func typeName(_ id: UInt32) -> String? {
        types[id]?.name
    }

    /// Connects to `target`, takes one snapshot, and disconnects.
    ///
    /// - Parameters:
    ///   - keepChains: false to count without keeping the records (``chains`` stays empty);
    ///     `visit` still sees every chunk.
    ///   - restart: called when a snapshot starts over (after lost events), before its chunks
    ///     are visited again; forget what `visit` saw.
    ///   - timeout: seconds to wait for the whole snapshot.
    /// - Throws: when the process cannot be reached, refuses, vanishes or sends garbage, or the
    ///   snapshot does not complete within `timeout`.
    public static func take(
        from target: AgentTarget,
        socketDirectory: String = AgentSocketLocation.defaultDirectory(),
        keepChains: Bool = true,
        timeout: Double = 30,
        visit: ([ChainRecord]) -> Void = { _ in },
        restart: () -> Void = {}
    ) throws(AgentConnectionError) -> AgentSnapshot {
        let started = Posix.monotonicNanoseconds()
        let client = AgentClient(target: target, reconnects: false, socketDirectory: socketDirectory)
        try client.connect()
        defer { client.close() }
        var snapshot: AgentSnapshot?
        var helloReceivedAt: UInt64 = 0
        let deadline = started &+ UInt64(timeout * 1e9)
        while true {
            let now = Posix.monotonicNanoseconds()
            guard now < deadline else {
                throw .io("the snapshot did not complete within \(timeout) seconds")
            }
            for update in client.poll(timeout: Double(deadline - now) / 1e9) {
                switch update {
                case .connected(let hello):
                    helloReceivedAt = Posix.monotonicNanoseconds()
                    snapshot = AgentSnapshot(hello: hello, agentNow: hello.monotonicBase)
                case .sites(let sites):
                    for site in sites { snapshot?.sites[site.id] = site }
                case .types(let types):
                    for type in types { snapshot?.types[type.id] = type }
                case .snapshotBegan:
                    if let existing = snapshot, !existing.chains.isEmpty || existing.hasBegun {
                        restart()
                    }
                    snapshot?.chains.removeAll()
                    snapshot?.hasBegun = true
                case .snapshotChains(let chains):
                    visit(chains)
                    if keepChains { snapshot?.chains.append(contentsOf: chains) }
                case .snapshotEnded:
                    guard var result = snapshot else { break }
                    let end = Posix.monotonicNanoseconds()
                    result.agentNow = result.hello.monotonicBase &+ (end &- helloReceivedAt)
                    result.elapsed = Double(end &- started) / 1e9
                    result.bytesReceived = client.connection?.bytesReceived ?? 0
                    return result
                case .heartbeat(let heartbeat):
                    snapshot?.heartbeat = heartbeat
                case .disconnected:
                    throw client.lastError ?? .closed
                case .events, .lost, .reply:
                    break
                }
            }
        }
    }
}
