import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Runs a command in the foreground with this process's standard input, output and error, and
/// returns its exit status (`ssh host deferscope list`).
enum ForegroundCommand {
    /// Runs `commandLine` (its first word looked up in `PATH`) and waits for it.
    ///
    /// - Returns: its exit status; 128 + n when signal n ended it.
    static func run(_ commandLine: [String]) throws -> Int32 {
        let child: pid_t
        do {
            child = try Posix.spawn(commandLine, searchPath: true)
        } catch {
            throw CommandFailure("\(error)")
        }
        var result: Int32 = 0
        while waitpid(child, &result, 0) < 0 {
            guard errno == EINTR else { throw CommandFailure("\(PosixError("waitpid", commandLine[0]))") }
        }
        return Posix.exitStatus(fromWaitStatus: result)
    }
}
