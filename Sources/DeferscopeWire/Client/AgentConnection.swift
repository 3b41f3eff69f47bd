#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// One connection to an agent's socket: frames in, commands out.
///
/// Reads block up to a deadline (`poll`), so a caller can keep a screen alive while waiting. The
/// handshake is checked on the first frame: a socket that is not an agent, an agent of an
/// incompatible version, or an agent that refuses this user is reported as such.
///
/// Not thread-safe: one thread reads and sends.
public final class AgentConnection {
    /// The socket this connection is to.
    public let socketPath: String
    /// The agent's handshake, once received.
    public private(set) var hello: Hello?
    /// Bytes received so far.
    public private(set) var bytesReceived: UInt64 = 0

    /// Called with every chunk of bytes exactly as received, before decoding (for recordings).
    public var tap: ((UnsafeRawBufferPointer) -> Void)?

    private var fd: Int32
    private var decoder = FrameDecoder()
    private let encoder = FrameEncoder()
    private var readBuffer = [UInt8](repeating: 0, count: 256 << 10)
    private var nextRequestID: UInt32 = 1
    /// The remote shell behind a remote connection.
    private var remoteShell: RemoteShell?

    /// Connects to the agent listening on `socketPath`.
    ///
    /// - Throws: ``AgentConnectionError/unreachable(_:)`` when nothing listens there.
    public init(socketPath: String) throws(AgentConnectionError) {
        self.socketPath = socketPath
        do {
            try AgentSocketLocation.checkSocketPath(socketPath)
            self.fd = try UnixSocket.connect(to: socketPath)
        } catch let error as AgentSocketError {
            throw .unreachable(error.description)
        } catch {
            throw .unreachable("\(error)")
        }
    }

    /// Connects to an agent on another machine through its remote shell (`ssh host deferscope
    /// relay <process>`); the remote shell's error output explains a failure to connect.
    ///
    /// - Throws: ``AgentConnectionError/unreachable(_:)`` when the remote shell cannot start.
    public init(remote: RemoteTarget) throws(AgentConnectionError) {
        self.socketPath = remote.description
        let shell = try RemoteShell(commandLine: remote.commandLine(running: ["relay", remote.process]))
        self.fd = shell.fd
        self.remoteShell = shell
    }

    deinit {
        close()
    }

    /// Whether the connection is still open on this side.
    public var isOpen: Bool { fd >= 0 }

    /// Closes the connection. Safe to call more than once.
    public func close() {
        guard fd >= 0 else { return }
        UnixSocket.systemClose(fd)
        fd = -1
        // Its input closed, the remote shell exits; reap it so no zombie is left.
        remoteShell?.finish()
    }

    /// The connection ended from the other side: closes this side and says why.
    private func endedByPeer() -> AgentConnectionError {
        guard let remoteShell else {
            close()
            return .closed
        }
        // Its output ended, so the remote shell is exiting: let it finish writing its error.
        remoteShell.waitForExit(seconds: 1)
        let reason = remoteShell.errorText()
        close()
        if hello == nil {
            return .unreachable(reason.isEmpty ? "the remote shell ended before the agent answered" : reason)
        }
        // The relay exits 0 when the agent closes; anything else is the link breaking.
        guard let status = remoteShell.exitStatus, status != 0 else { return .closed }
        let how = status > 128 ? "was killed by signal \(status - 128)" : "exited with status \(status)"
        return .io("the link to \(socketPath) broke: the remote shell \(how)" + (reason.isEmpty ? "" : ": \(reason)"))
    }

