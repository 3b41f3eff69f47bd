import DeferredKit
import DeferscopeWire

extension DeferscopeModel {
    /// Applies one event: O(1) amortised, plus a bounded cycle search when it adds an edge to the
    /// wait-for graph. By pointer: passing the record by value copied it and retained its strings
    /// (15 % of the instructions of ingest).
    mutating func apply(event: UnsafePointer<EventRecord>) {
        statistics.eventsApplied &+= 1
        let time = event.pointee.timestamp
        if time > now { now = time }
        statistics.eventRate.count(at: time)
        guard let kind = event.pointee.kind else {
            if let slot = slot(of: event.pointee.id) { log(event, slot: slot) }
            return
        }
        if kind == .created {
            create(event)
            return
        }
        guard let slot = slot(of: event.pointee.id), !readChain(slot, { $0.isReleased }) else {
            statistics.unknownDeferredEvents &+= 1
            return
        }
        let before = membership(slot)
        // A cycle breaks only by a change to one of its members, which carry the warning.
        let deadlocked = readChain(slot) { $0.warnings.contains(.deadlock) }
        log(event, slot: slot)
        slots[slot].lastEventAt = time
        slots[slot].set(TrackedDeferred.runningBit, false)
        switch kind {
        case .created:
            break
        case .stepAdded:
            addStep(event, slot: slot)
        case .fired:
            slots[slot].set(TrackedDeferred.everFiredBit, true)
            setResult(event.pointee.outcome, slot: slot, failureTaken: event.pointee.eventFlags.contains(.failureTaken))
            statistics.fires.count(at: time)
        case .stepRan:
            stepRan(event, slot: slot)
        case .waiting:
            startWaiting(slot: slot, on: event.pointee.other)
        case .resumed:
            stopWaiting(slot: slot)
            setResult(event.pointee.outcome, slot: slot, failureTaken: false)
        case .paused:
            slots[slot].userPauses &+= 1
        case .unpaused:
            if slots[slot].userPauses > 0 { slots[slot].userPauses -= 1 }
        case .cancelled:
            slots[slot].set(TrackedDeferred.cancelledBit, true)
        case .timeoutArmed:
            slots[slot].timeoutDeadline = time &+ UInt64(max(0, event.pointee.timeoutSeconds) * 1_000_000_000)
        case .timedOut:
            slots[slot].set(TrackedDeferred.timedOutBit, true)
            slots[slot].timeoutDeadline = 0
            warn(.timedOut, slot: slot, at: time, "timed out after \(Self.seconds(event.pointee.timeoutSeconds))")
        case .alreadyCalled:
            warn(.alreadyCalled, slot: slot, at: time, "a second result was given at \(siteName(event.pointee.siteID))")
        case .unhandledFailure:
            let type = typeName(event.pointee.outcome?.typeID ?? 0) ?? "a failure"
            warn(.releasedUnhandled, slot: slot, at: time, "released with \(type) nobody handled")
        case .released:
            release(event, slot: slot, before: before)
            if deadlocked { dropBrokenDeadlocks(involving: event.pointee.id) }
            return
        }
        reindex(slot, from: before, at: time)
        if deadlocked { dropBrokenDeadlocks(involving: event.pointee.id) }
    }

    // MARK: - Kinds

    private mutating func create(_ event: UnsafePointer<EventRecord>) {
        if let existing = slot(of: event.pointee.id) { discard(slot: existing) }
        let chain = TrackedDeferred(
            id: event.pointee.id,
            createdAt: event.pointee.timestamp,
            label: event.pointee.label,
            siteID: event.pointee.siteID
        )
        let slot = allocate(chain)
        log(event, slot: slot)
        statistics.creations.count(at: event.pointee.timestamp)
        withSite(event.pointee.siteID) { $0.createdCount += 1 }
        reindex(slot, from: .absent, at: event.pointee.timestamp)
    }

    private mutating func addStep(_ event: UnsafePointer<EventRecord>, slot: Int) {
        let index = UInt32(clamping: max(0, Int(event.pointee.stepIndex)))
        let kept = slots[slot].steps.count
        if index == slots[slot].stepBase &+ UInt32(kept), kept < configuration.stepLimit {
            // Most chains have a few steps: one allocation for the first four.
            if kept == 0 { slots[slot].steps.reserveCapacity(4) }
            slots[slot].steps.append(
                TrackedStep(kindRawValue: event.pointee.stepKindRawValue ?? .max, siteID: event.pointee.siteID)
            )
            if let label = event.pointee.label {
                stepLabels[StepKey(id: event.pointee.id, index: index)] = label
                slots[slot].set(TrackedDeferred.hasStepLabelsBit, true)
            }
        }
        slots[slot].stepCount = max(slots[slot].stepCount, index &+ 1)
        if event.pointee.other != 0, graph.addFeed(from: event.pointee.id, to: event.pointee.other) {
            // The fed Deferred now waits on this one.
            detectCycle(waiter: event.pointee.other, waitedOn: event.pointee.id, at: event.pointee.timestamp)
        }
    }

