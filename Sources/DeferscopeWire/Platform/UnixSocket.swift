#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The Unix-socket calls the agent and the client share.
public enum UnixSocket {
    /// Makes `fd` non-blocking and closed on `exec`, so a child the app spawns does not inherit
    /// the agent's sockets.
    public static func makeNonBlockingAndCloseOnExec(_ fd: Int32) throws(PosixError) {
        let flags = fcntl(fd, F_GETFL)
        guard flags >= 0, fcntl(fd, F_SETFL, flags | O_NONBLOCK) == 0 else { throw PosixError("fcntl") }
        try makeCloseOnExec(fd)
    }

    /// Marks `fd` closed on `exec`.
    public static func makeCloseOnExec(_ fd: Int32) throws(PosixError) {
        let descriptorFlags = fcntl(fd, F_GETFD)
        guard descriptorFlags >= 0, fcntl(fd, F_SETFD, descriptorFlags | FD_CLOEXEC) == 0 else {
            throw PosixError("fcntl")
        }
    }

    /// The socket address of `path`.
    ///
    /// - Throws: when the path does not fit `sun_path` (107 bytes on Linux).
    public static func address(_ path: String) throws(AgentSocketError) -> sockaddr_un {
        var address = sockaddr_un()
        address.sun_family = sa_family_t(AF_UNIX)
        let bytes = Array(path.utf8)
        guard bytes.count < MemoryLayout.size(ofValue: address.sun_path) else {
            throw AgentSocketError("the socket path \(path) is too long for a Unix socket")
        }
        withUnsafeMutableBytes(of: &address.sun_path) { raw in
            raw.copyBytes(from: bytes)
            raw[bytes.count] = 0
        }
        return address
    }

    /// The uid of the process at the other end of `fd` (`SO_PEERCRED`), or nil.
    public static func peerUserID(_ fd: Int32) -> UInt32? {
        // Glibc's `struct ucred` (pid, uid, gid) is only declared with _GNU_SOURCE; this tuple has
        // its layout.
        var credentials: (pid: Int32, uid: UInt32, gid: UInt32) = (0, 0, 0)
        var length = socklen_t(MemoryLayout.size(ofValue: credentials))
        let result = withUnsafeMutableBytes(of: &credentials) { raw in
            getsockopt(fd, SOL_SOCKET, SO_PEERCRED, raw.baseAddress, &length)
        }
        guard result == 0, Int(length) == MemoryLayout.size(ofValue: credentials) else { return nil }
        return credentials.uid
    }

    /// A blocking stream socket connected to `path`, closed on `exec`.
    public static func connect(to path: String) throws -> Int32 {
        var address = try address(path)
        let fd = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw PosixError("socket") }
        do {
            try makeCloseOnExec(fd)
            let connected = withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    systemConnect(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
                }
            }
            guard connected == 0 else { throw PosixError("connect", path) }
        } catch {
            systemClose(fd)
            throw error
        }
        return fd
    }

    /// Closes `fd` (for types whose own `close` hides the system's).
    public static func systemClose(_ fd: Int32) {
        _ = close(fd)
    }

    /// Sends all of `bytes` on blocking socket `fd`, without raising `SIGPIPE`.
    public static func sendAll(_ fd: Int32, _ bytes: [UInt8]) throws(PosixError) {
        var offset = 0
        while offset < bytes.count {
            let sent = bytes.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + offset, raw.count - offset, Int32(MSG_NOSIGNAL))
            }
            if sent < 0 {
                if errno == EINTR { continue }
                throw PosixError("send")
            }
            offset += sent
        }
    }

    /// A connection waiting on listening socket `fd`, or -1 (`errno` says why).
    public static func acceptConnection(_ fd: Int32) -> Int32 {
        accept(fd, nil, nil)
    }
}

/// The system's `connect`, which `UnixSocket.connect(to:)` hides inside the type.
private func systemConnect(_ fd: Int32, _ address: UnsafePointer<sockaddr>, _ length: socklen_t) -> Int32 {
    connect(fd, address, length)
}
