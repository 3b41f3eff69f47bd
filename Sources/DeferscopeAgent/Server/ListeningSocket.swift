import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The agent's listening Unix socket: mode 0600, in a private directory, removed on close.
final class ListeningSocket {
    let path: String
    let fd: Int32

    init(path: String) throws {
        try AgentSocketLocation.checkSocketPath(path)
        // A socket of ours left by an earlier process with this pid (pids are reused).
        unlink(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PosixError("socket") }
        do {
            try UnixSocket.makeNonBlockingAndCloseOnExec(fd)
            var address = try UnixSocket.address(path)
            let bound = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard bound == 0 else { throw PosixError("bind", path) }
            // The directory is already private; this keeps a socket in a shared directory
            // (DEFERSCOPE_SOCKET) closed to others too.
            guard chmod(path, 0o600) == 0 else { throw PosixError("chmod", path) }
            guard listen(fd, 64) == 0 else { throw PosixError("listen", path) }
        } catch {
            UnixSocket.systemClose(fd)
            unlink(path)
            throw error
        }
        self.path = path
        self.fd = fd
    }

    /// A waiting connection, made non-blocking, or nil when none is waiting.
    func accept() -> Int32? {
        let client = UnixSocket.acceptConnection(fd)
        guard client >= 0 else { return nil }
        do {
            try UnixSocket.makeNonBlockingAndCloseOnExec(client)
        } catch {
            UnixSocket.systemClose(client)
            return nil
        }
        return client
    }

    func close() {
        UnixSocket.systemClose(fd)
        unlink(path)
    }
}
