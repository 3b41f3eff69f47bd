import DeferredKit
import Testing

/// `cancel()`: Twisted's rules.
@Suite struct CancellationTests {
    @Test func withoutCancellerItFailsWithCancelledError() {
        let d = Deferred<Int>()
        d.cancel()
        #expect(d.isCalled)
        #expect(currentError(d) is CancelledError)
        handle(d, with: 0)
    }

    @Test func withoutCancellerTheProducersNextFireIsSwallowedOnceOnly() throws {
        let d = Deferred<Int>()
        d.cancel()
        handle(d, with: 0)

        try d.callback(1)
        #expect(throws: AlreadyCalledError.self) { try d.callback(2) }
        #expect(currentValue(d) == 0)
    }

    @Test func aCancellerRunsOnceAndCancelledErrorIsAddedIfItGaveNoResult() {
        let calls = Tally()
        let d = Deferred<Int>(canceller: { _ in calls.increment() })
        let errors = Log<Bool>()
        d.addErrback { e -> Int in
            errors.append(e is CancelledError)
            return 0
        }

        d.cancel()
        d.cancel()

        #expect(calls.count == 1)
        #expect(errors.all == [true])
        #expect(throws: AlreadyCalledError.self) { try d.callback(1) }
    }

    @Test func aCancellerThatGivesAResultDecidesTheOutcome() {
        let d = Deferred<String>(canceller: { d in try? d.errback(Boom("from canceller")) })
        d.cancel()
        #expect(boomName(currentError(d)) == "from canceller")
        handle(d, with: "")
    }

    @Test func aCancellerReceivesTheHandleItWasGiven() {
        let seen = Log<DeferredID>()
        let d = Deferred<Int>(canceller: { d in seen.append(d.id) })
        d.cancel()
        #expect(seen.all == [d.id])
        handle(d, with: 0)
    }

    @Test func cancellingAfterTheResultDoesNothing() throws {
        let calls = Tally()
        let d = Deferred<Int>(canceller: { _ in calls.increment() })
        try d.callback(3)
        d.cancel()
        #expect(calls.count == 0)
        #expect(currentValue(d) == 3)
    }

    @Test func cancellingAChainThatWaitsCancelsWhatItWaitsOn() throws {
        let innerCancels = Tally()
        let inner = Deferred<Int>(canceller: { _ in innerCancels.increment() })
        let outerCancels = Tally()
        let outer = Deferred<Int>(canceller: { _ in outerCancels.increment() })
        outer.addCallback { _ in inner }
        try outer.callback(0)

        outer.cancel()

        #expect(innerCancels.count == 1)
        #expect(outerCancels.count == 0)
        #expect(currentError(outer) is CancelledError)
        #expect(currentError(inner) is CancelledError)
        handle(outer, with: 0)
        handle(inner, with: 0)
    }

    @Test func cancellationIsForwardedTenThousandDeepWithoutRecursion() throws {
        let leafCancels = Tally()
        let leaf = Deferred<Int>(canceller: { _ in leafCancels.increment() })
        var top = leaf
        for _ in 0..<10_000 {
            let next = Deferred<Int>()
            let waitOn = top
            next.addCallback { _ in waitOn }
            try next.callback(0)
            top = next
        }

        top.cancel()

        #expect(leafCancels.count == 1)
        #expect(currentError(top) is CancelledError)
        handle(top, with: 0)
    }

    @Test func aCancelledPausedDeferredFailsWhenUnpaused() {
        let d = Deferred<Int>()
        d.pause()
        let log = Log<Bool>()
        d.addErrback { e -> Int in
            log.append(e is CancelledError)
            return 0
        }
        d.cancel()
        #expect(log.all.isEmpty)
        d.unpause()
        #expect(log.all == [true])
    }
}

/// `addTimeout` on a manual clock.
@Suite struct TimeoutTests {
    @Test func noResultByTheDeadlineFailsWithTimeoutError() {
        let clock = ManualClock()
        let d = Deferred<Int>().addTimeout(5, clock: clock)

        clock.advance(4.9)
        #expect(!d.isCalled)
        clock.advance(0.1)

        #expect((currentError(d) as? TimeoutError)?.seconds == 5)
        #expect(clock.pendingCalls == 0)
        handle(d, with: 0)
    }

