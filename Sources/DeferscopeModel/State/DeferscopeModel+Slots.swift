import DequeModule

/// Where a Deferred stands in the indexes; compared before and after each change so that every
/// index is updated in O(1) (amortised) per event.
struct Membership: Equatable {
    var present: Bool
    var released: Bool
    var status: DeferredStatusKind
    var unsettled: Bool
    var timeoutDeadline: UInt64
    /// Keys the indexes by steps built on demand.
    var stepCount: UInt32

    static let absent = Membership(
        present: false,
        released: false,
        status: .pending,
        unsettled: false,
        timeoutDeadline: 0,
        stepCount: 0
    )

    var inPending: Bool { present && !released && unsettled }
    var inTimeouts: Bool { inPending && timeoutDeadline != 0 }
    var inFailures: Bool { present && status == .failed }

    /// Whether `other` puts the Deferred in the same lists with the same keys (the step count keys
    /// only the indexes built on demand).
    func sameLists(as other: Membership) -> Bool {
        present == other.present && released == other.released && status == other.status
            && unsettled == other.unsettled && timeoutDeadline == other.timeoutDeadline
    }

    func isIn(_ list: ChainList) -> Bool {
        switch list {
        case .pending: return inPending
        case .timeouts: return inTimeouts
        case .failures: return inFailures
        case .all: return present
        }
    }
}

extension DeferscopeModel {
    // MARK: - Slots

    func slot(of id: UInt64) -> Int? {
        slotByID[id].map { Int($0) }
    }

    mutating func allocate(_ chain: TrackedDeferred) -> Int {
        let slot: Int
        if let free = freeSlots.popLast() {
            slot = Int(free)
            slots[slot] = chain
        } else {
            slot = slots.count
            slots.append(chain)
        }
        slotByID[chain.id] = Int32(slot)
        return slot
    }

    /// Forgets a Deferred entirely: it leaves every index and side table.
    mutating func discard(slot: Int) {
        reindex(slot, from: membership(slot), to: .absent, at: now)
        let chain = slots[slot]
        countWarnings(chain.warnings, by: -1, id: chain.id)
        graph.removeFeeds(of: chain.id)
        if chain.waitingOn != 0 { graph.removeWaiter(chain.id, on: chain.waitingOn) }
        if chain.has(TrackedDeferred.hasStepLabelsBit) {
            for offset in chain.steps.indices {
                stepLabels.removeValue(forKey: StepKey(id: chain.id, index: chain.stepBase + UInt32(offset)))
            }
        }
        if chain.has(TrackedDeferred.hasDescriptionBit) { valueDescriptions.removeValue(forKey: chain.id) }
        slotByID[chain.id] = nil
        slots[slot] = TrackedDeferred(id: 0, createdAt: 0, label: nil, siteID: 0)
        freeSlots.append(Int32(slot))
    }

    // MARK: - Indexes

    func membership(_ slot: Int) -> Membership {
        readChain(slot) { chain in
            let status = chain.status
            return Membership(
                present: true,
                released: chain.isReleased,
                status: status.kind,
                unsettled: status.isUnsettled,
                timeoutDeadline: chain.timeoutDeadline,
                stepCount: chain.stepCount
            )
        }
    }

    /// Reads the record in `slot` in place: the array's getter would copy all 128 bytes of it and
    /// retain its label and steps, which shows on the hot path.
    @inline(__always)
    func readChain<R>(_ slot: Int, _ body: (borrowing TrackedDeferred) -> R) -> R {
        slots.withUnsafeBufferPointer { body($0[slot]) }
    }

    /// Brings every index up to date for the Deferred in `slot` after a change.
    mutating func reindex(_ slot: Int, from before: Membership, at time: UInt64) {
        let after = membership(slot)
        reindex(slot, from: before, to: after, at: time)
    }

    /// `columnsFrom` replaces `before` for the indexes built on demand (a snapshot record took the
    /// row out of them first).
    mutating func reindex(
        _ slot: Int,
        from before: Membership,
        to after: Membership,
        at time: UInt64,
        columnsFrom: Membership? = nil
    ) {
        changes.record(slot)
        let previousSettledAt = slots[slot].settledAt
        if !before.sameLists(as: after) { reindexLists(slot, from: before, to: after, at: time) }
        let columnsBefore = columnsFrom ?? before
        if columnIndexesInUse, columnsBefore != after {
            reindexColumns(slot, from: columnsBefore, settledAt: previousSettledAt, to: after)
        }
    }

