import DeferredKit
import Testing

/// A step returning a Deferred: the outer chain waits for it.
@Suite struct ChainingTests {
    @Test func returningAPendingDeferredPausesTheOuterUntilItFires() throws {
        let outer = Deferred<Int>()
        let inner = Deferred<String>()
        let log = Log<String>()
        outer.addCallback { _ in inner }
            .addCallback { s -> String in
                log.append(s)
                return s
            }

        try outer.callback(1)
        #expect(outer.isPaused)
        #expect(outer.isCalled)
        #expect(log.all.isEmpty)

        try inner.callback("inner")
        #expect(log.all == ["inner"])
        #expect(!outer.isPaused)
    }

    @Test func anInnerWithAResultIsTakenAtOnceAndKeepsIt() throws {
        let inner = Deferred.succeed(9)
        let outer = Deferred<Int>()
        let out = outer.addCallback { _ in inner }

        try outer.callback(0)

        #expect(!outer.isPaused)
        #expect(currentValue(out) == 9)
        #expect(currentValue(inner) == 9)
    }

    @Test func anInnerPausedByTheProgramIsWaitedOnUntilUnpaused() throws {
        let inner = Deferred.succeed(1)
        inner.pause()
        let outer = Deferred<Int>()
        let out = outer.addCallback { _ in inner }

        try outer.callback(0)
        #expect(outer.isPaused)
        #expect(current(out) == nil)

        inner.unpause()
        #expect(currentValue(out) == 1)
    }

    @Test func theOuterRunsBeforeTheInnersLaterSteps() throws {
        let inner = Deferred<Int>()
        let outer = Deferred<Int>()
        let log = Log<String>()
        inner.addCallback { x -> Int in
            log.append("inner before \(x)")
            return x + 1
        }
        outer.addCallback { _ in inner }
            .addCallback { x -> Int in
                log.append("outer \(x)")
                return x
            }
        try outer.callback(0)
        inner.addCallback { x -> Int in
            log.append("inner after \(x)")
            return x
        }

        try inner.callback(1)

        #expect(log.all == ["inner before 1", "outer 2", "inner after 2"])
    }

    @Test func anErrbackMayReturnADeferred() throws {
        let d = Deferred<Int>()
        let replacement = Deferred<Int>()
        let out = d.addErrback { _ in replacement }
        try d.errback(Boom())
        #expect(d.isPaused)
        try replacement.callback(5)
        #expect(currentValue(out) == 5)
    }

    @Test func addBothMayReturnADeferred() throws {
        let d = Deferred<Int>()
        let next = Deferred<String>()
        let out = d.addBoth { _ in next }
        try d.errback(Boom())
        try next.callback("fine")
        #expect(currentValue(out) == "fine")
    }

    @Test func aFailedInnerDeliversItsFailureToTheOuter() throws {
        let outer = Deferred<Int>()
        let inner = Deferred<Int>()
        let log = Log<String>()
        outer.addCallback { _ in inner }
            .addErrback { e -> Int in
                log.append("outer errback " + (boomName(e) ?? "?"))
                return 0
            }
        try outer.callback(0)

        try inner.errback(Boom("inner"))

        #expect(log.all == ["outer errback inner"])
        #expect(currentValue(outer) == 0)
        #expect(boomName(currentError(inner)) == "inner")
        handle(inner, with: 0)
    }

    @Test func chainsOfWaitingChainsResolveFromTheLeaf() throws {
        let leaf = Deferred<Int>()
        let middle = Deferred<Int>()
        let top = Deferred<Int>()
        middle.addCallback { _ in leaf }
        top.addCallback { _ in middle }
        try middle.callback(0)
        try top.callback(0)
        #expect(top.isPaused)
        #expect(middle.isPaused)

        try leaf.callback(42)

        #expect(currentValue(top) == 42)
        #expect(!top.isPaused)
    }

