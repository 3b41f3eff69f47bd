#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

extension Posix {
    /// Starts `arguments[0]` with `arguments`, no signal blocked and every signal at its default
    /// action, whatever this process blocks or ignores (a child must stop on SIGTERM and see
    /// SIGWINCH even when started from a thread that blocks them).
    ///
    /// - Parameters:
    ///   - searchPath: look the program up in `PATH` (`ssh`), rather than take it as a path.
    ///   - fileActions: the descriptors the child gets (nil: this process's own).
    ///   - ownProcessGroup: start the child in a process group of its own, so a terminal's
    ///     Ctrl-C reaches only this process, which then ends the child in order.
    /// - Returns: the child's pid.
    public static func spawn(
        _ arguments: [String],
        searchPath: Bool = false,
        fileActions: UnsafePointer<posix_spawn_file_actions_t>? = nil,
        ownProcessGroup: Bool = false
    ) throws(PosixError) -> pid_t {
        guard let program = arguments.first else { throw PosixError("start", "(no program)", code: EINVAL) }
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if ownProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))
        let cArguments = arguments.map { strdup($0) } + [nil]
        defer {
            for argument in cArguments { free(argument) }
        }
        var child: pid_t = 0
        let status =
            searchPath
            ? posix_spawnp(&child, program, fileActions, &attributes, cArguments, environ)
            : posix_spawn(&child, program, fileActions, &attributes, cArguments, environ)
        guard status == 0 else { throw PosixError("start", program, code: status) }
        return child
    }

    /// A `waitpid` status as a shell reports it: the exit status, or 128 + the signal that ended
    /// the process (Swift imports neither `WEXITSTATUS` nor `WTERMSIG`).
    public static func exitStatus(fromWaitStatus status: Int32) -> Int32 {
        let signal = status & 0x7f
        return signal == 0 ? (status >> 8) & 0xff : 128 + signal
    }
}
