/// How hard and how the demo works.
public struct DemoConfiguration: Sendable, Equatable {
    /// Operations started per second (requests, queries, jobs, checkouts, page renders).
    public var rate: Double
    /// The seed of every random decision: the same seed makes the same decisions.
    public var seed: UInt64
    /// Seconds between repeats of the recurring incidents (abandoned, unhandled, double fire...).
    public var incidentInterval: Double
    /// Short-lived Deferreds per second on a hot path (cached price lookups, fired at once), on
    /// top of the operations: the load of a busy service. 0: none.
    public var churn: Double

    /// Creates a configuration.
    public init(rate: Double = 40, seed: UInt64 = 1, incidentInterval: Double = 6, churn: Double = 0) {
        self.rate = rate
        self.seed = seed
        self.incidentInterval = incidentInterval
        self.churn = churn
    }
}
