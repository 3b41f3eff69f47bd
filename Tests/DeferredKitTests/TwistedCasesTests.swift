import DeferredKit
import Testing

/// Cases ported from Twisted's test_defer.py that the other suites do not already cover; each
/// test names the Twisted test it follows.
@Suite struct TwistedCasesTests {
    /// test_pausedDeferredChained: a paused outer does not stop its inner from handing over.
    @Test func aPausedOuterStillReceivesItsInnersResultAndRunsWhenUnpaused() throws {
        let first = Deferred<Int>()
        let second = Deferred<Int>()
        let seen = Log<Int>()
        first.addCallback { _ in second }.addCallback { x -> Int in
            seen.append(x)
            return x
        }
        try first.callback(0)
        first.pause()

        try second.callback(6)
        #expect(seen.all.isEmpty)
        #expect(currentValue(second) == 6)

        first.unpause()
        #expect(seen.all == [6])
    }

    /// test_errbackAddedBeforeTimeout: steps before addTimeout see the raw CancelledError.
    @Test func anErrbackBeforeTheTimeoutSeesCancelledErrorAndTheEndSeesTimeoutError() {
        let clock = ManualClock()
        let seenBefore = Log<Bool>()
        let d = Deferred<Int>()
        d.addErrback { error -> Int in
            seenBefore.append(error is CancelledError)
            throw error
        }
        d.addTimeout(10, clock: clock)
        clock.advance(15)
        #expect(seenBefore.all == [true])
        #expect(currentError(d) is TimeoutError)
        handle(d, with: 0)
    }

    /// test_errbackAddedBeforeTimeoutSuppressesCancellation.
    @Test func anEarlierErrbackThatSwallowsTheCancellationMakesTheTimeoutASuccess() {
        let clock = ManualClock()
        let d = Deferred<Int>()
        d.addErrback { _ in 7 }
        d.addTimeout(10, clock: clock)
        clock.advance(15)
        #expect(currentValue(d) == 7)
    }

    /// test_errbackAddedBeforeTimeoutSuppressesCancellationCustom.
    @Test func onTimeoutCancelRunsEvenWhenAnEarlierStepRecovered() {
        let clock = ManualClock()
        let d = Deferred<String>()
        d.addErrback { _ in "recovered" }
        d.addTimeout(10, clock: clock) { _, _ in "OVERRIDDEN" }
        clock.advance(15)
        #expect(currentValue(d) == "OVERRIDDEN")
    }

    /// test_successResultBeforeTimeout: once past the timeout steps, a later inner is never cancelled.
    @Test func aResultBeforeTheTimeoutLeavesLaterInnersAlone() throws {
        let clock = ManualClock()
        let inner = Deferred<Int>()
        let d = Deferred<Int>()
        d.addTimeout(10, clock: clock)
        d.addCallback { _ in inner }
        try d.callback(1)
        clock.advance(15)
        #expect(!inner.isCalled)
        // `d` waits on `inner` and `inner` will resume `d`: fire it, or the two keep each other.
        try inner.callback(2)
        #expect(currentValue(d) == 2)
    }

    /// test_cancelDeferredListCallback: an input whose canceller succeeds is a success in the list.
    @Test func cancellingADeferredListKeepsAnInputThatTheCancellerFired() {
        let fires = Deferred<String>(canceller: { d in try? d.callback("Callback Result") })
        let plain = Deferred<String>()
        let list = deferredList([fires, plain], consumeErrors: true)

        list.cancel()

        let results = currentValue(list)
        #expect((try? results?[0].get()) == "Callback Result")
        #expect(results?[1].failureValue is CancelledError)
    }

    /// test_cancelGatherResults.
    @Test func cancellingGatherResultsFailsWithFirstErrorOfTheCancellation() {
        let inputs = [Deferred<Int>(), Deferred<Int>()]
        let gathered = gatherResults(inputs, consumeErrors: true)
        gathered.cancel()
        let first = currentError(gathered) as? FirstError
        #expect(first?.error is CancelledError)
        #expect(first?.index == 0)
        #expect(inputs.allSatisfy { currentError($0) is CancelledError })
        // Looking with `currentError` added a rethrowing step, which makes the failures the
        // inputs' own again (API.md's rule), so they are handled here.
        for input in inputs {
            handle(input, with: 0)
        }
        handle(gathered, with: [])
    }

