import DeferscopeWire

/// What `deferscope check` looks for, gathered as a snapshot streams in (a million pending
/// Deferreds are checked without holding their records): pending Deferreds older than a limit,
/// failures nobody handles, and chains that wait on each other in a cycle.
struct HealthCheck {
    /// How many offenders of each kind are listed (all are counted).
    static let listed = 10

    var summary = SnapshotSummary()
    /// Creation times of every pending Deferred (ages are known only when the snapshot ends).
    private var pendingCreatedAt: [UInt64] = []
    /// The oldest pending Deferreds seen, oldest first, at most `listed`.
    private(set) var oldestPending: [ChainRecord] = []
    private(set) var unhandled: [ChainRecord] = []
    private(set) var unhandledCount = 0
    private var graph = WaitCycles()
    /// Labels of the chains that wait for something (only they can be in a cycle).
    private var waitingLabels: [UInt64: String?] = [:]

    mutating func add(_ chains: [ChainRecord]) {
        summary.add(chains)
        // By index: fields are read in place; only offenders' records are copied.
        for index in chains.indices {
            let id = chains[index].id
            if chains[index].phase == .pending || chains[index].phase == .waiting || chains[index].userPauses > 0 {
                pendingCreatedAt.append(chains[index].createdAt)
                keepIfOldest(chains, index)
            }
            if chains[index].hasUnhandledFailure {
                unhandledCount += 1
                if unhandled.count < Self.listed { unhandled.append(chains[index]) }
            }
            if chains[index].waitingOn != 0 || chains[index].chainedTo != 0 {
                if chains[index].waitingOn != 0 { graph.add(id, waitsFor: chains[index].waitingOn) }
                if chains[index].chainedTo != 0 { graph.add(id, waitsFor: chains[index].chainedTo) }
                waitingLabels[id] = chains[index].label
            }
            // A list, race or chainDeferred target this chain feeds waits for it.
            for step in chains[index].pendingSteps where step.feeds != 0 {
                graph.add(step.feeds, waitsFor: id)
            }
        }
    }

    /// Pending Deferreds created before `cutoff` (agent monotonic ns).
    func pendingCreated(before cutoff: UInt64) -> Int {
        pendingCreatedAt.reduce(0) { $0 + ($1 < cutoff ? 1 : 0) }
    }

    /// Cycles of chains waiting on each other, with their labels.
    func deadlocks() -> [[(id: UInt64, label: String?)]] {
        graph.find(limit: Self.listed).map { cycle in
            cycle.map { (id: $0, label: waitingLabels[$0] ?? nil) }
        }
    }

    private mutating func keepIfOldest(_ chains: [ChainRecord], _ index: Int) {
        let key = (chains[index].createdAt, chains[index].id)
        if oldestPending.count == Self.listed,
            let last = oldestPending.last, key >= (last.createdAt, last.id)
        {
            return
        }
        let position = oldestPending.firstIndex { key < ($0.createdAt, $0.id) } ?? oldestPending.endIndex
        oldestPending.insert(chains[index], at: position)
        if oldestPending.count > Self.listed {
            oldestPending.removeLast()
        }
    }
}
