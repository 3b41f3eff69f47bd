import DeferredKit
import Testing

/// Callbacks and errbacks on one chain: order, results, skipping, recovery, firing twice, pausing.
@Suite struct CoreFlowTests {
    @Test func callbacksRunInOrderEachGettingWhatThePreviousReturned() throws {
        let d = Deferred<Int>()
        let log = Log<String>()
        let last = d.addCallback { x -> Int in
            log.append("first \(x)")
            return x * 10
        }
        .addCallback { x -> String in
            log.append("second \(x)")
            return "v\(x)"
        }

        try d.callback(4)

        #expect(log.all == ["first 4", "second 40"])
        #expect(currentValue(last) == "v40")
    }

    @Test func stepsDoNotRunBeforeTheResultArrives() {
        let d = Deferred<Int>()
        let ran = Tally()
        d.addCallback { x -> Int in
            ran.increment()
            return x
        }

        #expect(ran.count == 0)
        #expect(!d.isCalled)
        #expect(!d.isPaused)
    }

    @Test func aThrowingCallbackSkipsCallbacksUntilAnErrback() throws {
        let d = Deferred<Int>()
        let log = Log<String>()
        d.addCallback { _ -> Int in throw Boom("first") }
            .addCallback { x -> Int in
                log.append("skipped \(x)")
                return x
            }
            .addBoth { result -> Int in
                log.append("both " + (boomName(result.failureValue) ?? "?"))
                return try result.get()
            }
            .addErrback { error -> Int in
                log.append("errback " + (boomName(error) ?? "?"))
                return -1
            }
            .addCallback { x -> Int in
                log.append("after \(x)")
                return x
            }

        try d.callback(1)

        #expect(log.all == ["both first", "errback first", "after -1"])
    }

    @Test func errbacksArePassedByOnSuccess() throws {
        let d = Deferred<Int>()
        let log = Log<String>()
        d.addErrback { _ -> Int in
            log.append("errback")
            return 0
        }
        .addCallback { x -> Int in
            log.append("callback \(x)")
            return x
        }

        try d.callback(7)

        #expect(log.all == ["callback 7"])
    }

    @Test func addCallbacksRunsExactlyOneSideOfThePair() throws {
        let good = Deferred<Int>()
        let bad = Deferred<Int>()
        let log = Log<String>()
        let pair = { (d: Deferred<Int>) in
            d.addCallbacks(
                { x -> String in
                    log.append("cb \(x)")
                    return "ok"
                },
                { e -> String in
                    log.append("eb " + (boomName(e) ?? "?"))
                    return "recovered"
                }
            )
        }
        let goodOut = pair(good)
        let badOut = pair(bad)

        try good.callback(1)
        try bad.errback(Boom("x"))

        #expect(log.all == ["cb 1", "eb x"])
        #expect(currentValue(goodOut) == "ok")
        #expect(currentValue(badOut) == "recovered")
    }

    @Test func aThrowingErrbackOfAPairKeepsTheChainFailed() throws {
        let d = Deferred<Int>()
        let out = d.addCallbacks({ x in x }, { _ in throw Boom("again") })

        try d.errback(Boom("first"))

        #expect(boomName(currentError(out)) == "again")
        handle(out, with: 0)
    }

    @Test func stepsAddedToAFiredDeferredRunBeforeTheAddReturns() {
        let d = Deferred.succeed(3)
        let log = Log<Int>()
        d.addCallback { x -> Int in
            log.append(x)
            return x
        }
        #expect(log.all == [3])
    }

    @Test func aStepAddedByARunningStepRunsAfterTheQueuedOnes() throws {
        let d = Deferred<Int>()
        let log = Log<String>()
        d.addCallback { x -> Int in
            log.append("a")
            d.addCallback { y -> Int in
                log.append("c")
                return y
            }
            log.append("a done")
            return x
        }
        d.addCallback { x -> Int in
            log.append("b")
            return x
        }

        try d.callback(0)

        #expect(log.all == ["a", "a done", "b", "c"])
    }

