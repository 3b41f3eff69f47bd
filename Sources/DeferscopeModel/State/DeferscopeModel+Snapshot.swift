import DeferscopeWire

extension DeferscopeModel {
    /// A snapshot starts: the records that follow make up the new picture (of the process on
    /// stream `source`; 0 in a one-process picture).
    mutating func beginSnapshot(source: UInt16) {
        snapshotMark &+= 1
        snapshotMarks[source] = snapshotMark
        snapshotsInProgress.insert(source)
    }

    /// Takes one record of the snapshot in progress: the Deferred's state is replaced by it (its
    /// timeline, warnings and creation time are kept).
    mutating func applySnapshotRecord(_ record: ChainRecord, source: UInt16) {
        let slot: Int
        let before: Membership
        if let existing = self.slot(of: record.id) {
            slot = existing
            before = membership(slot)
            removeFromColumnIndexes(slot)
            let old = slots[slot]
            for target in graph.feeds[record.id] ?? [] { graph.removeFeed(from: record.id, to: target) }
            if old.waitingOn != 0 { graph.removeWaiter(record.id, on: old.waitingOn) }
        } else {
            slot = allocate(TrackedDeferred(id: record.id, createdAt: record.createdAt, label: nil, siteID: 0))
            before = .absent
        }
        var chain = slots[slot]
        // A Deferred's creation time is fixed once known: the pending index and the sites' pending
        // queues are keyed by it.
        if before == .absent { chain.createdAt = record.createdAt }
        chain.label = record.label
        chain.siteID = record.siteID
        chain.snapshotMark = snapshotMarks[source] ?? 0
        chain.stepsRun = record.stepsRun
        chain.stepBase = record.stepsRun
        chain.stepCount = record.stepsRun &+ UInt32(record.pendingSteps.count) &+ record.omittedPendingSteps
        chain.userPauses = record.userPauses
        chain.waitingOn = record.phase == .waiting ? record.waitingOn : 0
        chain.outcomeTypeID = record.outcome?.typeID ?? 0
        chain.timeoutDeadline =
            record.timeoutSeconds > 0
            ? record.timeoutArmedAt &+ UInt64(record.timeoutSeconds * 1_000_000_000) : 0
        chain.lastEventAt = max(chain.lastEventAt, record.createdAt)
        chain.set(TrackedDeferred.hasResultBit, record.phase == .succeeded || record.phase == .failed)
        chain.set(TrackedDeferred.failureBit, record.phase == .failed || record.outcome?.isFailure == true)
        chain.set(TrackedDeferred.everFiredBit, record.everFired)
        chain.set(TrackedDeferred.failureTakenBit, record.failureTaken)
        chain.set(TrackedDeferred.runningBit, record.isRunning && record.phase != .waiting)
        chain.steps = []
        for step in record.pendingSteps.prefix(configuration.stepLimit) {
            chain.steps.append(TrackedStep(kindRawValue: step.kindRawValue, siteID: step.siteID))
            if let label = step.label {
                stepLabels[StepKey(id: record.id, index: step.index)] = label
                chain.set(TrackedDeferred.hasStepLabelsBit, true)
            }
        }
        slots[slot] = chain
        for step in record.pendingSteps where step.feeds != 0 {
            graph.addFeed(from: record.id, to: step.feeds)
        }
        if record.chainedTo != 0 { graph.addFeed(from: record.chainedTo, to: record.id) }
        if chain.waitingOn != 0 { graph.addWaiter(record.id, on: chain.waitingOn) }
        if record.createdAt > now { now = record.createdAt }
        reindex(slot, from: before, to: membership(slot), at: now, columnsFrom: .absent)
    }

    /// The snapshot is complete: live Deferreds it did not list are gone (no ghosts), and cycles
    /// among those it listed are looked for.
    mutating func endSnapshot(source: UInt16) {
        snapshotsInProgress.remove(source)
        let mark = snapshotMarks[source] ?? 0
        // In a picture of several processes, only this process's Deferreds are in question.
        let scoped = source != 0
        for slot in slots.indices {
            let chain = slots[slot]
            guard chain.id != 0, !chain.isReleased, chain.snapshotMark != mark else { continue }
            if scoped, ProcessNamespace.source(of: chain.id) != source { continue }
            discard(slot: slot)
        }
        phase = .live
        for slot in slots.indices where slots[slot].id != 0 && slots[slot].snapshotMark == mark {
            let chain = slots[slot]
            if chain.waitingOn != 0 { detectCycle(waiter: chain.id, waitedOn: chain.waitingOn, at: now) }
            if !chain.hasResult, let feeders = graph.feeders[chain.id] {
                for feeder in feeders { detectCycle(waiter: chain.id, waitedOn: feeder, at: now) }
            }
        }
        checkPendingWithoutTimeout()
    }
}
