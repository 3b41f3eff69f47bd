import DeferredKit

/// The traced chains by id, in shards so that threads working on different chains rarely meet on
/// one lock. Only the table is locked; the tracer is never called from inside these locks.
struct _SpanTable: Sendable {
    private final class Shard: Sendable {
        let chains = _Lock<[DeferredID: _TracedChain]>([:])
    }

    private static let shardCount = 16
    private let shards: [Shard] = (0..<_SpanTable.shardCount).map { _ in Shard() }

    private func shard(_ id: DeferredID) -> Shard {
        shards[Int(truncatingIfNeeded: id.rawValue % UInt64(_SpanTable.shardCount))]
    }

    func insert(_ chain: _TracedChain) {
        shard(chain.id).chains.withLock { $0[chain.id] = chain }
    }

    func chain(_ id: DeferredID) -> _TracedChain? {
        shard(id).chains.withLock { $0[id] }
    }

    func remove(_ id: DeferredID) -> _TracedChain? {
        shard(id).chains.withLock { $0.removeValue(forKey: id) }
    }

    /// How many chains have a live span.
    var count: Int {
        shards.reduce(0) { total, shard in total + shard.chains.withLock { $0.count } }
    }

    /// Takes every chain out, for ending their spans at uninstall.
    func removeAll() -> [_TracedChain] {
        shards.flatMap { shard in
            shard.chains.withLock { chains in
                let all = Array(chains.values)
                chains.removeAll()
                return all
            }
        }
    }
}
