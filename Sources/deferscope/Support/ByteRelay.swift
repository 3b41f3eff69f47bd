import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Copies bytes both ways between a pair of descriptors (standard input and output) and a
/// socket, unchanged, until either side closes.
struct ByteRelay {
    let input: Int32
    let output: Int32
    let socket: Int32

    /// Runs until the socket or the input ends, or a write fails (the other side is gone).
    func run() {
        // A vanished reader must end the relay through EPIPE, not kill it with a signal.
        signal(SIGPIPE, SIG_IGN)
        var buffer = [UInt8](repeating: 0, count: 64 << 10)
        var descriptors = [
            pollfd(fd: input, events: Int16(POLLIN), revents: 0),
            pollfd(fd: socket, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            let ready = poll(&descriptors, nfds_t(descriptors.count), -1)
            if ready < 0 {
                if errno == EINTR { continue }
                return
            }
            // The agent first, so its last bytes reach the client before an end is noticed.
            if descriptors[1].revents != 0, !copy(from: socket, to: output, &buffer) { return }
            if descriptors[0].revents != 0, !copy(from: input, to: socket, &buffer) { return }
        }
    }

    /// One read from `source` written whole to `destination`; false when either has ended.
    private func copy(from source: Int32, to destination: Int32, _ buffer: inout [UInt8]) -> Bool {
        let count = buffer.withUnsafeMutableBytes { read(source, $0.baseAddress, $0.count) }
        if count < 0 {
            return errno == EINTR || errno == EAGAIN
        }
        guard count > 0 else { return false }
        var offset = 0
        while offset < count {
            let written = buffer.withUnsafeBytes { raw in
                write(destination, raw.baseAddress! + offset, count - offset)
            }
            if written < 0 {
                if errno == EINTR || errno == EAGAIN { continue }
                return false
            }
            offset += written
        }
        return true
    }
}
