import DeferscopeWire

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A `.dsrec` file being written by `record`: the header, then the bytes as received.
final class RecordingFile {
    let path: String
    private var fd: Int32
    private(set) var bytesWritten: UInt64 = 0
    /// Why writing stopped, if it did.
    private(set) var failure: String?

    init(path: String) throws {
        self.path = path
        // 0600: labels and values in a recording may be private.
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw CommandFailure("cannot create \(path): \(PosixError("open").description)") }
        let header = RecordingHeader(createdAt: Posix.wallClockNanoseconds()).encoded()
        header.withUnsafeBytes { write($0) }
        if let failure { throw CommandFailure("writing \(path): \(failure)") }
    }

    func write(_ bytes: UnsafeRawBufferPointer) {
        guard failure == nil, fd >= 0, var base = bytes.baseAddress else { return }
        var remaining = bytes.count
        while remaining > 0 {
            let written = Glibc.write(fd, base, remaining)
            if written < 0 {
                if errno == EINTR { continue }
                failure = PosixError("write").description
                return
            }
            remaining -= written
            base += written
            bytesWritten &+= UInt64(written)
        }
    }

    func finish() throws {
        guard fd >= 0 else { return }
        let closed = close(fd)
        fd = -1
        if closed != 0, failure == nil {
            throw CommandFailure("closing \(path): \(PosixError("close").description)")
        }
        if let failure { throw CommandFailure("writing \(path): \(failure)") }
    }
}
