import DeferredKit

/// The things that go wrong in a real service, staged so that every dashboard view and warning
/// has something to show within seconds: each is what an engineer would be paged for.
final class Incidents: Sendable {
    let http: HTTPClient
    let clock: any DeferredClock
    /// Deferreds the service holds on to (as a real one would, in a map of in-flight work).
    private let held = _Lock<[Deferred<Int>]>([])

    init(http: HTTPClient, clock: any DeferredClock) {
        self.http = http
        self.clock = clock
    }

    /// Stages the long-lived incidents: one chain stuck forever three levels above a leaf nobody
    /// fires, a two-chain deadlock, a failure nobody handles that stays alive, and the first of
    /// the recurring ones.
    func stageAtStartup() {
        stuckOnLedgerHandshake()
        inventoryPricingDeadlock()
        metricsFlushFailedUnhandled()
        abandonCacheWarmup()
        dropFailedAuditWrite()
        deliverWebhookTwice()
        pauseExportBatch()
    }

    /// Forgets everything held (at shutdown).
    func releaseAll() {
        held.withLock { $0.removeAll() }
    }

    // MARK: - Long-lived

    /// `nightly close` waits on `billing reconcile`, which waits on `ledger handshake`: a
    /// Deferred made for the ledger's reply, which never comes (its connection was dropped).
    private func stuckOnLedgerHandshake() {
        let handshake = Deferred<Int>(label: "ledger handshake")
        let reconcile = Deferred<Int>(label: "billing reconcile")
        reconcile
            .addCallback(label: "load open batches") { batches in batches }
            .addCallback(label: "await ledger handshake") { _ in handshake }
            .addCallback(label: "post reconciliation") { batches in batches }
        let nightlyClose = Deferred<Int>(label: "nightly close")
        nightlyClose
            .addCallback(label: "reconcile billing") { _ in reconcile }
            .addCallback(label: "archive day") { day in day }
        try? reconcile.callback(12)
        try? nightlyClose.callback(20_261_126)
        hold(handshake, reconcile, nightlyClose)
    }

    /// Two sync jobs, each waiting for the other's result.
    private func inventoryPricingDeadlock() {
        let inventory = Deferred<Int>(label: "inventory sync")
        let pricing = Deferred<Int>(label: "pricing sync")
        inventory.addCallback(label: "wait for price list") { _ in pricing }
        pricing.addCallback(label: "wait for stock levels") { _ in inventory }
        try? inventory.callback(1)
        try? pricing.callback(2)
        hold(inventory, pricing)
    }

    /// A failure with no errback, on a Deferred the service keeps: unhandled, and still alive.
    private func metricsFlushFailedUnhandled() {
        let flush = Deferred<Int>(label: "metrics flush")
        flush.addCallback(label: "push to collector") { _ -> Int in throw CollectorRefused() }
        try? flush.callback(1)
        hold(flush)
    }

    // MARK: - Recurring

    /// Made, given a step, and dropped without ever firing.
    func abandonCacheWarmup() {
        let warmup = Deferred<Int>(label: "cache warmup")
        warmup.addCallback(label: "fill product cache") { count in count }
    }

    /// Fails with no errback and is released: "released unhandled".
    func dropFailedAuditWrite() {
        let audit = Deferred<Int>(label: "audit log write")
        audit.addCallback(label: "flush audit batch") { _ -> Int in throw AuditStoreUnavailable() }
        try? audit.callback(1)
    }

    /// The payment provider delivers the same webhook twice: the second is an `AlreadyCalledError`.
    func deliverWebhookTwice() {
        let webhook = Deferred<Int>(label: "payment webhook")
        webhook.addCallback(label: "mark order paid") { order in order }
        try? webhook.callback(4_242)
        try? webhook.callback(4_242)
    }

    /// An export paused by its rate limiter for a few seconds.
    func pauseExportBatch() {
        let batch = Deferred<Int>(label: "export batch")
        batch.pause()
        batch.addCallback(label: "export rows") { rows in rows }
        try? batch.callback(500)
        clock.callLater(4) { batch.unpause() }
    }

    /// A subscription that waits a long time with no timeout armed.
    func subscribeWithoutTimeout() {
        let subscription = Deferred<Int>(label: "websocket subscribe")
        subscription.addCallback(label: "stream updates") { updates in updates }
        clock.callLater(45) { try? subscription.callback(1) }
    }

    /// Search-as-you-type: each keystroke's request cancels the one before it.
    func supersedeSearch() {
        let earlier = http.get("/search?q=swi")
        let later = http.get("/search?q=swift")
        clock.callLater(0.03) { earlier.cancel() }
        later.addErrback(label: "ignore search failure") { _ in Response(status: 0, path: "", bytes: 0) }
        earlier.addErrback(label: "ignore superseded search") { _ in Response(status: 0, path: "", bytes: 0) }
    }

    private func hold(_ deferreds: Deferred<Int>...) {
        held.withLock { $0.append(contentsOf: deferreds) }
    }
}

/// The metrics collector refused the connection.
struct CollectorRefused: Error {}

/// The audit store did not answer.
struct AuditStoreUnavailable: Error {}
