/// What `cancel()` found when it looked at a chain.
private enum _CancelStep {
    /// The chain has its result: cancelling does nothing.
    case nothing
    /// The chain waits on another: cancel that one instead.
    case forward(_Chain)
    /// Run the canceller; then, if it gave no result, fail with `CancelledError`.
    case runCanceller(_Canceller)
    /// Run the canceller and nothing more (Twisted's DeferredList cancels only its inputs).
    case runCancellerOnly(_Canceller?)
    /// No canceller: fail with `CancelledError` (a later fire by the producer will be swallowed).
    case fail
}

extension _Chain {
    /// `cancel()`: Twisted's rules, with forwarding to the chain waited on done in a loop so that
    /// no depth of waiting overflows the stack.
    @usableFromInline
    func _cancel(site: CallSite, fromMonitor: Bool = false) {
        var target = self
        var forwardedFrom: UInt64 = 0
        while true {
            let chain = target
            let from = forwardedFrom
            let step = chain.state.withLock { s -> _CancelStep in
                let emitCancelled = { (s: inout _ChainState) in
                    chain._emit(&s, .cancelled) { event in
                        event.site = site
                        event.other = from == 0 ? nil : DeferredID(rawValue: from)
                        if fromMonitor { event.flags.insert(.fromMonitor) }
                    }
                }
                switch s.phase {
                case .success, .failure:
                    return .nothing
                case .waiting(let inner):
                    emitCancelled(&s)
                    return .forward(inner)
                case .pending(let canceller):
                    emitCancelled(&s)
                    if s.cancelForwardsOnly {
                        return .runCancellerOnly(canceller)
                    }
                    if let canceller {
                        // Taken out so that two racing cancels cannot both run it.
                        s.phase = .pending(nil)
                        return .runCanceller(canceller)
                    }
                    s.suppressAlreadyCalled = true
                    return .fail
                }
            }
            switch step {
            case .nothing:
                return
            case .forward(let inner):
                forwardedFrom = target.id
                target = inner
            case .runCanceller(let canceller):
                canceller(target)
                target._fireIfPending(.failure(CancelledError()), site: site)
                return
            case .runCancellerOnly(let canceller):
                canceller?(target)
                return
            case .fail:
                target._fireIfPending(.failure(CancelledError()), site: site)
                return
            }
        }
    }
}