    @Test func firingTwiceThrowsAndKeepsTheFirstResult() throws {
        let d = Deferred<Int>()
        try d.callback(1)
        #expect(throws: AlreadyCalledError.self) { try d.callback(2) }
        #expect(throws: AlreadyCalledError.self) { try d.errback(Boom()) }
        #expect(currentValue(d) == 1)
    }

    @Test func succeedAndFailAreAlreadyCalled() {
        let ok = Deferred.succeed("x")
        let bad = Deferred<String>.fail(Boom("f"))
        #expect(ok.isCalled)
        #expect(bad.isCalled)
        #expect(currentValue(ok) == "x")
        #expect(boomName(currentError(bad)) == "f")
        handle(bad, with: "")
    }

    @Test func pauseHoldsStepsUntilTheMatchingUnpause() throws {
        let d = Deferred<Int>()
        let log = Log<Int>()
        d.pause()
        d.pause()
        try d.callback(5)
        d.addCallback { x -> Int in
            log.append(x)
            return x
        }
        #expect(d.isCalled)
        #expect(d.isPaused)

        d.unpause()
        #expect(log.all.isEmpty)
        #expect(d.isPaused)

        d.unpause()
        #expect(log.all == [5])
        #expect(!d.isPaused)
    }

    @Test func pauseFromInsideAStepStopsBeforeTheNextStep() throws {
        let d = Deferred<Int>()
        let log = Log<String>()
        d.addCallback { x -> Int in
            d.pause()
            log.append("first")
            return x
        }
        .addCallback { x -> Int in
            log.append("second")
            return x
        }

        try d.callback(1)
        #expect(log.all == ["first"])
        #expect(d.isPaused)

        d.unpause()
        #expect(log.all == ["first", "second"])
    }

    @Test func unpauseWithoutPauseDoesNothing() throws {
        let d = Deferred<Int>()
        d.unpause()
        d.pause()
        let log = Log<Int>()
        d.addCallback { x -> Int in
            log.append(x)
            return x
        }
        try d.callback(1)
        #expect(log.all.isEmpty)
        d.unpause()
        #expect(log.all == [1])
        d.unpause()
        #expect(!d.isPaused)
    }

    @Test func everyHandleSharesTheIdAndLabel() {
        let d = Deferred<Int>(label: "job")
        let text = d.addCallback { "\($0)" }
        let back = text.addCallback { Int($0) ?? 0 }
        #expect(text.id == d.id)
        #expect(back.id == d.id)
        #expect(back.label == "job")
        #expect(back === d)
        #expect(Deferred<Int>() !== d)
        #expect(d.id.description == "#\(d.id.rawValue)")
    }

    @Test func idsIncreaseInCreationOrder() {
        let first = Deferred<Int>()
        let second = Deferred<Int>()
        #expect(first.id < second.id)
    }

    @Test func aStepOnAStaleHandleFailsWithChainTypeError() throws {
        let d = Deferred<Int>()
        _ = d.addCallback { "\($0)" }
        let stale = d.addCallback { x -> Int in x + 1 }

        try d.callback(1)

        let error = try #require(currentError(stale) as? ChainTypeError)
        #expect(error.expected == "Int")
        #expect(error.actual == "String")
        handle(stale, with: 0)
    }

    @Test func aCallbackReturningItsOwnDeferredFailsWithChainCycleError() throws {
        let d = Deferred<Int>()
        d.addCallback { _ in d }

        try d.callback(1)

        #expect(currentError(d) is ChainCycleError)
        #expect(!d.isPaused)
        handle(d, with: 0)
    }

    @Test func optionalValuesTravelThroughTheChain() throws {
        let d = Deferred<Int?>()
        let out = d.addCallback { x -> String in x.map(String.init) ?? "nil" }
        try d.callback(nil)
        #expect(currentValue(out) == "nil")
    }

    @Test func voidDeferredsWork() throws {
        let d = Deferred<Void>()
        let out = d.addCallback { 1 }
        try d.callback(())
        #expect(currentValue(out) == 1)
    }
}

extension Result {
    var failureValue: Failure? {
        if case .failure(let error) = self { return error }
        return nil
    }
}