    @Test func aResultBeforeTheDeadlinePassesAndDisarmsTheTimer() throws {
        let clock = ManualClock()
        let d = Deferred<Int>()
        d.addTimeout(5, clock: clock)
        try d.callback(1)
        #expect(clock.pendingCalls == 0)
        clock.advance(10)
        #expect(currentValue(d) == 1)
    }

    @Test func onlyCancelledErrorIsConverted() {
        let clock = ManualClock()
        let d = Deferred<Int>(canceller: { d in try? d.errback(Boom("canceller's")) })
        d.addTimeout(1, clock: clock)
        clock.advance(1)
        #expect(boomName(currentError(d)) == "canceller's")
        handle(d, with: 0)
    }

    @Test func aCancellerThatSucceedsWinsOverTheTimeout() {
        let clock = ManualClock()
        let d = Deferred<Int>(canceller: { d in try? d.callback(99) })
        d.addTimeout(1, clock: clock)
        clock.advance(2)
        #expect(currentValue(d) == 99)
    }

    @Test func onTimeoutCancelConvertsWhateverTheResultIs() {
        let clock = ManualClock()
        let seen = Log<String>()
        let d = Deferred<Int>().addTimeout(3, clock: clock) { result, seconds in
            seen.append("\(result.failureValue is CancelledError) \(seconds)")
            return -1
        }
        clock.advance(3)
        #expect(seen.all == ["true 3.0"])
        #expect(currentValue(d) == -1)
    }

    @Test func onTimeoutCancelIsNotCalledForAnOrdinaryCancel() {
        let clock = ManualClock()
        let calls = Tally()
        let d = Deferred<Int>().addTimeout(3, clock: clock) { _, _ in
            calls.increment()
            return -1
        }
        d.cancel()
        #expect(calls.count == 0)
        #expect(currentError(d) is CancelledError)
        handle(d, with: 0)
    }

    @Test func theTimeoutCoversOnlyTheStepsAddedBeforeIt() throws {
        let clock = ManualClock()
        let d = Deferred<Int>()
        d.addTimeout(5, clock: clock)
        let slow = Deferred<Int>()
        let out = d.addCallback { _ in slow }

        try d.callback(0)
        clock.advance(100)
        #expect(current(out) == nil)

        try slow.callback(2)
        #expect(currentValue(out) == 2)
    }

    @Test func aTimeoutWhileWaitingOnAnInnerCancelsTheInner() throws {
        let clock = ManualClock()
        let innerCancels = Tally()
        let inner = Deferred<Int>(canceller: { _ in innerCancels.increment() })
        let d = Deferred<Int>()
        d.addCallback { _ in inner }.addTimeout(2, clock: clock)
        try d.callback(0)

        clock.advance(2)

        #expect(innerCancels.count == 1)
        #expect(currentError(d) is TimeoutError)
        handle(d, with: 0)
    }

    @Test func deferLaterCallsTheFunctionAfterTheDelay() {
        let clock = ManualClock()
        let d = deferLater(2, clock: clock) { "done" }
        clock.advance(1.5)
        #expect(!d.isCalled)
        clock.advance(0.5)
        #expect(currentValue(d) == "done")
    }

    @Test func deferLaterPassesOnWhatTheFunctionThrows() {
        let clock = ManualClock()
        let d = deferLater(1, clock: clock) { () throws -> Int in throw Boom("late") }
        clock.advance(1)
        #expect(boomName(currentError(d)) == "late")
        handle(d, with: 0)
    }

    @Test func cancellingDeferLaterDropsTheCall() {
        let clock = ManualClock()
        let ran = Tally()
        let d = deferLater(2, clock: clock) { ran.increment() }
        #expect(clock.pendingCalls == 1)

        d.cancel()

        #expect(clock.pendingCalls == 0)
        clock.advance(5)
        #expect(ran.count == 0)
        #expect(currentError(d) is CancelledError)
        handle(d, with: ())
    }
}