    private mutating func stepRan(_ event: UnsafePointer<EventRecord>, slot: Int) {
        let index = UInt32(clamping: max(0, Int(event.pointee.stepIndex)))
        let flags = event.pointee.eventFlags
        let returned = flags.contains(.returnedDeferred)
        let stepBase = slots[slot].stepBase
        if index >= stepBase, Int(index - stepBase) < slots[slot].steps.count {
            slots[slot].steps[Int(index - stepBase)].markRan(
                duration: event.pointee.duration,
                skipped: flags.contains(.skipped),
                returnedDeferred: returned,
                outcome: event.pointee.outcome
            )
        }
        slots[slot].stepsRun = max(slots[slot].stepsRun, index &+ 1)
        slots[slot].stepCount = max(slots[slot].stepCount, index &+ 1)
        if event.pointee.other != 0, !returned {
            graph.removeFeed(from: event.pointee.id, to: event.pointee.other)
        }
        if event.pointee.stepKind == .timeoutDisarm { slots[slot].timeoutDeadline = 0 }
        if let outcome = event.pointee.outcome {
            let keepsTaken =
                slots[slot].failureTaken && slots[slot].isFailure == outcome.isFailure
                && slots[slot].outcomeTypeID == outcome.typeID
            setResult(outcome, slot: slot, failureTaken: flags.contains(.failureTaken) || keepsTaken)
        }
        if !flags.contains(.skipped) {
            statistics.stepDurations.record(event.pointee.duration)
            let siteID = readChain(slot) { $0.siteID }
            withSite(siteID) { $0.stepDurations.record(event.pointee.duration) }
            if event.pointee.duration > configuration.thresholds.slowStep {
                warn(
                    .slowStep,
                    slot: slot,
                    at: event.pointee.timestamp,
                    "step \(index) ran for \(Self.milliseconds(event.pointee.duration))"
                )
            }
        }
    }

    private mutating func setResult(_ outcome: WireOutcome?, slot: Int, failureTaken: Bool) {
        slots[slot].set(TrackedDeferred.hasResultBit, true)
        slots[slot].set(TrackedDeferred.failureBit, outcome?.isFailure ?? false)
        slots[slot].set(TrackedDeferred.failureTakenBit, failureTaken)
        slots[slot].outcomeTypeID = outcome?.typeID ?? 0
        if let description = outcome?.valueDescription {
            valueDescriptions[slots[slot].id] = description
            slots[slot].set(TrackedDeferred.hasDescriptionBit, true)
        }
    }

    mutating func startWaiting(slot: Int, on other: UInt64) {
        guard other != 0 else { return }
        let id = slots[slot].id
        if slots[slot].waitingOn != 0 { graph.removeWaiter(id, on: slots[slot].waitingOn) }
        slots[slot].waitingOn = other
        slots[slot].set(TrackedDeferred.hasResultBit, false)
        graph.addWaiter(id, on: other)
        detectCycle(waiter: id, waitedOn: other, at: now)
    }

    private mutating func stopWaiting(slot: Int) {
        let chain = slots[slot]
        guard chain.waitingOn != 0 else { return }
        graph.removeWaiter(chain.id, on: chain.waitingOn)
        slots[slot].waitingOn = 0
    }

    private mutating func release(_ event: UnsafePointer<EventRecord>, slot: Int, before: Membership) {
        let time = event.pointee.timestamp
        let id = slots[slot].id
        let createdAt = slots[slot].createdAt
        let waitingOn = slots[slot].waitingOn
        if !event.pointee.eventFlags.contains(.everFired), !slots[slot].everFired {
            warn(.abandoned, slot: slot, at: time, "released without ever being given a result")
        }
        let lifetime = time > createdAt ? time - createdAt : 0
        statistics.lifetimes.record(lifetime)
        let siteID = readChain(slot) { $0.siteID }
        withSite(siteID) { $0.lifetimes.record(lifetime) }
        slots[slot].set(TrackedDeferred.releasedBit, true)
        slots[slot].releasedAt = max(time, 1)
        graph.removeFeeds(of: id)
        if waitingOn != 0 { graph.removeWaiter(id, on: waitingOn) }
        reindex(slot, from: before, at: time)
        finished.append(id)
        evictFinished()
    }

    // MARK: - Retention

    /// Drops released Deferreds beyond the count limit or older than the retention time.
    mutating func evictFinished() {
        let retention = configuration.finishedRetention
        while let first = finished.first {
            guard let slot = slot(of: first), readChain(slot, { $0.isReleased }) else {
                finished.removeFirst()
                continue
            }
            let releasedAt = readChain(slot) { $0.releasedAt }
            let expired = now >= releasedAt && now - releasedAt > retention
            guard finished.count > configuration.finishedLimit || expired else { break }
            finished.removeFirst()
            discard(slot: slot)
        }
    }

    // MARK: - Event log

    private mutating func log(_ event: UnsafePointer<EventRecord>, slot: Int) {
        slots[slot].lastEventLink = eventLog.append(event, previous: slots[slot].lastEventLink)
    }

    // MARK: - Formatting

    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let tenths = nanoseconds / 100_000
        return "\(tenths / 10).\(tenths % 10) ms"
    }

    static func seconds(_ seconds: Double) -> String {
        seconds == seconds.rounded() ? "\(Int(seconds)) s" : "\(seconds) s"
    }
}
