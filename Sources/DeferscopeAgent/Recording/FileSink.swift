import DeferredKit
import DeferscopeWire
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A recording file, written on a serial queue of its own so that a slow or full disk never holds
/// up the agent's thread (and so never the app): when the queue is over its limit the session
/// drops events and counts them, as it does for a slow client. After a write error (disk full,
/// file too large) the recording stops where it is; what was written still replays.
final class FileSink: SessionSink, @unchecked Sendable {
    let path: String
    private let fd: Int32
    private let queue = DispatchQueue(label: "deferscope.recording")
    private let pending = Atomic<Int>(0)
    private let failed = Atomic<Bool>(false)
    private let unwritten = Atomic<UInt64>(0)
    /// Bytes that reached the file; touched only on `queue`.
    private var bytesWritten = 0
    /// Why writing stopped, for the agent's status.
    let failure = _Lock<String?>(nil)

    init(path: String, header: [UInt8]) throws {
        // A file-size limit would otherwise end the app with SIGXFSZ; ignored, `write` reports EFBIG.
        signal(SIGXFSZ, SIG_IGN)
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw RecordingError("cannot create the recording \(path): \(String(cString: strerror(errno)))")
        }
        self.fd = fd
        self.path = path
        enqueue(header)
    }

    var pendingBytes: Int { pending.load(ordering: .relaxed) }

    var wantsWritable: Bool { false }

    var isBroken: Bool { failed.load(ordering: .relaxed) }

    func enqueue(_ bytes: [UInt8]) {
        enqueue(bytes, events: 0)
    }

    /// Events that were handed to the file but never reached it (queued when a write failed).
    var unwrittenEvents: UInt64 { unwritten.load(ordering: .relaxed) }

    /// Queues `bytes`, which hold `events` events: if they never reach the file, those count as
    /// lost.
    func enqueue(_ bytes: [UInt8], events: UInt64) {
        guard !isBroken, !bytes.isEmpty else {
            unwritten.add(events, ordering: .relaxed)
            return
        }
        pending.add(bytes.count, ordering: .relaxed)
        queue.async { [self] in
            defer { pending.subtract(bytes.count, ordering: .relaxed) }
            guard !isBroken else {
                unwritten.add(events, ordering: .relaxed)
                return
            }
            var offset = 0
            while offset < bytes.count {
                let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
                if written < 0 {
                    if errno == EINTR { continue }
                    let reason = String(cString: strerror(errno))
                    let total = bytesWritten + offset
                    failure.withLock {
                        $0 = "writing \(path) failed after \(total) bytes: \(reason); later events are not recorded"
                    }
                    unwritten.add(events, ordering: .relaxed)
                    failed.store(true, ordering: .relaxed)
                    return
                }
                offset += written
            }
            bytesWritten += offset
        }
    }

    func flush() {}

    /// How long `close()` waits for queued bytes to reach the file: a stalled disk (or a FIFO
    /// nobody reads) must not hang the app's `stop()`.
    static let closeTimeoutSeconds = 2.0

    func close() {
        let drained = DispatchSemaphore(value: 0)
        queue.async { [fd] in
            UnixSocket.systemClose(fd)
            drained.signal()
        }
        if drained.wait(timeout: .now() + Self.closeTimeoutSeconds) == .timedOut {
            // The writes go on in the background; nothing more is queued.
            failed.store(true, ordering: .relaxed)
            failure.withLock { $0 = $0 ?? "the recording \(path) was still being written when the agent stopped" }
        }
    }
}
