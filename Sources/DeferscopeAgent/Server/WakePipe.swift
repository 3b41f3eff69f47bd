import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A pipe other threads write a byte to, to wake the agent's `poll` at once.
final class WakePipe: Sendable {
    let readFD: Int32
    let writeFD: Int32

    init() throws {
        var fds: [Int32] = [0, 0]
        guard pipe(&fds) == 0 else { throw PosixError("pipe") }
        readFD = fds[0]
        writeFD = fds[1]
        try UnixSocket.makeNonBlockingAndCloseOnExec(readFD)
        try UnixSocket.makeNonBlockingAndCloseOnExec(writeFD)
    }

    func wake() {
        var byte: UInt8 = 1
        _ = write(writeFD, &byte, 1)
    }

    /// Empties the pipe after a wake-up.
    func drain() {
        var bytes = [UInt8](repeating: 0, count: 64)
        while bytes.withUnsafeMutableBytes({ read(readFD, $0.baseAddress, $0.count) }) > 0 {}
    }

    func close() {
        UnixSocket.systemClose(readFD)
        UnixSocket.systemClose(writeFD)
    }
}
