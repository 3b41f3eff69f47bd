import DeferscopeWire

#if canImport(Glibc)
import Glibc
#endif

/// Reads a child process's output a line at a time, giving up after a deadline.
struct LineReader {
    let fd: Int32
    private var buffered: [UInt8] = []

    init(fd: Int32) {
        self.fd = fd
    }

    /// The next line, without its newline; throws when `what` exits or says nothing in time.
    mutating func next(timeout: Double, what: String) throws -> String {
        let deadline = Posix.monotonicNanoseconds() + UInt64(timeout * 1e9)
        while true {
            if let newline = buffered.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: buffered[..<newline], as: UTF8.self)
                buffered.removeSubrange(...newline)
                return line
            }
            let now = Posix.monotonicNanoseconds()
            guard now < deadline else { throw TestAppError("no answer from \(what) within \(timeout) s") }
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&descriptor, 1, Int32((deadline - now) / 1_000_000) + 1) > 0 else { continue }
            var chunk = [UInt8](repeating: 0, count: 4096)
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { throw TestAppError("\(what) exited") }
            buffered.append(contentsOf: chunk[..<count])
        }
    }
}
