#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Where agents put their sockets, and the checks both ends make on that place.
///
/// Each process listens on `<directory>/<pid>.sock`. The directory is
/// `$XDG_RUNTIME_DIR/deferscope` when that variable is set, else `/tmp/deferscope-<uid>`. It must
/// be a real directory (not a symbolic link), owned by the user, with no access for group or
/// others; anything else is refused, because another user could otherwise plant a socket or a
/// link there.
public enum AgentSocketLocation {
    /// The directory this user's agents use.
    public static func defaultDirectory() -> String {
        if let runtime = Posix.environment("XDG_RUNTIME_DIR"), runtime.hasPrefix("/") {
            return runtime + "/deferscope"
        }
        return "/tmp/deferscope-\(Posix.userID)"
    }

    /// The socket of process `pid` in `directory`.
    public static func socketPath(pid: Int32, in directory: String = defaultDirectory()) -> String {
        directory + "/\(pid).sock"
    }

    /// The longest socket path a `sockaddr_un` holds.
    public static let maximumPathLength = 107

    /// Creates `directory` (mode 0700) if it does not exist, then checks it.
    public static func prepareDirectory(_ directory: String) throws(AgentSocketError) {
        if mkdir(directory, 0o700) != 0, errno != EEXIST {
            let error = PosixError("create directory", directory)
            throw AgentSocketError("cannot create the socket directory \(directory): \(error)")
        }
        try checkDirectory(directory)
    }

    /// Checks that `directory` is a real directory owned by this user with no access for others.
    public static func checkDirectory(_ directory: String) throws(AgentSocketError) {
        var info = stat()
        guard lstat(directory, &info) == 0 else {
            throw AgentSocketError("cannot inspect the socket directory \(directory): \(PosixError("lstat"))")
        }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            throw AgentSocketError(
                "refusing the socket directory \(directory): it is a symbolic link; remove it so that a "
                    + "private directory can be created"
            )
        }
        guard (info.st_mode & S_IFMT) == S_IFDIR else {
            throw AgentSocketError("refusing the socket directory \(directory): it is not a directory")
        }
        guard UInt32(info.st_uid) == Posix.userID else {
            throw AgentSocketError(
                "refusing the socket directory \(directory): it belongs to uid \(info.st_uid), not to you "
                    + "(uid \(Posix.userID)); remove it or set DEFERSCOPE_SOCKET to a path of your own"
            )
        }
        let mode = info.st_mode & 0o777
        guard mode & 0o077 == 0 else {
            throw AgentSocketError(
                "refusing the socket directory \(directory): its mode is \(String(mode, radix: 8)), which lets "
                    + "others in; run `chmod 700 \(directory)`"
            )
        }
    }

    /// Checks a socket path before listening on or connecting to it: not too long, and, if
    /// something is there already, a socket owned by this user (never a symbolic link).
    public static func checkSocketPath(_ path: String) throws(AgentSocketError) {
        guard path.utf8.count <= maximumPathLength else {
            throw AgentSocketError(
                "the socket path \(path) is \(path.utf8.count) bytes long; Unix sockets allow "
                    + "\(maximumPathLength); choose a shorter DEFERSCOPE_SOCKET"
            )
        }
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if (info.st_mode & S_IFMT) == S_IFLNK {
            throw AgentSocketError("refusing \(path): it is a symbolic link, not a socket")
        }
        guard (info.st_mode & S_IFMT) == S_IFSOCK else {
            throw AgentSocketError("refusing \(path): something that is not a socket is there")
        }
        guard UInt32(info.st_uid) == Posix.userID else {
            throw AgentSocketError("refusing \(path): the socket belongs to uid \(info.st_uid), not to you")
        }
    }
}

/// A socket path or directory that cannot be used, and what to do about it.
public struct AgentSocketError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The explanation.
    public let description: String

    /// Creates the error.
    public init(_ description: String) {
        self.description = description
    }
}
