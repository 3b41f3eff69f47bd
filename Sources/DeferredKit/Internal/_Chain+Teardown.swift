extension _Chain {
    /// Runs when the last handle is gone: reports an unhandled failure, tells the observer, and
    /// releases the chains this one kept alive without recursing into their deinits.
    func _finalize() {
        var heldChains: [_Chain] = []
        var unhandled: (any Error)? = nil
        var everFired = false
        state.withLock { s in
            everFired = s.everFired
            if !s.steps.isEmpty {
                // Twisted's rule: steps that could still handle a failure never ran (a paused
                // chain), so it is not reported.
                s.steps.removeChains(into: &heldChains)
            } else if s.hasResult, !s.failureTaken, s.phase.holdsFailure, case .failure(let error) = s.phase {
                // The failure the chain ended with, and no other chain took it over.
                unhandled = error
            }
        }
        if observed, _eventsWanted() {
            _reportRelease(unhandled: unhandled != nil, everFired: everFired)
        }
        if let unhandled {
            DeferredDiagnostics._report(
                UnhandledError(id: deferredID, label: label, error: unhandled, createdAt: site.location)
            )
        }
        if !heldChains.isEmpty {
            _Chain._releaseWithoutRecursion(&heldChains)
        }
    }

    /// Tells the observer that the chain is gone (and that its failure went unhandled).
    private func _reportRelease(unhandled: Bool, everFired: Bool) {
        guard _eventsWanted(), let observer = _currentObserver() else { return }
        let outcome = state.withLock { s -> _Outcome? in s.outcome }
        // Described here, outside the lock: describing runs the program's code.
        let summary = outcome?.summary(describe: observer.wantsValueDescriptions)
        state.withLock { s in
            if unhandled {
                _emit(&s, .unhandledFailure) { $0.outcome = summary }
            }
            _emit(&s, .released) { event in
                event.outcome = summary
                if everFired { event.flags.insert(.everFired) }
            }
        }
    }

    /// Releases chains one at a time. A chain about to die gives up the chains it holds first, so
    /// its own deinit finds nothing to release and a long line of `chainDeferred` targets or
    /// hand-offs is freed in a loop rather than by nested deinits.
    static func _releaseWithoutRecursion(_ chains: inout [_Chain]) {
        while var chain = chains.popLast() {
            if isKnownUniquelyReferenced(&chain) {
                chain.state.withLock { $0.steps.removeChains(into: &chains) }
            }
        }
    }
}
