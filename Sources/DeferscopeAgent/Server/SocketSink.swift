import DeferscopeWire
import DequeModule

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A client's socket, written by the agent's thread whenever it is writable. Frames are queued
/// as they were encoded (one events frame's bytes are shared by every client that gets it).
final class SocketSink: SessionSink {
    let fd: Int32
    private var chunks = Deque<[UInt8]>()
    private var headOffset = 0
    private(set) var pendingBytes = 0
    private(set) var isBroken = false

    init(fd: Int32) {
        self.fd = fd
    }

    var wantsWritable: Bool { pendingBytes > 0 && !isBroken }

    func enqueue(_ bytes: [UInt8]) {
        guard !isBroken, !bytes.isEmpty else { return }
        chunks.append(bytes)
        pendingBytes += bytes.count
    }

    func flush() {
        while !isBroken, let chunk = chunks.first {
            let remaining = chunk.count - headOffset
            // MSG_NOSIGNAL: a client that went away must not kill the app with SIGPIPE.
            let written = chunk.withUnsafeBytes { raw in
                send(fd, raw.baseAddress! + headOffset, remaining, Int32(MSG_NOSIGNAL))
            }
            if written < 0 {
                if errno == EINTR { continue }
                if errno == EAGAIN || errno == EWOULDBLOCK { return }
                isBroken = true
                return
            }
            pendingBytes -= written
            if written == remaining {
                chunks.removeFirst()
                headOffset = 0
            } else {
                headOffset += written
                return
            }
        }
    }

    func close() {
        isBroken = true
        chunks.removeAll()
        pendingBytes = 0
        UnixSocket.systemClose(fd)
    }
}
