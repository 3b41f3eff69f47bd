extension _Chain {
    /// Runs when the last handle is gone: reports an unhandled failure, tells the observer, and
    /// releases the chains this one kept alive without recursing into their deinits.
    func _finalize() {
        var heldChains: [_Chain] = []
        let (unhandled, outcome, everFired) = state.withLock { s -> ((any Error)?, _Outcome?, Bool) in
            var unhandled: (any Error)? = nil
            // Twisted's rule: the failure the chain ended with, unless another chain took it over
            // or steps that could still handle it never ran (a paused chain).
            if case .failure(let error)? = s.outcome, !s.failureTaken, s.steps.isEmpty {
                unhandled = error
            }
            s.steps.removeChains(into: &heldChains)
            return (unhandled, s.outcome, s.everFired)
        }
        if observed, let observer = _currentObserver() {
            let summary = outcome?.summary(describe: observer.wantsValueDescriptions)
            state.withLock { s in
                if unhandled != nil {
                    _emit(&s, .unhandledFailure) { $0.outcome = summary }
                }
                _emit(&s, .released) { event in
                    event.outcome = summary
                    if everFired { event.flags.insert(.everFired) }
                }
            }
        }
        if let unhandled {
            DeferredDiagnostics._report(
                UnhandledError(id: deferredID, label: label, error: unhandled, createdAt: site.location)
            )
        }
        _Chain._releaseWithoutRecursion(&heldChains)
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
