extension DeferscopeModel {
    /// The Deferreds `id` waits on directly: the one a step returned, or, while it has no result,
    /// those whose pending steps will feed it (a `chainDeferred` source, list or race inputs).
    public func waitsOn(_ id: UInt64) -> [UInt64] {
        guard let slot = slot(of: id) else { return [] }
        let chain = slots[slot]
        if chain.isReleased { return [] }
        if chain.waitingOn != 0 { return [chain.waitingOn] }
        if chain.hasResult { return [] }
        return graph.feeders[id] ?? []
    }

    /// The Deferreds that wait on `id` directly: those a step of which returned it, and those a
    /// pending step of `id` will feed (while they have no result).
    public func waiters(of id: UInt64) -> [UInt64] {
        var result = graph.waiters[id] ?? []
        for target in graph.feeds[id] ?? [] {
            if let slot = slot(of: target), !slots[slot].hasResult, slots[slot].waitingOn == 0 {
                result.append(target)
            }
        }
        return result
    }

    /// Whether `waiter`, which now waits on `waitedOn`, closed a cycle; records the deadlock.
    /// A depth-first search from `waitedOn`, visiting at most
    /// ``ModelConfiguration/cycleSearchLimit`` Deferreds.
    mutating func detectCycle(waiter: UInt64, waitedOn: UInt64, at time: UInt64) {
        // A snapshot in progress is an incomplete graph; its end looks for cycles. In a picture of
        // several processes, only the snapshotting process's graph is incomplete.
        guard !snapshotsInProgress.contains(ProcessNamespace.source(of: waiter)) else { return }
        if waiter == waitedOn {
            recordDeadlock([waiter], at: time)
            return
        }
        // Most new edges lead to a Deferred that waits on nothing: no search, no allocation.
        guard !waitsOn(waitedOn).isEmpty else { return }
        var parent: [UInt64: UInt64] = [waitedOn: waiter]
        var stack: [UInt64] = [waitedOn]
        while let node = stack.popLast() {
            for next in waitsOn(node) {
                if next == waiter {
                    var members: [UInt64] = [waiter]
                    var cursor = node
                    var path: [UInt64] = []
                    while cursor != waiter {
                        path.append(cursor)
                        cursor = parent[cursor] ?? waiter
                    }
                    members.append(contentsOf: path.reversed())
                    recordDeadlock(members, at: time)
                    return
                }
                guard parent[next] == nil else { continue }
                parent[next] = node
                if parent.count >= configuration.cycleSearchLimit { return }
                stack.append(next)
            }
        }
    }

    private mutating func recordDeadlock(_ members: [UInt64], at time: UInt64) {
        let slots = members.compactMap { slot(of: $0) }
        if slots.allSatisfy({ self.slots[$0].warnings.contains(.deadlock) }) { return }
        if deadlockList.count >= configuration.deadlockLimit { deadlockList.removeFirst() }
        deadlockList.append(Deadlock(members: members, detectedAt: time))
        let names = members.map(displayID).joined(separator: " → ")
        for slot in slots {
            warn(.deadlock, slot: slot, at: time, "deadlock: \(names) → \(displayID(members[0]))")
        }
    }

    /// Forgets the deadlocks with `id` among their members that no longer hold (a member was
    /// cancelled, fired, resumed or released, so it stopped waiting on the next): they leave
    /// ``deadlocks``, and members in no other deadlock lose their `deadlock` warning flag. The
    /// warnings already logged stay, as history.
    mutating func dropBrokenDeadlocks(involving id: UInt64) {
        let broken = deadlockList.filter { $0.members.contains(id) && !isCycle($0.members) }
        guard !broken.isEmpty else { return }
        deadlockList.removeAll { broken.contains($0) }
        for member in broken.flatMap(\.members) where !deadlockList.contains(where: { $0.members.contains(member) }) {
            if let slot = slot(of: member) { slots[slot].warnings.remove(.deadlock) }
        }
    }

    /// Whether each of `members` still waits on the next, and the last on the first.
    func isCycle(_ members: [UInt64]) -> Bool {
        for (index, member) in members.enumerated() {
            let next = members[(index + 1) % members.count]
            guard waitsOn(member).contains(next) else { return false }
        }
        return true
    }

    // MARK: - Why is it stuck

    /// The full path from `id` to what it is ultimately waiting on; nil when `id` is not waiting
    /// on anything (it has a result and no step is left, or the model does not know it).
    ///
    /// At a fan-in (a list waiting on several inputs) the walk follows the oldest edge and counts
    /// the others in ``StuckHop/alsoWaitingOn``. At most ``ModelConfiguration/stuckWalkLimit`` hops.
    public func stuckPath(of id: UInt64) -> StuckPath? {
        var hops: [StuckHop] = []
        var visited: [UInt64] = []
        var current = id
        while true {
            guard let slot = slot(of: current), !slots[slot].isReleased else {
                return hops.isEmpty ? nil : StuckPath(hops: hops, blocker: .unknown(id: current))
            }
            let chain = slots[slot]
            if let start = visited.firstIndex(of: current) {
                return StuckPath(hops: hops, blocker: .cycle(members: Array(visited[start...])))
            }
            if hops.count >= configuration.stuckWalkLimit {
                return StuckPath(hops: hops, blocker: .tooDeep(id: current))
            }
            visited.append(current)
            if chain.waitingOn != 0 {
                hops.append(StuckHop(id: current, reason: .returnedByStep, alsoWaitingOn: 0))
                current = chain.waitingOn
                continue
            }
            if chain.userPauses > 0 {
                return StuckPath(hops: hops, blocker: .paused(id: current, stepIndex: chain.stepsRun))
            }
            if chain.hasResult {
                if hops.isEmpty, !chain.status.isUnsettled { return nil }
                return StuckPath(hops: hops, blocker: .running(id: current))
            }
            let feeders = graph.feeders[current] ?? []
            guard let next = feeders.first else {
                let leaf = Blocker.notFired(id: current, siteID: chain.siteID, createdAt: chain.createdAt)
                return StuckPath(hops: hops, blocker: leaf)
            }
            hops.append(StuckHop(id: current, reason: .fedBy, alsoWaitingOn: feeders.count - 1))
            current = next
        }
    }

    /// What `id` is ultimately blocked on, for a table cell; nil when it is not waiting.
    public func blockedOn(_ id: UInt64) -> Blocker? {
        stuckPath(of: id)?.blocker
    }
}
