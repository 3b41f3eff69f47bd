/// The loop that runs steps. Like Twisted's `_runCallbacks` it never recurses: when a chain hands
/// its result to a chain waiting on it (or to a `chainDeferred` target, or a combinator fires its
/// result chain), the receiving chain is run next from the same loop and the giving chain is kept
/// on an explicit stack until the receiver has gone as far as it can.
///
/// Each step costs one trip through the chain's lock: what a step produced is recorded in the same
/// critical section that takes the next step.

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

/// The facts a `stepRan` event reports.
struct _StepRecord {
    var index: UInt32
    var kind: StepKind
    var start: UInt64
    var other: UInt64 = 0
    var flags: DeferredEvent.Flags = []
}

extension _Chain {
    /// Runs this chain's steps, and those of every chain its results reach, as far as they go.
    /// The caller holds this chain's `running` token.
    ///
    /// The loop passes each step's result straight into the call that records it and takes the
    /// next step: values that carry existentials are never wrapped in optionals or tuples here,
    /// because copying and destroying those goes through the runtime's generic witnesses.
    @usableFromInline
    func _drive() {
        var current = self
        // Chains whose steps this thread is running, suspended while a chain they gave their
        // result to runs. Each keeps its `running` token until it is resumed and runs dry.
        var suspended: [_Chain] = []
        var work = current._takeWork()
        // When steps run back to back, one reading of the clock ends a step and starts the next.
        var lastReading: UInt64 = 0
        while true {
            switch consume work {
            case .idle:
                lastReading = 0
                guard let below = suspended.popLast() else { return }
                current = below
                work = current._takeWork()
            case .skip:
                lastReading = 0
                work = current._takeWork()
            case .user(let step, let input, let index, let kind):
                let start = lastReading != 0 ? lastReading : current._timestampIfObserved()
                let record = _StepRecord(index: index, kind: kind, start: start)
                var output = step(input)
                work = current._finish(&output, record, reading: &lastReading)
            case .handOff(let waiter, let outcome):
                lastReading = 0
                if waiter._resume(with: outcome, from: current) {
                    suspended.append(current)
                    current = waiter
                }
                work = current._takeWork()
            case .forward(let target, let outcome, let index):
                lastReading = 0
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
                work = current._takeWork()
            case .internalStep(let step, let input, let index, let kind):
                lastReading = 0
                var record = _StepRecord(index: index, kind: kind, start: current._timestampIfObserved())
                record.other = step.feeds
                switch step.run(on: current, input) {
                case .replace(let outcome):
                    work = current._settle(outcome, record, thenTake: true)
                case .passThrough:
                    work = current._keep(record, takesFailure: false, thenTake: true)
                case .takeFailure:
                    work = current._keep(record, takesFailure: input.isFailure, thenTake: true)
                case .fire(let target, let outcome, let takes):
                    // Recorded now: the target runs next, before this chain's next step.
                    _ = current._keep(record, takesFailure: takes && input.isFailure, thenTake: false)
                    if target._deliver(outcome, site: .unknown, from: current.id, reportsAlreadyCalled: false)
                        == .drive
                    {
                        suspended.append(current)
                        current = target
                    }
                    work = current._takeWork()
                }
            }
        }
    }

    /// Takes the next unit of work.
    @inline(__always)
    func _takeWork() -> _Work {
        state.withLock { _takeWork(&$0) }
    }

    /// Records what a user step produced and takes the next unit of work. `output` is swapped
    /// into the chain and comes back holding the result it replaced.
    func _finish(_ output: inout _StepOutput, _ record: _StepRecord, reading: inout UInt64) -> _Work {
        if output.isWaiting, let inner = output.waitingChain {
            reading = 0
            return _finishWaiting(on: inner, record)
        }
        return _settle(swapping: &output, record, thenTake: true, reading: &reading)
    }

    /// A user step returned `inner`.
    private func _finishWaiting(on inner: _Chain, _ record: _StepRecord) -> _Work {
        if inner === self {
            return _settle(.failure(ChainCycleError()), record, thenTake: true)
        }
        var record = record
        record.other = inner.id
        record.flags.insert(.returnedDeferred)
        // Twisted takes the result of a Deferred that already has one (and is not paused).
        if let taken = inner._surrender() {
            return _settle(taken, record, thenTake: true)
        }
        _wait(on: inner, record)
        return _takeWork()
    }

    /// Makes `outcome` the chain's own result after a step, then takes the next unit of work, in
    /// one critical section.
    func _settle(_ outcome: consuming _Outcome, _ record: _StepRecord, thenTake: Bool) -> _Work {
        var slot = outcome
        var reading: UInt64 = 0
        return _settle(swapping: &slot, record, thenTake: thenTake, reading: &reading)
        // `slot` (the result the step replaced) is released when this returns, outside the lock.
    }

