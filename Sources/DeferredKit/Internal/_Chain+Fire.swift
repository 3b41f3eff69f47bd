/// What happened to a result offered to a chain.
enum _DeliverResult {
    /// Accepted, and the caller must now run the chain's steps (it holds the `running` token).
    case drive
    /// Accepted; the steps will run later (paused) or are being run by another thread.
    case queued
    /// Refused: the chain already has a result.
    case alreadyCalled
    /// Eaten: the chain was cancelled without a canceller and swallows one later fire.
    case swallowed
}

extension _Chain {
    /// Gives the chain its result. Does not run steps; the caller does when told `.drive`.
    func _deliver(
        _ outcome: _Outcome,
        site: CallSite,
        from source: UInt64 = 0,
        reportsAlreadyCalled: Bool
    ) -> _DeliverResult {
        let summary = _summaryForEvent(outcome)
        let other = source == 0 ? nil : DeferredID(rawValue: source)
        var slot = outcome
        let result = state.withLock { s -> _DeliverResult in
            guard !s.isCalled else {
                if s.suppressAlreadyCalled {
                    s.suppressAlreadyCalled = false
                    return .swallowed
                }
                if reportsAlreadyCalled {
                    _emit(&s, .alreadyCalled) { event in
                        event.site = site
                        event.other = other
                    }
                }
                return .alreadyCalled
            }
            s.settle(swapping: &slot)
            s.flags.insert(.everFired)
            s.extras?.chainedTo = 0
            _emit(&s, .fired) { event in
                event.site = site
                event.outcome = summary
                event.other = other
            }
            guard s.isRunnable else { return .queued }
            s.running = true
            return .drive
        }
        // `slot` now holds what the pending phase held (its canceller), released here, outside
        // the lock; or, when refused, the result that was offered.
        _ = consume slot
        return result
    }

    /// `callback`/`errback`: gives the result and runs the steps on this thread.
    @usableFromInline
    func _fire(_ outcome: _Outcome, site: CallSite) throws(AlreadyCalledError) {
        switch _deliver(outcome, site: site, reportsAlreadyCalled: true) {
        case .drive:
            _drive()
        case .alreadyCalled:
            throw AlreadyCalledError()
        case .queued, .swallowed:
            break
        }
    }

    /// Gives the result if the chain has none yet, and runs the steps; otherwise drops it quietly.
    /// For DeferredKit's own producers (combinators, the async bridge) that may lose a race with
    /// `cancel()`.
    @discardableResult
    func _fireIfPending(_ outcome: _Outcome, site: CallSite = .unknown) -> Bool {
        switch _deliver(outcome, site: site, reportsAlreadyCalled: false) {
        case .drive:
            _drive()
            return true
        case .queued:
            return true
        case .alreadyCalled, .swallowed:
            return false
        }
    }

    /// Appends a step, and runs it at once when the chain already has a result and nobody is
    /// running it.
    /// Every step but a hand-off marker comes through here (markers are queued directly, as
    /// plumbing without an index).
    func _append(_ step: _Step, label: String? = nil) {
        let shouldDrive = state.withLock { s -> Bool in
            let index = s.stepsAdded
            if let label {
                s.extrasForUpdate().stepLabels[index] = label
            }
            if observed {
                _emit(&s, .stepAdded) { event in
                    event.stepIndex = Int(index)
                    event.stepKind = step.kind
                    event.label = label
                    event.site = step.site
                    let feeds = step.feeds
                    event.other = feeds == 0 ? nil : DeferredID(rawValue: feeds)
                }
            }
            s.stepsAdded &+= 1
            s.steps.append(step)
            guard s.isRunnable else { return false }
            s.running = true
            return true
        }
        if shouldDrive {
            _drive()
        }
    }

    /// Appends a step the program wrote; the entry point of every `add…` method.
    @usableFromInline
    func _appendUserStep(
        kind: StepKind,
        step: @escaping _UserStep,
        label: String?,
        site: CallSite
    ) {
        _append(_Step(body: .user(step), kind: kind, site: site), label: label)
    }

    /// Appends one of DeferredKit's own steps.
    func _appendInternalStep(_ step: _InternalStep, kind: StepKind, site: CallSite) {
        _append(_Step(body: .internal(step), kind: kind, site: site))
    }

    /// `pause()`.
    @usableFromInline
    func _pause(site: CallSite) {
        state.withLock { s in
            s.userPauses &+= 1
            _emit(&s, .paused) { $0.site = site }
        }
    }

    /// `unpause()`: does nothing unless the chain is paused by `pause()`.
    @usableFromInline
    func _unpause(site: CallSite) {
        let shouldDrive = state.withLock { s -> Bool in
            guard s.userPauses > 0 else { return false }
            s.userPauses -= 1
            _emit(&s, .unpaused) { $0.site = site }
            guard s.isRunnable else { return false }
            s.running = true
            return true
        }
        if shouldDrive {
            _drive()
        }
    }

    /// `chainDeferred`: this chain will be fired from `source`; until then it reads "waiting on".
    @usableFromInline
    func _markChained(from source: _Chain) {
        state.withLock { s in
            if case .pending = s.phase {
                s.extrasForUpdate().chainedTo = source.id
            }
        }
    }

    /// Twisted's `called`.
    @usableFromInline
    var isCalled: Bool {
        state.withLock { $0.isCalled }
    }

    /// Paused by `pause()` or waiting on another chain.
    @usableFromInline
    var isPaused: Bool {
        state.withLock { $0.userPauses > 0 || $0.isWaiting }
    }
}
