extension _Chain {
    /// The chain as it is now, taken under its own lock; calls no program code.
    ///
    /// A registry walk calls this on chains it does not own, holding the shard lock that a
    /// chain's `deinit` waits on. So it must neither retain nor release `self` (a release could
    /// be the last, and run `deinit` on this thread, which would wait on that lock): the closure
    /// below captures only the local snapshot, never `self`.
    func _lockedSnapshot() -> DeferredSnapshot {
        var snapshot = DeferredSnapshot(
            id: deferredID,
            sequence: 0,
            label: label,
            site: site,
            createdAt: createdAt,
            thread: 0
        )
        state.withLock { Self._fill(&snapshot, from: &$0) }
        return snapshot
    }

    /// Completes `snapshot` from the chain's state.
    private static func _fill(_ snapshot: inout DeferredSnapshot, from s: inout _ChainState) {
        snapshot.sequence = s.sequence
        switch s.phase {
        case .pending(let canceller):
            snapshot.phase = .pending
            snapshot.hasCanceller = canceller != nil
            let chainedTo = s.extras?.chainedTo ?? 0
            snapshot.chainedTo = chainedTo == 0 ? nil : DeferredID(rawValue: chainedTo)
        case .waiting(let inner):
            snapshot.phase = .waiting(on: inner.deferredID)
        case .success(let value):
            snapshot.phase = .succeeded
            snapshot.outcome = _Phase.success(value).summary(describe: false)
        case .failure(let error):
            snapshot.phase = .failed
            snapshot.outcome = _Phase.failure(error).summary(describe: false)
        }
        snapshot.userPauses = Int(s.userPauses)
        snapshot.isRunning = s.running
        snapshot.stepsRun = Int(s.stepsRun)
        snapshot.everFired = s.everFired
        snapshot.failureTaken = s.failureTaken
        var index = s.stepsRun
        let labels = s.extras?.stepLabels
        s.steps.forEachPendingSummary { kind, site, feeds, waiter in
            if let waiter {
                snapshot.waiters.append(DeferredID(rawValue: waiter))
                return
            }
            snapshot.pendingSteps.append(
                DeferredSnapshot.Step(
                    index: Int(index),
                    kind: kind,
                    label: labels?[index],
                    site: site,
                    feeds: feeds == 0 ? nil : DeferredID(rawValue: feeds)
                )
            )
            index += 1
        }
        if let extras = s.extras, extras.timeoutSeconds > 0 {
            snapshot.timeoutSeconds = extras.timeoutSeconds
            snapshot.timeoutArmedAt = extras.timeoutArmedAt
        }
    }
}
