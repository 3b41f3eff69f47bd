extension AgentClient {
    /// How often to look for the process again, in nanoseconds.
    static let reconnectInterval: UInt64 = 500_000_000

    /// The socket to connect to now. After the attached process exits, a process of the same
    /// executable that has an agent is attached instead: the newest one. It is looked for in the
    /// socket directory (a pid target) or in the directory of the target's socket (a socket
    /// target named `<pid>.sock`, as `deferscope list` shows them); a socket target with a name of
    /// its own (`DEFERSCOPE_SOCKET`) is where the next process listens too.
    func currentSocketPath() throws(AgentSocketError) -> String {
        guard let hello = assembler.hello, !target.isRemote, Self.hasEnded(hello) else {
            return try target.socketPath(in: socketDirectory)
        }
        let directory: String
        switch target {
        case .pid:
            directory = socketDirectory
        case .socket(let path):
            guard let slash = path.lastIndex(of: "/"), path[path.index(after: slash)...] == "\(hello.pid).sock" else {
                return path
            }
            directory = String(path[..<slash])
        case .remote:
            return try target.socketPath(in: socketDirectory)
        }
        let executable = hello.executablePath
        let pid = hello.pid
        let successor = AgentDiscovery.list(directory: directory)
            .filter { $0.executablePath == executable && $0.pid != pid }
            .min { ($0.uptime ?? .infinity) < ($1.uptime ?? .infinity) }
        guard let successor else {
            throw AgentSocketError("process \(pid) exited; waiting for \(executable) to start again")
        }
        return successor.socketPath
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
            } else if let hello = assembler.hello, !target.isRemote, Self.hasEnded(hello) {
                assembler.reset(to: .exited(pid: hello.pid))
            } else {
                assembler.reset(to: .disconnected(error.description))
            }
            return []
        }
    }

    /// Whether the process that sent `hello` is gone: no such pid, a zombie its parent has not
    /// reaped yet (killed, it no longer serves), or the pid reused by a process started later.
    static func hasEnded(_ hello: Hello) -> Bool {
        guard Posix.processExists(hello.pid) else { return true }
        guard let stat = Posix.readText("/proc/\(hello.pid)/stat") else { return false }
        if let close = stat.lastIndex(of: ")"), stat[stat.index(after: close)...].hasPrefix(" Z") {
            return true
        }
        guard let started = AgentDiscovery.processStartTime(hello.pid), hello.processStartTime > 0 else { return false }
        // Both come from /proc, whose boot time (`btime`) may drift by a second between readings.
        let (later, earlier) =
            started > hello.processStartTime
            ? (started, hello.processStartTime) : (hello.processStartTime, started)
        return later - earlier > 2_000_000_000
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
        if let hello = assembler.hello, !target.isRemote, Self.hasEnded(hello) {
            assembler.reset(to: .exited(pid: hello.pid))
        } else {
            assembler.reset(to: .disconnected(error.description))
        }
        lastError = error
        nextAttempt = Posix.monotonicNanoseconds() &+ Self.reconnectInterval
        return [.disconnected(state)]
    }
}
