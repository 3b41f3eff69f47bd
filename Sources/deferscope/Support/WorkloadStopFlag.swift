import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// SIGUSR1 stops the demo app's workload but keeps the app and its agent running, so that a
/// client's final picture can be compared with the app's own counters once they settle.
enum WorkloadStopFlag {
    private static let flag = Atomic<Bool>(false)

    static var isSet: Bool { flag.load(ordering: .relaxed) }

    static func install() {
        signal(SIGUSR1) { _ in WorkloadStopFlag.flag.store(true, ordering: .relaxed) }
        var signals = sigset_t()
        sigemptyset(&signals)
        sigaddset(&signals, SIGUSR1)
        pthread_sigmask(SIG_UNBLOCK, &signals, nil)
    }
}
