import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A fixed set of plain threads that run one body at a time, all together: the app's threads.
/// Plain threads, not Dispatch's pool, so that the number of threads doing the work is exactly the
/// number asked for, and they are started once rather than once per sample.
public final class WorkerThreads: @unchecked Sendable {
    /// How many threads run each body.
    public let count: Int
    private var threads: [pthread_t] = []
    private let go: [DispatchSemaphore]
    private let done = DispatchSemaphore(value: 0)
    // Written by `run` before the semaphores are signalled, read by the threads after waiting on
    // them: the semaphore orders the two.
    private var body: (@Sendable (Int) -> Void)?
    private let stopping = Atomic<Bool>(false)

    /// Starts `count` threads, idle until ``run(_:)``.
    public init(count: Int) {
        self.count = count
        self.go = (0..<count).map { _ in DispatchSemaphore(value: 0) }
        for index in 0..<count {
            let box = Unmanaged.passRetained(ThreadStart { [unowned self] in self.loop(index) })
            var thread = pthread_t()
            let result = pthread_create(
                &thread,
                nil,
                { context in
                    Unmanaged<ThreadStart>.fromOpaque(context!).takeRetainedValue().body()
                    return nil
                },
                box.toOpaque()
            )
            precondition(result == 0, "pthread_create failed: \(result)")
            threads.append(thread)
        }
    }

    /// Runs `body(index)` on every thread (index 0 to count - 1) and returns when all are done.
    public func run(_ body: @escaping @Sendable (Int) -> Void) {
        self.body = body
        for semaphore in go {
            semaphore.signal()
        }
        for _ in 0..<count {
            done.wait()
        }
        self.body = nil
    }

    /// Ends the threads. The object cannot run anything afterwards.
    public func stop() {
        stopping.store(true, ordering: .releasing)
        for semaphore in go {
            semaphore.signal()
        }
        for thread in threads {
            pthread_join(thread, nil)
        }
        threads = []
    }

    private func loop(_ index: Int) {
        while true {
            go[index].wait()
            if stopping.load(ordering: .acquiring) {
                return
            }
            body?(index)
            done.signal()
        }
    }
}

private final class ThreadStart {
    let body: () -> Void

    init(_ body: @escaping () -> Void) {
        self.body = body
    }
}
