import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A child process started with `posix_spawn`: its standard output comes back through a pipe,
/// its standard error goes to a file (so it never scribbles over the dashboard), and it starts
/// with no signal blocked whatever its parent blocks.
final class ChildProcess {
    let pid: pid_t
    private let output: Int32
    private var buffered: [UInt8] = []

    /// Starts `arguments[0]` (a path) with `arguments`, standard error to `errorPath`.
    init(_ arguments: [String], errorPath: String) throws {
        var pipeFDs: [Int32] = [0, 0]
        guard pipe(&pipeFDs) == 0 else { throw CommandFailure("\(PosixError("pipe"))") }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_adddup2(&actions, pipeFDs[1], 1)
        posix_spawn_file_actions_addclose(&actions, pipeFDs[0])
        posix_spawn_file_actions_addopen(&actions, 2, errorPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        let spawned: Result<pid_t, PosixError> = Result { () throws(PosixError) in
            try Posix.spawn(arguments, fileActions: &actions)
        }
        Glibc.close(pipeFDs[1])
        switch spawned {
        case .success(let child):
            pid = child
        case .failure(let error):
            Glibc.close(pipeFDs[0])
            throw CommandFailure("\(error)")
        }
        output = pipeFDs[0]
    }

    deinit {
        Glibc.close(output)
    }

    /// The next line the child printed, or nil when it ended or said nothing for `timeout` seconds.
    func readLine(timeout: Double) -> String? {
        let deadline = Posix.monotonicNanoseconds() &+ UInt64(timeout * 1e9)
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            let now = Posix.monotonicNanoseconds()
            guard now < deadline else { return nil }
            var descriptor = pollfd(fd: output, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32((deadline - now) / 1_000_000) + 1) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(output, &chunk, chunk.count)
            guard count > 0 else { return nil }
            buffered.append(contentsOf: chunk[..<count])
        }
    }

    /// Sends SIGTERM and waits (up to two seconds, then SIGKILL) for the child to end.
    func stop() {
        kill(pid, SIGTERM)
        let deadline = Posix.monotonicNanoseconds() &+ 2_000_000_000
        var status: Int32 = 0
        while waitpid(pid, &status, WNOHANG) == 0 {
            if Posix.monotonicNanoseconds() > deadline {
                kill(pid, SIGKILL)
                waitpid(pid, &status, 0)
                return
            }
            usleep(10_000)
        }
    }
}
