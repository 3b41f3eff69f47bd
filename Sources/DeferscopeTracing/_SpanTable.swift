import DeferredKit
import Synchronization

/// The traced chains by id, in shards so that threads working on different chains rarely meet on
/// one lock. Only the table is locked; the tracer is never called from inside these locks.
///
/// While no chain has a span (a selection that matched none of the live Deferreds), a lookup is
/// one relaxed load of the count of entries and takes no lock. That load cannot miss a chain: a
/// chain's entry is added in its `created` event, and its later events (and any other chain that
/// links to it) come after that one in DeferredKit's ordering (the chain's lock, or the hand-over
/// of the Deferred), so they see the count that includes it.
final class _SpanTable: Sendable {
    private final class Shard: Sendable {
        let chains = _Lock<[DeferredID: _TracedChain]>([:])
    }

    private static let shardCount = 16
    private let shards: [Shard] = (0..<_SpanTable.shardCount).map { _ in Shard() }
    /// How many entries the shards hold, kept beside them for the lock-free empty check.
    private let entries = Atomic<Int>(0)

    private func shard(_ id: DeferredID) -> Shard {
        shards[Int(truncatingIfNeeded: id.rawValue % UInt64(_SpanTable.shardCount))]
    }

    func insert(_ chain: _TracedChain) {
        let replaced = shard(chain.id).chains.withLock { $0.updateValue(chain, forKey: chain.id) }
        if replaced == nil {
            entries.add(1, ordering: .relaxed)
        }
    }

    func chain(_ id: DeferredID) -> _TracedChain? {
        guard entries.load(ordering: .relaxed) > 0 else { return nil }
        return shard(id).chains.withLock { $0[id] }
    }

    func remove(_ id: DeferredID) -> _TracedChain? {
        guard entries.load(ordering: .relaxed) > 0 else { return nil }
        let removed = shard(id).chains.withLock { $0.removeValue(forKey: id) }
        if removed != nil {
            entries.subtract(1, ordering: .relaxed)
        }
        return removed
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
                entries.subtract(all.count, ordering: .relaxed)
                return all
            }
        }
    }
}
