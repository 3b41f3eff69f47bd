#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The remote shell (`ssh host deferscope relay …`) behind a remote connection: its standard input
/// and output are one end of a socket pair, so the connection reads and writes it like an agent's
/// socket; its standard error goes to a private file, read back to explain a failure.
final class RemoteShell {
    /// Our end of the socket pair.
    let fd: Int32
    /// The remote shell's process.
    let pid: pid_t
    private let errorPath: String
    private var reaped = false
    /// How it ended, once it has: its exit status, or 128 + the signal that killed it.
    private(set) var exitStatus: Int32?

    /// Starts `commandLine` (its first word looked up in `PATH`).
    init(commandLine: [String]) throws(AgentConnectionError) {
        guard !commandLine.isEmpty else { throw .unreachable("no remote shell command") }
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &pair) == 0 else {
            throw .io(PosixError("socketpair").description)
        }
        var template = Array("/tmp/deferscope-ssh-XXXXXX".utf8CString)
        let errorFD = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard errorFD >= 0 else {
            Glibc.close(pair[0])
            Glibc.close(pair[1])
            throw .io(PosixError("mkstemp").description)
        }
        errorPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        defer { Glibc.close(errorFD) }

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pair[1], 0)
        posix_spawn_file_actions_adddup2(&actions, pair[1], 1)
        posix_spawn_file_actions_adddup2(&actions, errorFD, 2)
        posix_spawn_file_actions_addclose(&actions, pair[0])
        // Its own process group: a Ctrl-C meant for the dashboard does not cut the link first.
        let spawned: Result<pid_t, PosixError> = Result { () throws(PosixError) in
            try Posix.spawn(commandLine, searchPath: true, fileActions: &actions, ownProcessGroup: true)
        }
        Glibc.close(pair[1])
        switch spawned {
        case .success(let child):
            pid = child
        case .failure(let error):
            Glibc.close(pair[0])
            unlink(errorPath)
            throw .unreachable(error.description)
        }
        fd = pair[0]
        do {
            try UnixSocket.makeCloseOnExec(fd)
        } catch {
            // Only a later child would inherit it; the link itself works.
        }
    }

    deinit {
        finish()
    }

    /// What the remote shell wrote to standard error, last lines first trimmed to `limit` bytes
    /// (ssh's "Connection refused", the relay's "no process 1234").
    func errorText(limit: Int = 600) -> String {
        guard let bytes = Posix.readFile(errorPath, limit: 1 << 16) else { return "" }
        let tail = bytes.suffix(limit)
        let text = String(decoding: tail, as: UTF8.self)
        return text.split(whereSeparator: \.isNewline).map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
            .joined(separator: "; ")
    }

    /// Whether the remote shell has exited; reaps it if so.
    var hasExited: Bool {
        guard !reaped else { return true }
        var status: Int32 = 0
        if waitpid(pid, &status, WNOHANG) == pid {
            reaped = true
            exitStatus = Posix.exitStatus(fromWaitStatus: status)
        }
        return reaped
    }

    /// Waits up to `seconds` for the remote shell to exit by itself.
    func waitForExit(seconds: Double) {
        let deadline = Posix.monotonicNanoseconds() &+ UInt64(seconds * 1e9)
        while !hasExited && Posix.monotonicNanoseconds() < deadline {
            Posix.sleep(seconds: 0.005)
        }
    }

    /// Ends the remote shell: it normally exits once its input closes; else SIGTERM, then SIGKILL.
    func finish() {
        defer { unlink(errorPath) }
        waitForExit(seconds: 0.2)
        for signal in [SIGTERM, SIGKILL] where !hasExited {
            kill(pid, signal)
            waitForExit(seconds: signal == SIGTERM ? 0.5 : 2)
        }
    }
}

extension Substring {
    fileprivate func trimmingSpaces() -> String {
        let start = firstIndex { $0 != " " && $0 != "\t" } ?? endIndex
        let end = lastIndex { $0 != " " && $0 != "\t" }.map { index(after: $0) } ?? start
        return String(self[start..<end])
    }
}
