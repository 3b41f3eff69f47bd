#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A plain thread of our own, so the agent needs no executor of the app's.
final class AgentThread {
    private var thread = pthread_t()
    private var started = false

    /// Starts `body` on a new thread named `name`.
    init(name: String, _ body: @escaping @Sendable () -> Void) throws(PosixThreadError) {
        let threadName = String(name.utf8.prefix(15)) ?? "deferscope"
        let box = Unmanaged.passRetained(
            ThreadBody {
                Self.nameCurrentThread(threadName)
                body()
            }
        )
        let result = pthread_create(
            &thread,
            nil,
            { context in
                let body = Unmanaged<ThreadBody>.fromOpaque(context!).takeRetainedValue()
                body.run()
                return nil
            },
            box.toOpaque()
        )
        guard result == 0 else {
            box.release()
            throw PosixThreadError(code: result)
        }
        started = true
    }

    /// Names the calling thread so it shows in `top -H` and debuggers. Glibc's
    /// `pthread_setname_np` is not visible to Swift, so this writes the kernel's comm file.
    private static func nameCurrentThread(_ name: String) {
        let fd = open("/proc/thread-self/comm", O_WRONLY | O_CLOEXEC)
        guard fd >= 0 else { return }
        _ = name.utf8CString.withUnsafeBufferPointer { write(fd, $0.baseAddress, $0.count - 1) }
        close(fd)
    }

    /// Waits for the thread to end.
    func join() {
        guard started else { return }
        pthread_join(thread, nil)
        started = false
    }
}

private final class ThreadBody {
    let run: @Sendable () -> Void

    init(_ run: @escaping @Sendable () -> Void) {
        self.run = run
    }
}

/// `pthread_create` failed.
struct PosixThreadError: Error, CustomStringConvertible {
    let code: Int32

    var description: String { "cannot start the agent's thread: \(String(cString: strerror(code)))" }
}