    /// The indexes every model keeps: pending, timeouts, failures, the counts and site statistics.
    private mutating func reindexLists(_ slot: Int, from before: Membership, to after: Membership, at time: UInt64) {
        let id = slots[slot].id
        let createdAt = slots[slot].createdAt
        let previousSettledAt = slots[slot].settledAt
        if before.present {
            if before.released {
                statistics.releasedCount -= 1
            } else {
                statistics.countsByStatus[Int(before.status.rawValue)] -= 1
            }
        }
        if after.present {
            if after.released {
                statistics.releasedCount += 1
            } else {
                statistics.countsByStatus[Int(after.status.rawValue)] += 1
            }
        }
        if !processTable.isEmpty { countProcessStatus(id, from: before, to: after) }
        // Settling time, which keys the failures.
        if after.present, !after.unsettled, before.unsettled || !before.present {
            slots[slot].settledAt = time
        } else if after.unsettled {
            slots[slot].settledAt = 0
        }
        if before.inPending != after.inPending {
            let siteID = slots[slot].siteID
            if after.inPending {
                pendingByAge.insert(key: createdAt, id: id)
                notePendingEntered(siteID: siteID, createdAt: createdAt, id: id)
                if createdAt <= pendingScanMark { checkPendingWithoutTimeout(slot: slot) }
            } else {
                pendingByAge.remove(key: createdAt, id: id)
                notePendingLeft(siteID: siteID, id: id)
                slots[slot].warnings.remove(.pendingWithoutTimeout)
            }
        }
        if before.inTimeouts != after.inTimeouts || before.timeoutDeadline != after.timeoutDeadline {
            if before.inTimeouts { timeoutsByDeadline.remove(key: before.timeoutDeadline, id: id) }
            if after.inTimeouts {
                timeoutsByDeadline.insert(key: after.timeoutDeadline, id: id)
                slots[slot].warnings.remove(.pendingWithoutTimeout)
            }
        }
        if before.inFailures != after.inFailures {
            if after.inFailures {
                failuresByTime.insert(key: slots[slot].settledAt, id: id)
                withSite(slots[slot].siteID) { $0.failureCount += 1 }
                if !after.released, !slots[slot].failureTaken {
                    warn(.unhandledFailure, slot: slot, at: time, "failed and no step is left to handle the failure")
                }
            } else {
                failuresByTime.remove(key: previousSettledAt, id: id)
                if slots[slot].warnings.contains(.unhandledFailure) {
                    countWarnings(.unhandledFailure, by: -1, id: id)
                }
                slots[slot].warnings.remove(.unhandledFailure)
            }
        }
    }

    // MARK: - Sites

    static let siteTableLimit: UInt32 = 1 << 20

    /// Runs `body` on the statistics of `siteID`, creating them on first use.
    mutating func withSite<R>(_ siteID: UInt32, _ body: (inout SiteStatistics) -> R) -> R {
        let index = Int(siteID < Self.siteTableLimit ? siteID : 0)
        if index >= siteTable.count {
            siteTable.reserveCapacity(index + 1)
            while siteTable.count <= index { siteTable.append(SiteStatistics(siteID: UInt32(siteTable.count))) }
        }
        return body(&siteTable[index])
    }

    private mutating func notePendingEntered(siteID: UInt32, createdAt: UInt64, id: UInt64) {
        withSite(siteID) { stats in
            stats.pendingCount += 1
            stats.pendingOrder.append(OrderedIndex<UInt64>.Entry(key: createdAt, id: id))
        }
    }

    private mutating func notePendingLeft(siteID: UInt32, id: UInt64) {
        let index = Int(siteID < Self.siteTableLimit ? siteID : 0)
        guard index < siteTable.count else { return }
        siteTable[index].pendingCount -= 1
        // The usual case, the oldest settling first, needs no lookup.
        if siteTable[index].pendingOrder.first?.id == id { siteTable[index].pendingOrder.removeFirst() }
        // Stale entries leave from the front at once, and from anywhere once they are the majority.
        while let first = siteTable[index].pendingOrder.first, !isPending(first) {
            siteTable[index].pendingOrder.removeFirst()
        }
        if siteTable[index].pendingOrder.count > 2 * siteTable[index].pendingCount + 16 {
            var seen = Set<UInt64>()
            let kept = siteTable[index].pendingOrder.filter { isPending($0) && seen.insert($0.id).inserted }
            siteTable[index].pendingOrder = Deque(kept)
        }
    }

    private func isPending(_ entry: OrderedIndex<UInt64>.Entry) -> Bool {
        guard let slot = slot(of: entry.id) else { return false }
        return readChain(slot) { !$0.isReleased && $0.status.isUnsettled && $0.createdAt == entry.key }
    }
}

extension TrackedDeferred {
    static let hasStepLabelsBit: UInt16 = 1 << 8
    static let hasDescriptionBit: UInt16 = 1 << 9
}
