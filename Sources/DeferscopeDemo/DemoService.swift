import DeferredKit
import Dispatch
import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// The demo workload: starts operations at the configured rate on a timer, and stages the
/// incidents at startup and every ``DemoConfiguration/incidentInterval`` seconds.
public final class DemoService: Sendable {
    /// What it was created with.
    public let configuration: DemoConfiguration
    private let random: DemoRandom
    private let counters = DemoCounters()
    private let http: HTTPClient
    private let database: ConnectionPool
    private let mail: MailQueue
    private let checkout: CheckoutService
    private let home: HomePage
    private let incidents: Incidents
    private let priceCache: PriceCache
    private let driver = DispatchQueue(label: "demo.driver")
    private let running = Atomic<Bool>(false)
    private let stopped = DispatchSemaphore(value: 0)
    /// Driver state: only touched on `driver`.
    private let pacing = _Lock(Pacing())

    private struct Pacing {
        var owed = 0.0
        var ticks = 0
        var nextOrder = 10_000
    }

    /// Seconds between the driver's ticks.
    private static let tick = 0.02

    /// Creates the service; nothing runs until ``start()``.
    public init(configuration: DemoConfiguration = DemoConfiguration()) {
        self.configuration = configuration
        let random = DemoRandom(seed: configuration.seed)
        let network = SimulatedNetwork(random: random, clock: SystemClock.shared)
        self.random = random
        http = HTTPClient(network: network, counters: counters)
        database = ConnectionPool(size: 4, network: network, counters: counters)
        mail = MailQueue(network: network, counters: counters)
        checkout = CheckoutService(http: http, database: database, mail: mail, random: random, counters: counters)
        home = HomePage(http: http, counters: counters)
        incidents = Incidents(http: http, clock: SystemClock.shared)
        priceCache = PriceCache(rate: configuration.churn)
    }

    /// Starts the consumers, stages the startup incidents and begins the workload.
    public func start() {
        guard !running.exchange(true, ordering: .acquiringAndReleasing) else { return }
        mail.startConsumers(2)
        priceCache.start()
        // Staged before `start` returns: whoever attaches after it (the demo's dashboard, a
        // picture printed at the first snapshot) sees every startup incident.
        driver.sync {
            incidents.stageAtStartup()
            incidents.subscribeWithoutTimeout()
        }
        driver.async { [self] in
            // A tick starts what is owed since the last one, so pacing survives a late wake-up.
            var last = DispatchTime.now().uptimeNanoseconds
            while running.load(ordering: .acquiring) {
                usleep(useconds_t(Self.tick * 1e6))
                let now = DispatchTime.now().uptimeNanoseconds
                tickOnce(elapsed: Double(now - last) / 1e9)
                last = now
            }
            stopped.signal()
        }
    }

    /// Stops starting work and lets go of the incidents' Deferreds. Work in flight finishes.
    public func stop() {
        guard running.exchange(false, ordering: .acquiringAndReleasing) else { return }
        priceCache.stop()
        stopped.wait()
        incidents.releaseAll()
    }

    /// What the service has done so far.
    public var statistics: DemoStatistics {
        var statistics = counters.snapshot
        statistics.priceLookups = priceCache.lookups
        return statistics
    }

    private func tickOnce(elapsed: Double) {
        let (count, tick, firstOrder) = pacing.withLock { pacing -> (Int, Int, Int) in
            pacing.owed += configuration.rate * min(elapsed, 1)
            let count = Int(pacing.owed)
            pacing.owed -= Double(count)
            pacing.ticks += 1
            pacing.nextOrder += count
            return (count, pacing.ticks, pacing.nextOrder - count)
        }
        for index in 0..<count {
            startOperation(number: firstOrder + index)
        }
        let everyIncident = max(1, Int(configuration.incidentInterval / Self.tick))
        // The first round comes early (a third of an interval in), so a client that attaches
        // right after startup sees every incident within seconds.
        if tick % everyIncident == everyIncident / 3 {
            stageRecurringIncident(round: tick / everyIncident)
        }
    }

    private func startOperation(number: Int) {
        switch random.int(in: 0...99) {
        case 0..<30: home.render(user: number % 5_000)
        case 30..<55: checkout.checkout(order: number)
        case 55..<75:
            http.get(random.pick(["/api/catalog?page=2", "/api/stock/sku-\(number % 900)", "/api/prices/eu"]))
                .addErrback(label: "serve stale copy") { _ in Response(status: 200, path: "cache", bytes: 1) }
        case 75..<88:
            database.query("SELECT * FROM sessions WHERE user_id = \(number % 5_000)")
                .addErrback(label: "fall back to replica") { _ in Rows(count: 0) }
        default:
            mail.enqueue(EmailJob(to: "user-\(number % 5_000)@example.com", template: "weekly-digest"))
        }
    }

    private func stageRecurringIncident(round: Int) {
        incidents.abandonCacheWarmup()
        incidents.dropFailedAuditWrite()
        incidents.deliverWebhookTwice()
        incidents.pauseExportBatch()
        incidents.supersedeSearch()
        if round % 10 == 0 {
            incidents.subscribeWithoutTimeout()
        }
    }
}
