extension AgentClient {
    /// How often to look for the process again, in nanoseconds.
    static let reconnectInterval: UInt64 = 500_000_000

    /// The socket to connect to now. After a pid target exits, a process of the same
    /// executable that has an agent is attached instead: the newest one.
    func currentSocketPath() throws(AgentSocketError) -> String {
        if case .pid = target, let hello = assembler.hello, !Posix.processExists(hello.pid) {
            let executable = hello.executablePath
            let pid = hello.pid
            let successor = AgentDiscovery.list(directory: socketDirectory)
                .filter { $0.executablePath == executable && $0.pid != pid }
                .min { ($0.uptime ?? .infinity) < ($1.uptime ?? .infinity) }
            guard let successor else {
                throw AgentSocketError("process \(pid) exited; waiting for \(executable) to start again")
            }
            return successor.socketPath
        }
        return try target.socketPath(in: socketDirectory)
    }

    /// Without a connection: waits until the next attempt is due (within `timeout`), then
    /// tries once.
    func attemptReconnect(timeout: Double?) -> [Update] {
        guard assembler.hello == nil || reconnects else {
            sleepFor(timeout)
            return []
        }
        let now = Posix.monotonicNanoseconds()
        if now < nextAttempt {
            let wait = Double(nextAttempt - now) / 1e9
            guard let timeout, timeout < wait else {
                sleepFor(wait)
                return attemptReconnect(timeout: 0)
            }
            sleepFor(timeout)
            return []
        }
        nextAttempt = now &+ Self.reconnectInterval
        do {
            try connect()
            return poll(timeout: timeout.map { max(0, $0 - Double(Posix.monotonicNanoseconds() - now) / 1e9) })
        } catch {
            lastError = error
            if case .exited = state {
                // Still waiting for the process to come back.
            } else if let pid = assembler.hello?.pid, !target.isRemote, !Posix.processExists(pid) {
                assembler.reset(to: .exited(pid: pid))
            } else {
                assembler.reset(to: .disconnected(error.description))
            }
            return []
        }
    }

    private func sleepFor(_ seconds: Double?) {
        guard let seconds, seconds > 0 else { return }
        Posix.sleep(seconds: seconds)
    }
}

extension AgentClient {
    /// What a closed connection means: the process exited, or something else.
    func connectionEnded(_ error: AgentConnectionError) -> [Update] {
        connection?.close()
        connection = nil
        // A remote process's pid means nothing here: its link says what happened.
        if let pid = assembler.hello?.pid, !target.isRemote, !Posix.processExists(pid) {
            assembler.reset(to: .exited(pid: pid))
        } else {
            assembler.reset(to: .disconnected(error.description))
        }
        lastError = error
        nextAttempt = Posix.monotonicNanoseconds() &+ Self.reconnectInterval
        return [.disconnected(state)]
    }
}