    @Test func anOuterPausedByTheProgramHoldsTheInnersResult() throws {
        let outer = Deferred<Int>()
        let inner = Deferred<Int>()
        let log = Log<Int>()
        outer.addCallback { _ in inner }
            .addCallback { x -> Int in
                log.append(x)
                return x
            }
        try outer.callback(0)
        outer.pause()

        try inner.callback(8)
        #expect(log.all.isEmpty)
        #expect(outer.isPaused)

        outer.unpause()
        #expect(log.all == [8])
    }

    @Test func aFiredInnerInTheMiddleOfItsStepsHandsOverItsFinalResult() throws {
        // The outer is fired from inside a step of the inner, and waits on that inner: it gets
        // the inner's result once the inner's steps have run, not the one in flight.
        let inner = Deferred<Int>()
        let outer = Deferred<Int>()
        let out = outer.addCallback { _ in inner }
        inner.addCallback { x -> Int in
            try? outer.callback(0)
            return x * 100
        }

        try inner.callback(2)

        #expect(currentValue(out) == 200)
    }
}

/// `chainDeferred`: firing another Deferred from this chain.
@Suite struct ChainDeferredTests {
    @Test func theTargetGetsTheResultAndTheSourceKeepsIt() throws {
        let source = Deferred<Int>()
        let target = Deferred<Int>()
        let after = source.chainDeferred(target).addCallback { $0 + 1 }

        try source.callback(1)

        #expect(currentValue(target) == 1)
        #expect(currentValue(after) == 2)
    }

    @Test func aFailureIsForwardedToTheTargetsErrbacks() throws {
        let source = Deferred<Int>()
        let target = Deferred<Int>()
        source.chainDeferred(target)
        let log = Log<String>()
        target.addErrback { e -> Int in
            log.append(boomName(e) ?? "?")
            return 0
        }

        try source.errback(Boom("forwarded"))

        #expect(log.all == ["forwarded"])
    }

    @Test func theTargetsStepsRunBeforeTheSourcesNextStep() throws {
        let source = Deferred<Int>()
        let target = Deferred<Int>()
        let log = Log<String>()
        target.addCallback { x -> Int in
            log.append("target")
            return x
        }
        source.chainDeferred(target).addCallback { x -> Int in
            log.append("source")
            return x
        }

        try source.callback(0)

        #expect(log.all == ["target", "source"])
    }

    @Test func aTargetThatAlreadyHasAResultFailsTheSourceWithAlreadyCalledError() throws {
        let source = Deferred<Int>()
        let target = Deferred.succeed(5)
        source.chainDeferred(target)

        try source.callback(1)

        #expect(currentError(source) is AlreadyCalledError)
        #expect(currentValue(target) == 5)
        handle(source, with: 0)
    }

    @Test func aTargetCancelledWithoutCancellerSwallowsTheForwardedResult() throws {
        let source = Deferred<Int>()
        let target = Deferred<Int>()
        source.chainDeferred(target)
        target.cancel()
        handle(target, with: 0)

        try source.callback(1)

        #expect(currentValue(source) == 1)
    }

    @Test func tenThousandChainedDeferredsFireWithoutRecursion() throws {
        let first = Deferred<Int>()
        var last = first
        for _ in 0..<10_000 {
            let next = Deferred<Int>()
            last.chainDeferred(next)
            last = next
        }
        let seen = Log<Int>()
        last.addCallback { x -> Int in
            seen.append(x)
            return x
        }

        try first.callback(7)

        #expect(seen.all == [7])
    }

    @Test func aHundredThousandChainedDeferredsReleasedUnfiredAreFreedWithoutRecursion() {
        // Each source holds its target, so the line is freed from the first; nested deinits would
        // overflow the stack.
        weak var lastStepCapture: Token?
        do {
            let first = Deferred<Int>()
            var last = first
            for _ in 0..<100_000 {
                let next = Deferred<Int>()
                last.chainDeferred(next)
                last = next
            }
            let token = Token()
            lastStepCapture = token
            last.addCallback { x -> Int in
                _ = token
                return x
            }
        }
        #expect(lastStepCapture == nil)
    }
}
