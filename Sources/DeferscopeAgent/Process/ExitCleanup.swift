import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Stops the agent when the process exits normally (`exit`, returning from `main`): the last
/// events reach the clients and the recording, and the socket is removed. A killed process
/// leaves its socket behind; clients remove sockets whose process is gone.
enum ExitCleanup {
    private static let registered = Atomic<Bool>(false)

    /// Arranges for `DeferscopeAgent.stop()` to run at exit (once per process).
    static func stopAgentAtExit() {
        if registered.compareExchange(expected: false, desired: true, ordering: .relaxed).exchanged {
            atexit { DeferscopeAgent.stop() }
        }
    }
}
