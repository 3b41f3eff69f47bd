import DeferredKit

/// Rows a query returned.
struct Rows: Sendable {
    var count: Int
}

/// A database connection pool on `DeferredSemaphore`: at most `size` queries run at once, the
/// rest wait in line for a connection (they show as pending, waiting on the pool's acquire).
struct ConnectionPool: Sendable {
    let network: SimulatedNetwork
    let counters: DemoCounters
    let connections: DeferredSemaphore

    init(size: Int, network: SimulatedNetwork, counters: DemoCounters) {
        self.network = network
        self.counters = counters
        self.connections = DeferredSemaphore(tokens: size)
    }

    /// Runs `sql` on a pooled connection.
    func query(_ sql: String) -> Deferred<Rows> {
        counters.update { $0.started += 1 }
        let network = network
        return connections.run { () -> Deferred<Rows> in
            let result = Deferred<Rows>(label: "db: \(sql)")
            network.deliver(result, network.outcome(typical: 0.01...0.25, slowChance: 0.01, errorChance: 0.01)) {
                Rows(count: 3)
            }
            return result
        }
        .addBoth(label: "count outcome") { [counters] (result: Result<Rows, any Error>) in
            counters.update { counters in
                if case .success = result { counters.succeeded += 1 } else { counters.failed += 1 }
            }
            return try result.get()
        }
    }
}
