import Testing

@testable import DeferredKit

/// Ordinary use leaves nothing alive: a fired chain drops its canceller and its run steps, and a
/// chain nobody holds is freed.
@Suite struct ReleaseTests {
    @Test func aFiredChainDropsItsCanceller() throws {
        weak var captured: Token?
        let d: Deferred<Int>
        do {
            let token = Token()
            captured = token
            d = Deferred<Int>(canceller: { _ in _ = token })
        }
        #expect(captured != nil)
        try d.callback(1)
        #expect(captured == nil)
    }

    @Test func aFiredChainDropsTheStepsItRan() throws {
        weak var captured: Token?
        let d = Deferred<Int>()
        do {
            let token = Token()
            captured = token
            d.addCallback { x -> Int in
                _ = token
                return x
            }
        }
        #expect(captured != nil)
        try d.callback(1)
        #expect(captured == nil)
        #expect(currentValue(d) == 1)
    }

    @Test func aChainNobodyHoldsIsFreedWithItsSteps() {
        weak var chain: _Chain?
        weak var captured: Token?
        do {
            let d = Deferred<Int>()
            chain = d._chain
            let token = Token()
            captured = token
            d.addCallback { x -> Int in
                _ = token
                return x
            }
        }
        #expect(chain == nil)
        #expect(captured == nil)
    }

    @Test func chainsThatHandedOffAreFreed() throws {
        weak var outerChain: _Chain?
        weak var innerChain: _Chain?
        do {
            let outer = Deferred<Int>()
            let inner = Deferred<Int>()
            outerChain = outer._chain
            innerChain = inner._chain
            outer.addCallback { _ in inner }
            try outer.callback(0)
            try inner.callback(1)
        }
        #expect(outerChain == nil)
        #expect(innerChain == nil)
    }

    @Test func aTimedDeferredThatFinishedEarlyIsFreedAtOnce() throws {
        weak var chain: _Chain?
        do {
            let d = Deferred<Int>().addTimeout(3600)
            chain = d._chain
            try d.callback(1)
        }
        #expect(chain == nil)
    }

    @Test func aDecidedRaceAndItsInputsAreFreed() throws {
        weak var raceChain: _Chain?
        weak var loser: _Chain?
        do {
            let inputs = (0..<2).map { _ in Deferred<Int>() }
            let raced = race(inputs)
            raceChain = raced._chain
            loser = inputs[1]._chain
            try inputs[0].callback(1)
            handle(inputs[1], with: 0)
        }
        #expect(raceChain == nil)
        #expect(loser == nil)
    }

    @Test func lockWaitersAreFreedOnceServed() {
        let lock = DeferredLock()
        weak var waiter: _Chain?
        do {
            _ = lock.acquire()
            let second = lock.acquire()
            waiter = second._chain
            lock.release()
            lock.release()
        }
        #expect(waiter == nil)
        #expect(!lock.isLocked)
    }

    @Test func anAwaitedChainIsFreed() async throws {
        weak var chain: _Chain?
        do {
            let d = Deferred<Int>()
            chain = d._chain
            let task = Task { try await d.value }
            try d.callback(2)
            _ = try await task.value
        }
        #expect(chain == nil)
    }
}
