import DeferredKit

/// The far side of the demo's connections: answers after a seeded latency, sometimes slowly
/// enough to time out, sometimes with an error.
struct SimulatedNetwork: Sendable {
    /// How a remote call ends.
    enum Outcome {
        case answer(after: Double)
        case error(any Error, after: Double)
    }

    let random: DemoRandom
    let clock: any DeferredClock

    /// Decides how a call to a remote service with this profile ends.
    func outcome(typical: ClosedRange<Double>, slowChance: Double, errorChance: Double) -> Outcome {
        if random.chance(errorChance) {
            return .error(ServiceUnavailable(), after: random.seconds(typical.lowerBound, typical.upperBound))
        }
        if random.chance(slowChance) {
            return .answer(after: random.seconds(2.5, 6))
        }
        return .answer(after: random.seconds(typical.lowerBound, typical.upperBound))
    }

    /// Fires `deferred` with `value()` (or fails it) when `outcome` says. A call cancelled before
    /// then is left alone: its firing is swallowed by the runtime, as in Twisted.
    func deliver<T: Sendable>(_ deferred: Deferred<T>, _ outcome: Outcome, _ value: @escaping @Sendable () -> T) {
        switch outcome {
        case .answer(let delay):
            clock.callLater(delay) { try? deferred.callback(value()) }
        case .error(let error, let delay):
            clock.callLater(delay) { try? deferred.errback(error) }
        }
    }
}

/// A remote service answered 503.
struct ServiceUnavailable: Error, CustomStringConvertible {
    var description: String { "503 Service Unavailable" }
}
