import DeferscopeAgent

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The client process, seen from the app: this executable started again as a ``StreamClient``.
public final class ClientProcess {
    /// The client's process id.
    public let pid: pid_t
    private let toClient: Int32
    private let fromClient: Int32
    private var received: [UInt8] = []
    private var finished = false

    /// Starts a client attached to `socketPath` and waits until its first snapshot has ended, so
    /// that every event from now on is streamed to it.
    public init(socketPath: String, timeoutSeconds: Double = 30) throws(BenchmarkSetupError) {
        var commands: [Int32] = [0, 0]
        var replies: [Int32] = [0, 0]
        // Glibc's pipe2 is not visible to Swift; close-on-exec is set right after instead.
        guard pipe(&commands) == 0, pipe(&replies) == 0 else { throw BenchmarkSetupError("pipe: \(errno)") }
        for fd in commands + replies {
            _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 clears close-on-exec on the copies, so the client keeps exactly these two.
        posix_spawn_file_actions_adddup2(&actions, commands[0], STDIN_FILENO)
        posix_spawn_file_actions_adddup2(&actions, replies[1], STDOUT_FILENO)
        var environment: [String] = []
        var entry: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = environ
        while let variable = entry?.pointee {
            let text = String(cString: variable)
            if !text.hasPrefix(StreamClient.environmentKey + "=") {
                environment.append(text)
            }
            entry = entry?.successor()
        }
        environment.append("\(StreamClient.environmentKey)=\(socketPath)")
        let executable = "/proc/self/exe"
        var pid = pid_t()
        let result = withCStrings(["deferscope-benchmark-client"]) { argv in
            withCStrings(environment) { envp in
                posix_spawn(&pid, executable, &actions, nil, argv, envp)
            }
        }
        close(commands[0])
        close(replies[1])
        guard result == 0 else {
            close(commands[1])
            close(replies[0])
            throw BenchmarkSetupError("posix_spawn \(executable): \(String(cString: strerror(result)))")
        }
        self.pid = pid
        self.toClient = commands[1]
        self.fromClient = replies[0]
        let line = readLine(timeoutSeconds: timeoutSeconds)
        guard line == "ready" else {
            finish()
            throw BenchmarkSetupError("the client did not attach: \(line ?? "no answer")")
        }
    }

    deinit {
        finish()
    }

    /// Asks the client to wait for `expectedEvents` (or for the stream to go quiet), and returns
    /// what it counted; the client then exits.
    public func drain(expectedEvents: UInt64, timeoutSeconds: Double = 120) -> ClientStatistics? {
        send("drain \(expectedEvents)")
        guard let line = readLine(timeoutSeconds: timeoutSeconds) else { return nil }
        let statistics = ClientStatistics(line: line)
        finish()
        return statistics
    }

    private func send(_ line: String) {
        let bytes = Array((line + "\n").utf8)
        _ = bytes.withUnsafeBytes { write(toClient, $0.baseAddress, $0.count) }
    }

    /// The next line the client writes, or nil if none comes in time or it exited.
    private func readLine(timeoutSeconds: Double) -> String? {
        let deadline = monotonicNanoseconds() &+ UInt64(timeoutSeconds * 1e9)
        while true {
            if let end = received.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: received[..<end], as: UTF8.self)
                received.removeSubrange(...end)
                return line
            }
            let now = monotonicNanoseconds()
            guard now < deadline else { return nil }
            var descriptor = pollfd(fd: fromClient, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32((deadline - now) / 1_000_000 + 1))
            if ready < 0, errno == EINTR { continue }
            guard ready > 0 else { return nil }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = chunk.withUnsafeMutableBytes { read(fromClient, $0.baseAddress, $0.count) }
            guard count > 0 else { return nil }
            received.append(contentsOf: chunk[0..<count])
        }
    }

    /// Closes the pipes (a client still running sees its stdin close and exits) and reaps it.
    private func finish() {
        guard !finished else { return }
        finished = true
        close(toClient)
        close(fromClient)
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0, errno == EINTR {}
    }
}

/// An agent started for a benchmark, on a socket in a private temporary directory.
public final class BenchmarkAgent {
    /// The agent's socket.
    public let socketPath: String
    private let directory: String

    /// Starts the agent with `configuration`, its socket in a fresh directory under /tmp
    /// (`DEFERSCOPE_SOCKET`, when set, still wins, as it would in an app).
    public init(_ configuration: DeferscopeAgent.Configuration = .init()) throws {
        var template = Array("/tmp/deferscope-bench.XXXXXX".utf8CString)
        guard let made = template.withUnsafeMutableBufferPointer({ mkdtemp($0.baseAddress!) }) else {
            throw BenchmarkSetupError("mkdtemp: \(String(cString: strerror(errno)))")
        }
        directory = String(cString: made)
        var configuration = configuration
        configuration.socketPath = directory + "/agent.sock"
        do {
            try DeferscopeAgent.start(configuration)
        } catch {
            rmdir(directory)
            throw error
        }
        socketPath = DeferscopeAgent.socketPath ?? configuration.socketPath!
    }

    /// The agent's counters now.
    public var statistics: DeferscopeAgent.Statistics? { DeferscopeAgent.statistics }

    /// Stops the agent and removes its directory.
    public func stop() {
        DeferscopeAgent.stop()
        unlink(directory + "/agent.sock")
        rmdir(directory)
    }
}

/// A benchmark could not set up its agent or client.
public struct BenchmarkSetupError: Error, CustomStringConvertible {
    public let description: String

    public init(_ description: String) {
        self.description = description
    }
}

/// Calls `body` with a NULL-terminated array of C strings, as `exec` wants.
private func withCStrings<R>(_ strings: [String], _ body: ([UnsafeMutablePointer<CChar>?]) -> R) -> R {
    var pointers: [UnsafeMutablePointer<CChar>?] = strings.map { strdup($0) }
    pointers.append(nil)
    defer {
        for pointer in pointers {
            free(pointer)
        }
    }
    return body(pointers)
}
