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
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        let arguments = commandLine.map { strdup($0) } + [nil]
        defer {
            for argument in arguments { free(argument) }
        }
        var child: pid_t = 0
        let status = posix_spawnp(&child, commandLine[0], nil, &attributes, arguments, environ)
        guard status == 0 else {
            throw CommandFailure("\(PosixError("start", commandLine[0], code: status))")
        }
        var result: Int32 = 0
        while waitpid(child, &result, 0) < 0 {
            guard errno == EINTR else { throw CommandFailure("\(PosixError("waitpid", commandLine[0]))") }
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG, which Swift does not import.
        let signal = result & 0x7f
        return signal == 0 ? (result >> 8) & 0xff : 128 + signal
    }
}
