import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// Ctrl-C and SIGTERM end a long-running command (record, the demo app) cleanly, between two
/// steps of its loop, instead of killing it mid-write.
enum InterruptFlag {
    private static let flag = Atomic<Bool>(false)

    static var isSet: Bool { flag.load(ordering: .relaxed) }

    static func install() {
        signal(SIGINT) { _ in InterruptFlag.flag.store(true, ordering: .relaxed) }
        signal(SIGTERM) { _ in InterruptFlag.flag.store(true, ordering: .relaxed) }
        // A parent may have started us with these blocked; Ctrl-C must still end the recording.
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGINT)
        sigaddset(&signals, SIGTERM)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
