import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Removes the agent's socket when the process exits normally (`exit`, returning from `main`).
/// A killed process leaves it behind; clients remove sockets whose process is gone.
enum ExitCleanup {
    private static let socketPath = Mutex<[CChar]?>(nil)
    private static let registered = Atomic<Bool>(false)

    /// Remembers `path` for removal at exit (nil forgets it).
    static func removeAtExit(_ path: String?) {
        let cString = path.map { Array($0.utf8CString) }
        socketPath.withLock { $0 = cString }
        if path != nil, registered.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
            atexit { ExitCleanup.run() }
        }
    }

    private static func run() {
        socketPath.withLock { path in
            if let path {
                _ = path.withUnsafeBufferPointer { unlink($0.baseAddress!) }
            }
            path = nil
        }
    }
}
