import DeferredKit
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A service's hot path: price lookups answered from a cache, each a short-lived Deferred with two
/// callbacks, fired at once and let go. At `--churn N` it makes N of them a second on a thread of
/// its own, the load of a busy service that the soak test puts under the monitor.
final class PriceCache: Sendable {
    private let rate: Double
    private let running = Atomic<Bool>(false)
    private let made = Atomic<Int>(0)
    private let stopped = DispatchSemaphore(value: 0)
    private let worker = DispatchQueue(label: "demo.price-cache")

    /// A cache answering `rate` lookups a second once started.
    init(rate: Double) {
        self.rate = rate
    }

    /// Lookups made so far.
    var lookups: Int { made.load(ordering: .relaxed) }

    /// Starts the lookups on their own thread.
    func start() {
        guard rate > 0, !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        worker.async { [self] in
            var owed = 0.0
            var last = DispatchTime.now().uptimeNanoseconds
            var sku = 0
            while running.load(ordering: .acquiring) {
                let now = DispatchTime.now().uptimeNanoseconds
                // What is owed since the last round, capped at a tenth of a second's worth, so a
                // stalled thread does not burst to catch up.
                owed = min(owed + rate * Double(now - last) / 1e9, rate / 10 + 1)
                last = now
                let count = Int(owed)
                owed -= Double(count)
                for _ in 0..<count {
                    sku &+= 1
                    lookUp(sku: sku)
                }
                made.add(count, ordering: .relaxed)
                usleep(1_000)
            }
            stopped.signal()
        }
    }

    /// Stops the lookups and waits for the thread to finish its round.
    func stop() {
        guard running.exchange(false, ordering: .acquiringAndReleasing) else { return }
        stopped.wait()
    }

    private func lookUp(sku: Int) {
        let price = Deferred<Int>(label: "price lookup")
        price.addCallback(label: "apply discount") { cents in cents - cents / 10 }
        price.addCallback(label: "round") { cents in cents / 5 * 5 }
        try? price.callback(1_000 + sku % 997)
    }
}
