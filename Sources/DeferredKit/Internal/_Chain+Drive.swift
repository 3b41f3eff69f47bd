/// The loop that runs steps. Like Twisted's `_runCallbacks` it never recurses: when a chain hands
/// its result to a chain waiting on it (or to a `chainDeferred` target, or a combinator fires its
/// result chain), the receiving chain is run next from the same loop and the giving chain is kept
/// on an explicit stack until the receiver has gone as far as it can.

/// One unit of work taken off a chain's queue under its lock, to do outside it.
enum _Work {
    /// Nothing runnable: the chain is paused, waiting, or out of steps. `running` was cleared.
    case idle
    /// A step the result passes by (a callback meeting a failure, or the reverse). Carrying it
    /// out of the lock lets its closure be released there.
    case skip(_Step)
    /// A step the program wrote.
    case user(_UserStep, _Outcome, index: UInt32, kind: StepKind)
    /// Give the result to the chain that waits on this one.
    case handOff(_Chain, _Outcome)
    /// `chainDeferred`: fire the target with the result.
    case forward(_Chain, _Outcome, index: UInt32)
    /// A step of DeferredKit's own.
    case internalStep(_InternalStep, _Outcome, index: UInt32, kind: StepKind)
}

extension _Chain {
    /// Runs this chain's steps, and those of every chain its results reach, as far as they go.
    /// The caller holds this chain's `running` token.
    @usableFromInline
    func _drive() {
        var current = self
        // Chains whose steps this thread is running, suspended while a chain they gave their
        // result to runs. Each keeps its `running` token until it is resumed and runs dry.
        var suspended: [_Chain] = []
        while true {
            let work = current.state.withLock { current._takeWork(&$0) }
            switch work {
            case .idle:
                guard let below = suspended.popLast() else { return }
                current = below
            case .skip:
                continue
            case .user(let step, let input, let index, let kind):
                let start = current._timestampIfObserved()
                let output = step(input)
                current._finishUserStep(output, index: index, kind: kind, start: start)
            case .handOff(let waiter, let outcome):
                if waiter._resume(with: outcome, from: current) {
                    suspended.append(current)
                    current = waiter
                }
            case .forward(let target, let outcome, let index):
                let start = current._timestampIfObserved()
                let delivered = target._deliver(
                    outcome,
                    site: current.site,
                    from: current.id,
                    reportsAlreadyCalled: true
                )
                current._finishForward(to: target, input: outcome, delivered: delivered, index: index, start: start)
                if delivered == .drive {
                    suspended.append(current)
                    current = target
                }
            case .internalStep(let step, let input, let index, let kind):
                let start = current._timestampIfObserved()
                let result = step.run(on: current, input)
                if let target = current._finishInternalStep(
                    result,
                    input: input,
                    index: index,
                    kind: kind,
                    feeds: step.feeds,
                    start: start
                ) {
                    suspended.append(current)
                    current = target
                }
            }
        }
    }

    /// Takes the next unit of work, or gives up the `running` token. Runs under the lock.
    func _takeWork(_ s: inout _ChainState) -> _Work {
        guard s.userPauses == 0, let outcome = s.outcome, let step = s.steps.popFirst() else {
            s.running = false
            return .idle
        }
        switch step.body {
        case .taken:
            preconditionFailure("DeferredKit: a step was taken twice")
        case .handOff(let waiter):
            // The waiter takes over the result, and with it any failure.
            if outcome.isFailure {
                s.failureTaken = true
            }
            return .handOff(waiter, outcome)
        case .user(let userStep):
            let index = s.stepsRun
            s.stepsRun &+= 1
            let applies = outcome.isFailure ? step.kind.runsOnFailure : step.kind.runsOnSuccess
            guard applies else {
                _emit(&s, .stepRan) { event in
                    event.stepIndex = Int(index)
                    event.stepKind = step.kind
                    event.flags = .skipped
                }
                return .skip(step)
            }
            return .user(userStep, outcome, index: index, kind: step.kind)
        case .forward(let target):
            let index = s.stepsRun
            s.stepsRun &+= 1
            return .forward(target, outcome, index: index)
        case .internal(let internalStep):
            let index = s.stepsRun
            s.stepsRun &+= 1
            return .internalStep(internalStep, outcome, index: index, kind: step.kind)
        }
    }

    /// Records what a user step produced.
    func _finishUserStep(_ output: _StepOutput, index: UInt32, kind: StepKind, start: UInt64) {
        switch output {
        case .success(let value):
            _store(.success(value), index: index, kind: kind, start: start)
        case .failure(let error):
            _store(.failure(error), index: index, kind: kind, start: start)
        case .deferred(let inner):
            if inner === self {
                _store(.failure(ChainCycleError()), index: index, kind: kind, start: start)
            } else {
                _wait(on: inner, index: index, kind: kind, start: start)
            }
        }
    }

    /// Makes `outcome` the chain's own result after a step.
    func _store(
        _ outcome: _Outcome,
        index: UInt32,
        kind: StepKind,
        start: UInt64,
        other: UInt64 = 0,
        flags: DeferredEvent.Flags = []
    ) {
        let end = _timestampIfObserved()
        let summary = _summaryForEvent(outcome)
        let previous = state.withLock { s -> _Phase in
            let previous = s.settle(outcome)
            _emit(&s, .stepRan, timestamp: end) { event in
                event.stepIndex = Int(index)
                event.stepKind = kind
                event.duration = end &- start
                event.outcome = summary
                event.other = other == 0 ? nil : DeferredID(rawValue: other)
                event.flags = flags
            }
            return previous
        }
        // The previous result is released here, outside the lock.
        _ = previous
    }