    /// `_settle`, swapping `slot` into the chain; `slot` comes back holding the replaced result,
    /// for the caller to release outside the lock.
    func _settle(
        swapping slot: inout _Outcome,
        _ record: _StepRecord,
        thenTake: Bool,
        reading: inout UInt64
    ) -> _Work {
        var end: UInt64 = 0
        var summary: OutcomeSummary? = nil
        if observed, _eventsWanted() {
            end = _monotonicNanoseconds()
            reading = end
            summary = _summaryForEvent(slot)
        }
        return state.withLock { s -> _Work in
            s.settle(swapping: &slot)
            _completeStep(&s, record, end: end, outcome: summary)
            return thenTake ? _takeWork(&s) : .idle
        }
    }

    /// Records a step that left the result as it was; with `takesFailure`, another chain now owns
    /// its failure. Then takes the next unit of work.
    func _keep(_ record: _StepRecord, takesFailure: Bool, thenTake: Bool) -> _Work {
        let end = _timestampIfObserved()
        return state.withLock { s -> _Work in
            var record = record
            if takesFailure {
                s.failureTaken = true
                record.flags.insert(.failureTaken)
            }
            _completeStep(&s, record, end: end, outcome: nil)
            return thenTake ? _takeWork(&s) : .idle
        }
    }

    /// Records that the step `_takeWork` started has finished: it leaves the queue, counts as
    /// run, and is reported.
    @inline(__always)
    func _completeStep(_ s: inout _ChainState, _ record: _StepRecord, end: UInt64, outcome: OutcomeSummary?) {
        s.steps.completeFirst()
        s.stepsRun &+= 1
        guard observed else { return }
        _emit(&s, .stepRan) { event in
            event.stepIndex = Int(record.index)
            event.stepKind = record.kind
            event.duration = end &- record.start
            event.outcome = outcome
            event.other = record.other == 0 ? nil : DeferredID(rawValue: record.other)
            event.flags = record.flags
        }
    }

    /// Takes the next unit of work, or gives up the `running` token. Runs under the lock.
    func _takeWork(_ s: inout _ChainState) -> _Work {
        guard s.userPauses == 0 else {
            s.running = false
            return .idle
        }
        guard s.hasResult, let step = s.steps.startFirst() else {
            s.running = false
            return .idle
        }
        let inputIsFailure = s.phase.holdsFailure
        let input = s.phase
        // `stepsRun` counts finished steps: a step counts when `_completeStep` records it, so a
        // snapshot taken while it runs shows it as the step the chain is in, not as run.
        let index = s.stepsRun
        switch step.body {
        case .taken:
            preconditionFailure("DeferredKit: a step was taken twice")
        case .handOff(let waiter):
            s.steps.completeFirst()
            // The waiter takes over the result, and with it any failure.
            if inputIsFailure {
                s.failureTaken = true
            }
            return .handOff(waiter, input)
        case .user(let userStep):
            let applies = inputIsFailure ? step.kind.runsOnFailure : step.kind.runsOnSuccess
            guard applies else {
                s.steps.completeFirst()
                s.stepsRun &+= 1
                _emit(&s, .stepRan) { event in
                    event.stepIndex = Int(index)
                    event.stepKind = step.kind
                    event.flags = .skipped
                }
                return .skip(step)
            }
            return .user(userStep, input, index: index, kind: step.kind)
        case .forward(let target):
            return .forward(target, input, index: index)
        case .internal(let internalStep):
            return .internalStep(internalStep, input, index: index, kind: step.kind)
        }
    }

    /// A step returned `inner`, which has no result to take: become `.waiting` first, then leave a
    /// hand-off marker in its queue, so that whoever runs the marker always finds this chain
    /// waiting.
    func _wait(on inner: _Chain, _ record: _StepRecord) {
        let end = _timestampIfObserved()
        var slot = _Phase.waiting(inner)
        state.withLock { s in
            swap(&s.phase, &slot)
            s.flags.remove(.hasResult)
            s.flags.insert(.waiting)
            _completeStep(&s, record, end: end, outcome: nil)
            _emit(&s, .waiting) { $0.other = inner.deferredID }
        }
        // `slot` (the result the step replaced) is released when this returns, outside the lock.
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
        var slot = outcome
        let shouldDrive = state.withLock { s -> Bool in
            guard s.isWaiting, case .waiting(let awaited) = s.phase, awaited === inner else { return false }
            s.settle(swapping: &slot)
            _emit(&s, .resumed) { event in
                event.other = inner.deferredID
                event.outcome = summary
            }
            guard s.isRunnable else { return false }
            s.running = true
            return true
        }
        _ = consume slot
        return shouldDrive
    }

    /// Records a `chainDeferred` step: the target took the result, or refused it (then this
    /// chain fails with `AlreadyCalledError`, as in Twisted).
    func _finishForward(to target: _Chain, input: _Outcome, delivered: _DeliverResult, index: UInt32, start: UInt64) {
        let record = _StepRecord(index: index, kind: .chain, start: start, other: target.id)
        if delivered == .alreadyCalled {
            _ = _settle(.failure(AlreadyCalledError()), record, thenTake: false)
        } else {
            _ = _keep(record, takesFailure: input.isFailure, thenTake: false)
        }
    }
}
