import Synchronization

extension Deferred {
    /// Cancels the Deferred if it has no result `seconds` from now, and turns the resulting
    /// ``CancelledError`` into ``TimeoutError``.
    ///
    /// As in Twisted, the timeout covers the steps added before this call and none after: the
    /// timer is disarmed when the result reaches this point of the chain. Only a `CancelledError`
    /// is converted; if the canceller gave another result, that result stands. With
    /// `onTimeoutCancel`, a timed-out Deferred's result (whatever it is) goes through it instead.
    ///
    /// - Parameters:
    ///   - seconds: How long to wait.
    ///   - clock: Where to schedule the timer (``ManualClock`` in tests).
    ///   - onTimeoutCancel: Converts the result of a Deferred that timed out; gets the result and
    ///     `seconds`.
    /// - Returns: This Deferred.
    @inlinable
    @discardableResult
    public func addTimeout(
        _ seconds: Double,
        clock: any DeferredClock = SystemClock.shared,
        onTimeoutCancel: (@Sendable (Result<Value, any Error>, Double) throws -> Value)? = nil,
        fileID: StaticString = #fileID,
        line: UInt = #line
    ) -> Deferred<Value> {
        var convert: (@Sendable (_Outcome) -> _Outcome)? = nil
        if let onTimeoutCancel {
            convert = { outcome in
                do {
                    return .success(try onTimeoutCancel(try _result(outcome, as: Value.self), seconds))
                } catch {
                    return .failure(error)
                }
            }
        }
        _chain._addTimeout(seconds, clock: clock, convert: convert, site: CallSite(fileID: fileID, line: line))
        return self
    }
}

/// Set once the timer fired: from then on the conversion step converts.
final class _TimeoutFlag: Sendable {
    private let fired = Atomic<Bool>(false)

    func set() {
        fired.store(true, ordering: .releasing)
    }

    var isSet: Bool {
        fired.load(ordering: .acquiring)
    }
}

extension _Chain {
    @usableFromInline
    func _addTimeout(
        _ seconds: Double,
        clock: any DeferredClock,
        convert: (@Sendable (_Outcome) -> _Outcome)?,
        site: CallSite
    ) {
        let timedOut = _TimeoutFlag()
        // The clock holds the chain until the call runs or is cancelled (when the result reaches
        // the disarming step), so a timed Deferred always ends one way or the other.
        let call = clock.callLater(seconds) { [self] in
            timedOut.set()
            state.withLock { s in
                _emit(&s, .timedOut) { event in
                    event.timeoutSeconds = seconds
                    event.site = site
                }
            }
            _cancel(site: site)
        }
        let convertIndex = state.withLock { s -> UInt32 in
            let armedAt = _coarseNanoseconds()
            let extras = s.extrasForUpdate()
            extras.timeoutArmedAt = armedAt
            extras.timeoutSeconds = seconds
            extras.timeoutStepIndex = s.stepsAdded
            _emit(&s, .timeoutArmed, timestamp: armedAt) { event in
                event.timeoutSeconds = seconds
                event.site = site
            }
            return s.stepsAdded
        }
        _appendInternalStep(
            _TimeoutConversion(timedOut: timedOut, seconds: seconds, convert: convert),
            kind: .timeout,
            site: site
        )
        _appendInternalStep(_TimeoutDisarm(call: call, convertIndex: convertIndex), kind: .timeoutDisarm, site: site)
    }
}

/// `addTimeout`'s first step: once the timer fired, turns the result into the timeout's result.
final class _TimeoutConversion: _InternalStep, @unchecked Sendable {
    private let timedOut: _TimeoutFlag
    private let seconds: Double
    private let convert: (@Sendable (_Outcome) -> _Outcome)?

    init(timedOut: _TimeoutFlag, seconds: Double, convert: (@Sendable (_Outcome) -> _Outcome)?) {
        self.timedOut = timedOut
        self.seconds = seconds
        self.convert = convert
    }

    override func run(on chain: _Chain, _ input: _Outcome) -> _InternalAction {
        guard timedOut.isSet else { return .passThrough }
        if let convert {
            return .replace(convert(input))
        }
        if case .failure(let error) = input, error is CancelledError {
            return .replace(.failure(TimeoutError(seconds: seconds)))
        }
        return .passThrough
    }
}

/// `addTimeout`'s second step: the result got here, so the timer is no longer needed.
final class _TimeoutDisarm: _InternalStep, @unchecked Sendable {
    private let call: any DelayedCall
    private let convertIndex: UInt32

    init(call: any DelayedCall, convertIndex: UInt32) {
        self.call = call
        self.convertIndex = convertIndex
    }

    override func run(on chain: _Chain, _ input: _Outcome) -> _InternalAction {
        if call.isActive {
            call.cancel()
        }
        chain.state.withLock { s in
            if let extras = s.extras, extras.timeoutStepIndex == convertIndex {
                extras.timeoutSeconds = 0
                extras.timeoutArmedAt = 0
            }
        }
        return .passThrough
    }
}