    /// A step returned `inner`. Take its result if it has one (Twisted steals it), or wait on it:
    /// become `.waiting` first, then leave a hand-off marker in its queue, so that whoever runs
    /// the marker always finds this chain waiting.
    func _wait(on inner: _Chain, index: UInt32, kind: StepKind, start: UInt64) {
        if let taken = inner._surrender() {
            _store(taken, index: index, kind: kind, start: start, other: inner.id, flags: .returnedDeferred)
            return
        }
        let end = _timestampIfObserved()
        let previous = state.withLock { s -> _Phase in
            let previous = s.phase
            s.phase = .waiting(inner)
            _emit(&s, .stepRan, timestamp: end) { event in
                event.stepIndex = Int(index)
                event.stepKind = kind
                event.duration = end &- start
                event.other = inner.deferredID
                event.flags = .returnedDeferred
            }
            _emit(&s, .waiting, timestamp: end) { $0.other = inner.deferredID }
            return previous
        }
        _ = previous
        if let taken = inner._surrender(orEnqueueHandOffTo: self) {
            // We hold this chain's `running` token, so this never asks us to drive it.
            _ = _resume(with: taken, from: inner)
        }
    }

    /// This chain's result, taken over by a chain that waits on it, if it has one that is not
    /// paused and is not in the middle of running steps.
    func _surrender() -> _Outcome? {
        state.withLock { s in
            guard s.userPauses == 0, !s.running, let outcome = s.outcome else { return nil }
            if outcome.isFailure {
                s.failureTaken = true
            }
            return outcome
        }
    }

    /// Like `_surrender()`, but when there is no result to take, queues a hand-off to `waiter`.
    func _surrender(orEnqueueHandOffTo waiter: _Chain) -> _Outcome? {
        state.withLock { s in
            if s.userPauses == 0, !s.running, let outcome = s.outcome {
                if outcome.isFailure {
                    s.failureTaken = true
                }
                return outcome
            }
            s.steps.append(.handOff(to: waiter))
            return nil
        }
    }

    /// The chain this one waits on (`inner`) delivered `outcome`. Returns true when the caller
    /// must now run this chain (it was given the `running` token).
    func _resume(with outcome: _Outcome, from inner: _Chain) -> Bool {
        let summary = _summaryForEvent(outcome)
        let (shouldDrive, previous) = state.withLock { s -> (Bool, _Phase?) in
            guard case .waiting(let awaited) = s.phase, awaited === inner else { return (false, nil) }
            let previous = s.settle(outcome)
            _emit(&s, .resumed) { event in
                event.other = inner.deferredID
                event.outcome = summary
            }
            guard s.isRunnable else { return (false, previous) }
            s.running = true
            return (true, previous)
        }
        _ = previous
        return shouldDrive
    }

    /// Records a `chainDeferred` step: the target took the result, or refused it (then this
    /// chain fails with `AlreadyCalledError`, as in Twisted).
    func _finishForward(to target: _Chain, input: _Outcome, delivered: _DeliverResult, index: UInt32, start: UInt64) {
        let end = _timestampIfObserved()
        let failure: _Outcome? = delivered == .alreadyCalled ? .failure(AlreadyCalledError()) : nil
        let summary = failure.flatMap { _summaryForEvent($0) }
        let previous = state.withLock { s -> _Phase? in
            var previous: _Phase? = nil
            var flags: DeferredEvent.Flags = []
            if let failure {
                previous = s.settle(failure)
            } else if input.isFailure {
                s.failureTaken = true
                flags.insert(.failureTaken)
            }
            _emit(&s, .stepRan, timestamp: end) { event in
                event.stepIndex = Int(index)
                event.stepKind = .chain
                event.duration = end &- start
                event.outcome = summary
                event.other = target.deferredID
                event.flags = flags
            }
            return previous
        }
        _ = previous
    }

    /// Carries out what an internal step asked for. Returns a chain the caller must now run.
    func _finishInternalStep(
        _ action: _InternalAction,
        input: _Outcome,
        index: UInt32,
        kind: StepKind,
        feeds: UInt64,
        start: UInt64
    ) -> _Chain? {
        var target: _Chain? = nil
        var takesFailure = false
        switch action {
        case .replace(let outcome):
            _store(outcome, index: index, kind: kind, start: start, other: feeds)
            return nil
        case .passThrough:
            break
        case .takeFailure:
            takesFailure = input.isFailure
        case .fire(let chain, _, let takes):
            target = chain
            takesFailure = takes && input.isFailure
        }
        let end = _timestampIfObserved()
        state.withLock { s in
            if takesFailure {
                s.failureTaken = true
            }
            _emit(&s, .stepRan, timestamp: end) { event in
                event.stepIndex = Int(index)
                event.stepKind = kind
                event.duration = end &- start
                let other = target?.id ?? feeds
                event.other = other == 0 ? nil : DeferredID(rawValue: other)
                event.flags = takesFailure ? .failureTaken : []
            }
        }
        guard case .fire(let chain, let outcome, _) = action else { return nil }
        let delivered = chain._deliver(outcome, site: .unknown, from: id, reportsAlreadyCalled: false)
        return delivered == .drive ? chain : nil
    }
}
