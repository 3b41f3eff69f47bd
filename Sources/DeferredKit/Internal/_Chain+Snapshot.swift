extension _Chain {
    /// The chain as it is now. Runs under the chain's lock and calls no program code.
    func _snapshot(_ s: inout _ChainState) -> DeferredSnapshot {
        var snapshot = DeferredSnapshot(
            id: deferredID,
            sequence: s.sequence,
            label: label,
            site: site,
            createdAt: createdAt,
            thread: 0
        )
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
        var index = s.stepsRun
        let labels = s.extras?.stepLabels ?? [:]
        s.steps.forEachPending { step in
            switch step.body {
            case .handOff(let waiter):
                snapshot.waiters.append(waiter.deferredID)
            case .taken:
                break
            default:
                let feeds = step.feeds
                snapshot.pendingSteps.append(
                    DeferredSnapshot.Step(
                        index: Int(index),
                        kind: step.kind,
                        label: labels[index],
                        site: step.site,
                        feeds: feeds == 0 ? nil : DeferredID(rawValue: feeds)
                    )
                )
                index += 1
            }
        }
        if let extras = s.extras, extras.timeoutSeconds > 0 {
            snapshot.timeoutSeconds = extras.timeoutSeconds
            snapshot.timeoutArmedAt = extras.timeoutArmedAt
        }
        return snapshot
    }
}
