extension _Chain {
    /// The chain as it is now. Runs under the chain's lock and calls no program code.
    func _snapshot(_ s: borrowing _ChainState) -> DeferredSnapshot {
        var snapshot = DeferredSnapshot(
            id: deferredID,
            sequence: s.sequence,
            label: label,
            site: site,
            createdAt: createdAt,
            thread: thread
        )
        switch s.phase {
        case .pending(let canceller, let chainedTo):
            snapshot.phase = .pending
            snapshot.hasCanceller = canceller != nil
            snapshot.chainedTo = chainedTo == 0 ? nil : DeferredID(rawValue: chainedTo)
        case .waiting(let inner):
            snapshot.phase = .waiting(on: inner.deferredID)
        case .done(let outcome):
            snapshot.phase = outcome.isFailure ? .failed : .succeeded
            snapshot.outcome = outcome.summary(describe: false)
        }
        snapshot.userPauses = Int(s.userPauses)
        snapshot.isRunning = s.running
        snapshot.stepsRun = Int(s.stepsRun)
        snapshot.everFired = s.everFired
        var index = Int(s.stepsRun)
        for step in s.steps.pending {
            switch step.body {
            case .handOff(let waiter):
                snapshot.waiters.append(waiter.deferredID)
            case .taken:
                break
            default:
                snapshot.pendingSteps.append(
                    DeferredSnapshot.Step(
                        index: index,
                        kind: step.kind,
                        label: step.label,
                        site: step.site,
                        feeds: step.feeds == 0 ? nil : DeferredID(rawValue: step.feeds)
                    )
                )
                index += 1
            }
        }
        if s.timeoutSeconds > 0 {
            snapshot.timeoutSeconds = s.timeoutSeconds
            snapshot.timeoutArmedAt = s.timeoutArmedAt
        }
        return snapshot
    }
}