    /// The next frame, waiting at most `timeout` seconds (nil: forever) for it to arrive.
    ///
    /// - Returns: the frame, or nil when none arrived in time.
    /// - Throws: ``AgentConnectionError/closed`` when the agent closed the connection,
    ///   ``AgentConnectionError/protocolError(_:)`` for bytes that are not the protocol (the
    ///   connection is closed), ``AgentConnectionError/refused(_:)`` when the agent refuses us.
    public func nextFrame(timeout: Double?) throws(AgentConnectionError) -> Frame? {
        let deadline = timeout.map { Posix.monotonicNanoseconds() &+ UInt64(max(0, $0) * 1e9) }
        // Even with no time to wait, what the socket already holds is read once.
        var looked = false
        while true {
            if let frame = try decodeBuffered() {
                return frame
            }
            guard fd >= 0 else { throw .closed }
            var waitMilliseconds: Int32 = -1
            if let deadline {
                let now = Posix.monotonicNanoseconds()
                guard now < deadline || !looked else { return nil }
                waitMilliseconds =
                    now < deadline ? Int32(min((deadline - now + 999_999) / 1_000_000, UInt64(Int32.max))) : 0
            }
            looked = true
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, waitMilliseconds)
            if ready < 0 {
                if errno == EINTR { continue }
                throw .io(PosixError("poll", socketPath).description)
            }
            if ready == 0 { continue }
            try receive()
        }
    }

    /// Waits up to `timeout` seconds until something can be read (the handshake, or the end),
    /// without reading it: a remote shell asking for a password is done before a screen starts.
    ///
    /// - Returns: false when nothing arrived in time.
    public func waitUntilReadable(timeout: Double) -> Bool {
        guard fd >= 0 else { return true }
        let deadline = Posix.monotonicNanoseconds() &+ UInt64(max(0, timeout) * 1e9)
        while true {
            let now = Posix.monotonicNanoseconds()
            guard now < deadline else { return false }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, Int32(min((deadline - now) / 1_000_000 + 1, 1000)))
            if ready != 0 && !(ready < 0 && errno == EINTR) { return true }
        }
    }

    /// The next frame among the bytes already read, without reading more: nil when they hold no
    /// whole frame.
    public func nextBufferedFrame() throws(AgentConnectionError) -> Frame? {
        try decodeBuffered()
    }

    /// Waits up to `timeout` seconds until one of `connections` can be read, without reading: a
    /// dashboard over several processes sleeps here when none has news.
    public static func waitUntilAnyReadable(_ connections: [AgentConnection], timeout: Double) {
        var descriptors = connections.filter { $0.fd >= 0 }.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
        guard !descriptors.isEmpty else { return Posix.sleep(seconds: timeout) }
        _ = poll(&descriptors, nfds_t(descriptors.count), Int32(max(0, timeout) * 1000))
    }

    /// Sends `command`, stamped with a fresh request id, and returns that id.
    @discardableResult
    public func send(_ command: (UInt32) -> Command) throws(AgentConnectionError) -> UInt32 {
        guard fd >= 0 else { throw .closed }
        let requestID = nextRequestID
        nextRequestID &+= 1
        do {
            try UnixSocket.sendAll(fd, encoder.encode(.command(command(requestID))))
        } catch {
            throw .io(error.description)
        }
        return requestID
    }

    /// Sends raw bytes (tests use this to misbehave).
    public func sendRaw(_ bytes: [UInt8]) throws(AgentConnectionError) {
        guard fd >= 0 else { throw .closed }
        do {
            try UnixSocket.sendAll(fd, bytes)
        } catch {
            throw .io(error.description)
        }
    }

    private func decodeBuffered() throws(AgentConnectionError) -> Frame? {
        let frame: Frame?
        do {
            frame = try decoder.next()
        } catch {
            close()
            throw .protocolError(error.description)
        }
        guard let frame else { return nil }
        if hello == nil {
            switch frame {
            case .hello(let greeting):
                guard greeting.protocolVersion <= Hello.currentVersion else {
                    close()
                    throw .protocolError(
                        "the agent speaks protocol version \(greeting.protocolVersion); this deferscope "
                            + "understands up to \(Hello.currentVersion): upgrade deferscope"
                    )
                }
                hello = greeting
            case .reply(let reply) where !reply.ok:
                close()
                throw .refused(reply.message)
            default:
                close()
                throw .protocolError("the first frame from \(socketPath) is not a deferscope handshake")
            }
        }
        return frame
    }

    private func receive() throws(AgentConnectionError) {
        let count = readBuffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
        if count < 0 {
            if errno == EINTR || errno == EAGAIN { return }
            let error = PosixError("recv", socketPath)
            guard error.code == ECONNRESET else {
                close()
                throw .io(error.description)
            }
            throw endedByPeer()
        }
        guard count > 0 else {
            throw endedByPeer()
        }
        bytesReceived &+= UInt64(count)
        readBuffer.withUnsafeBytes { raw in
            let received = UnsafeRawBufferPointer(rebasing: raw[0..<count])
            tap?(received)
            decoder.append(received)
        }
    }
}
