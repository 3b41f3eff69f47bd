/// The edges of the wait-for graph that the Deferreds' own records do not hold.
///
/// A Deferred waits on another in two ways. A step returned it (`waiting`): the waiter's
/// ``TrackedDeferred/waitingOn`` holds that edge, and ``waiters`` its reverse. Or a step of another
/// chain will give it its result (fan-in: a `chainDeferred` target, a `deferredList`,
/// `gatherResults` or `race` and its inputs): the runtime reports these as `stepAdded` with
/// `other` set to the Deferred the step feeds, and ``feeders`` holds them until the step runs.
/// Only Deferreds with edges have entries, so the graph costs nothing for plain chains.
struct WaitGraph: Sendable, Equatable {
    /// Fed Deferred → the Deferreds whose pending steps will give it a result, oldest edge first.
    private(set) var feeders: [UInt64: [UInt64]] = [:]
    /// Feeding Deferred → the Deferreds its pending steps feed.
    private(set) var feeds: [UInt64: [UInt64]] = [:]
    /// Waited-on Deferred → the Deferreds whose steps returned it and that wait for it.
    private(set) var waiters: [UInt64: [UInt64]] = [:]

    /// Records that a pending step of `source` feeds `target`; false when already known.
    @discardableResult
    mutating func addFeed(from source: UInt64, to target: UInt64) -> Bool {
        if feeders[target]?.contains(source) == true { return false }
        feeders[target, default: []].append(source)
        feeds[source, default: []].append(target)
        return true
    }

    /// The step of `source` feeding `target` ran (or `source` is gone).
    mutating func removeFeed(from source: UInt64, to target: UInt64) {
        Self.remove(source, from: target, in: &feeders)
        Self.remove(target, from: source, in: &feeds)
    }

    mutating func addWaiter(_ waiter: UInt64, on target: UInt64) {
        if waiters[target]?.contains(waiter) == true { return }
        waiters[target, default: []].append(waiter)
    }

    mutating func removeWaiter(_ waiter: UInt64, on target: UInt64) {
        Self.remove(waiter, from: target, in: &waiters)
    }

    /// Forgets every fan-in edge to and from `id` (it is gone). Waiter edges are the waiters' own.
    mutating func removeFeeds(of id: UInt64) {
        guard !feeds.isEmpty || !feeders.isEmpty else { return }
        if let targets = feeds.removeValue(forKey: id) {
            for target in targets { Self.remove(id, from: target, in: &feeders) }
        }
        if let sources = feeders.removeValue(forKey: id) {
            for source in sources { Self.remove(id, from: source, in: &feeds) }
        }
    }

    mutating func removeAll() {
        feeders = [:]
        feeds = [:]
        waiters = [:]
    }

    private static func remove(_ value: UInt64, from key: UInt64, in table: inout [UInt64: [UInt64]]) {
        guard var list = table[key], let index = list.firstIndex(of: value) else { return }
        list.remove(at: index)
        table[key] = list.isEmpty ? nil : list
    }
}
