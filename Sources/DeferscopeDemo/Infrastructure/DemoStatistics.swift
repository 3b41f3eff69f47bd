import DeferredKit

/// What the demo has done so far, for its own output and for tests that compare it with what a
/// client saw.
public struct DemoStatistics: Sendable, Equatable {
    /// Operations started (requests, queries, jobs, checkouts, page renders).
    public var started: Int = 0
    /// Operations that ended with a result.
    public var succeeded: Int = 0
    /// Operations that ended with a failure (handled or not).
    public var failed: Int = 0
    /// Requests that timed out.
    public var timedOut: Int = 0
    /// Requests retried after a 503.
    public var retried: Int = 0
    /// Hot-path Deferreds made (``DemoConfiguration/churn``).
    public var priceLookups: Int = 0
}

/// The counters behind ``DemoStatistics``, shared by the services' threads.
final class DemoCounters: Sendable {
    private let value = _Lock(DemoStatistics())

    func update(_ change: (inout DemoStatistics) -> Void) {
        value.withLock { change(&$0) }
    }

    var snapshot: DemoStatistics { value.withLock { $0 } }
}
