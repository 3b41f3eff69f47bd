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
    }

    /// The next frame, waiting at most `timeout` seconds (nil: forever) for it to arrive.
    ///
    /// - Returns: the frame, or nil when none arrived in time.
    /// - Throws: ``AgentConnectionError/closed`` when the agent closed the connection,
    ///   ``AgentConnectionError/protocolError(_:)`` for bytes that are not the protocol (the
    ///   connection is closed), ``AgentConnectionError/refused(_:)`` when the agent refuses us.
    public func nextFrame(timeout: Double?) throws(AgentConnectionError) -> Frame? {
        let deadline = timeout.map { Posix.monotonicNanoseconds() &+ UInt64(max(0, $0) * 1e9) }
        while true {
            if let frame = try decodeBuffered() {
                return frame
            }
            guard fd >= 0 else { throw .closed }
            var waitMilliseconds: Int32 = -1
            if let deadline {
                let now = Posix.monotonicNanoseconds()
                guard now < deadline else { return nil }
                waitMilliseconds = Int32(min((deadline - now + 999_999) / 1_000_000, UInt64(Int32.max)))
            }
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
            close()
            throw error.code == ECONNRESET ? .closed : .io(error.description)
        }
        guard count > 0 else {
            close()
            throw .closed
        }
        bytesReceived &+= UInt64(count)
        readBuffer.withUnsafeBytes { raw in
            let received = UnsafeRawBufferPointer(rebasing: raw[0..<count])
            tap?(received)
            decoder.append(received)
        }
    }
}
