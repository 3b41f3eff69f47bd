extension DeferscopeModel {
    /// The warnings, newest first: up to `limit`, skipping `offset`.
    public func warnings(offset: Int = 0, limit: Int = .max) -> [ModelWarning] {
        guard offset >= 0, offset < warningList.count else { return [] }
        let end = warningList.count - offset
        let start = max(0, end - limit)
        return warningList[start..<end].reversed()
    }

    /// Warnings kept (at most ``ModelConfiguration/warningLimit``).
    public var warningCount: Int { warningList.count }

    /// The deadlocks found, newest first.
    public var deadlocks: [Deadlock] { deadlockList.reversed() }

    mutating func warn(_ kind: WarningKind, slot: Int, at time: UInt64, _ message: String) {
        if !slots[slot].warnings.contains(kind.asSet) {
            countWarnings(kind.asSet, by: 1, id: slots[slot].id)
        }
        slots[slot].warnings.insert(kind.asSet)
        if warningList.count >= configuration.warningLimit { warningList.removeFirst() }
        warningList.append(
            ModelWarning(
                kind: kind,
                deferredID: slots[slot].id,
                siteID: slots[slot].siteID,
                time: time,
                message: message
            )
        )
    }

    /// Warns about Deferreds that crossed the pending-without-timeout threshold since the last
    /// scan: the pending index is in creation order, so they are the entries between the last
    /// scan's mark and `now - threshold`.
    mutating func checkPendingWithoutTimeout() {
        let threshold = configuration.thresholds.pendingWithoutTimeout
        guard now > threshold else { return }
        let cutoff = now - threshold
        guard cutoff > pendingScanMark, !pendingByAge.isEmpty else {
            pendingScanMark = max(pendingScanMark, cutoff)
            return
        }
        // Created strictly before the cutoff means pending strictly longer than the threshold.
        let start = pendingScanMark == 0 ? 0 : pendingByAge.firstRank(withKeyAbove: pendingScanMark - 1)
        var crossed: [UInt64] = []
        pendingByAge.forEach(from: start) { entry in
            guard entry.key < cutoff else { return false }
            crossed.append(entry.id)
            return true
        }
        pendingScanMark = cutoff
        for id in crossed {
            if let slot = slot(of: id) { checkPendingWithoutTimeout(slot: slot) }
        }
    }

    /// Warns about one Deferred if it is past the threshold with no timeout armed.
    mutating func checkPendingWithoutTimeout(slot: Int) {
        let chain = slots[slot]
        let threshold = configuration.thresholds.pendingWithoutTimeout
        guard !chain.isReleased, chain.status.isUnsettled, !chain.hasTimeout,
            !chain.warnings.contains(.pendingWithoutTimeout), chain.age(at: now) > threshold
        else { return }
        // Dated when the threshold was crossed, not when the scan ran: replays agree however
        // their updates are split.
        warn(
            .pendingWithoutTimeout,
            slot: slot,
            at: chain.createdAt &+ threshold &+ 1,
            "pending for more than \(threshold / 1_000_000_000) s with no timeout armed"
        )
    }

    /// Keeps the header's counts of held unhandled failures and of timeouts as flags come and go.
    mutating func countWarnings(_ kinds: WarningKinds, by change: Int, id: UInt64) {
        if kinds.contains(.unhandledFailure) {
            statistics.unhandledCount += change
            if !processTable.isEmpty { countProcessUnhandled(id, by: change) }
        }
        if kinds.contains(.timedOut) { statistics.timedOutCount += change }
    }
}