    /// test_cancelGatherResultsWithAllDeferredsCallback.
    @Test func cancellingGatherResultsWhoseInputsCancellersSucceedSucceeds() {
        let inputs = (0..<2).map { _ in Deferred<String>(canceller: { d in try? d.callback("Callback Result") }) }
        let gathered = gatherResults(inputs)
        gathered.cancel()
        #expect(currentValue(gathered) == ["Callback Result", "Callback Result"])
    }

    /// test_resultFromCancel: a loser whose canceller succeeds does not replace the winner.
    @Test func aLoserThatSucceedsWhenCancelledDoesNotReplaceTheWinner() throws {
        let winner = Deferred<Int>()
        let loser = Deferred<Int>(canceller: { d in try? d.callback(-1) })
        let raced = race([winner, loser])
        try winner.callback(1)
        #expect(currentValue(raced)?.index == 0)
        #expect(currentValue(raced)?.value == 1)
    }

    /// test_resultAfterCancel: a loser without canceller swallows its producer's late fire.
    @Test func aLosersLateFireIsSwallowed() throws {
        let inputs = [Deferred<Int>(), Deferred<Int>()]
        let raced = race(inputs)
        try inputs[0].callback(1)
        try inputs[1].callback(2)
        #expect(currentValue(raced)?.value == 1)
    }

    /// test_cancelQueueAfterGet: a cancelled get leaves the line, so a put made from its errback
    /// is kept for the next get.
    @Test func aPutFromACancelledGetsErrbackIsKept() throws {
        let queue = DeferredQueue<Int>()
        let got = try queue.get()
        let later = Log<Int>()
        got.addErrback { _ -> Int in
            try queue.put(5)
            _ = try queue.get().addCallback { x -> Int in
                later.append(x)
                return x
            }
            return 0
        }
        got.cancel()
        #expect(later.all == [5])
    }

    /// testLock step 9-10: a cancelled waiter is removed, so the next release unlocks.
    @Test func releasingAfterTheOnlyWaiterWasCancelledUnlocks() {
        let lock = DeferredLock()
        _ = lock.acquire()
        let waiter = lock.acquire()
        waiter.cancel()
        lock.release()
        #expect(!lock.isLocked)
        handle(waiter, with: lock)
    }

    /// test_cancelLockAfterAcquired: cancelling a granted acquire does nothing.
    @Test func cancellingAGrantedAcquireDoesNothing() {
        let lock = DeferredLock()
        let granted = lock.acquire()
        granted.cancel()
        #expect(currentValue(granted) === lock)
        #expect(lock.isLocked)
    }

    /// test_nestedAsynchronousChainedDeferreds: steps added to an inner before it is returned shape
    /// the value the outer sees.
    @Test func stepsOnAReturnedInnerShapeWhatTheOuterSees() throws {
        let inner = Deferred<String>()
        let log = Log<String>()
        let outer = Deferred.succeed("outer")
        outer.addCallback { _ -> Deferred<[String]> in
            Deferred.succeed("inner").addCallback { _ in inner.addCallback { [$0] } }
        }
        .addCallback { value -> [String] in
            log.append(value.joined(separator: ","))
            return value
        }
        #expect(log.all.isEmpty)
        try inner.callback("withers")
        #expect(log.all == ["withers"])
    }

    /// test_canceller_circular_reference_non_final: the canceller goes when the Deferred fires,
    /// even if it then waits on another.
    @Test func theCancellerIsDroppedEvenWhenTheChainThenWaits() throws {
        weak var captured: Token?
        let d: Deferred<Int>
        do {
            let token = Token()
            captured = token
            d = Deferred<Int>(canceller: { _ in _ = token })
        }
        let inner = Deferred<Int>()
        d.addCallback { _ in inner }
        try d.callback(0)
        #expect(d.isPaused)
        #expect(captured == nil)
        try inner.callback(1)
    }
}
