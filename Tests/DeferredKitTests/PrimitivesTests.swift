import DeferredKit
import Testing

/// `DeferredLock`, `DeferredSemaphore`, `DeferredQueue`.
@Suite struct PrimitivesTests {
    @Test func aLockIsHandedToWaitersInOrder() {
        let lock = DeferredLock()
        let first = lock.acquire()
        let second = lock.acquire()
        let third = lock.acquire()
        #expect(first.isCalled)
        #expect(!second.isCalled)
        #expect(lock.waitingCount == 2)

        lock.release()
        #expect(second.isCalled)
        #expect(!third.isCalled)
        lock.release()
        #expect(third.isCalled)
        lock.release()
        #expect(!lock.isLocked)
    }

    @Test func aCancelledAcquireLeavesTheLine() {
        let lock = DeferredLock()
        _ = lock.acquire()
        let waiter = lock.acquire()
        let next = lock.acquire()

        waiter.cancel()

        #expect(currentError(waiter) is CancelledError)
        #expect(lock.waitingCount == 1)
        lock.release()
        #expect(next.isCalled)
        handle(waiter, with: lock)
    }

    @Test func lockRunReleasesAfterAThrowingFunction() {
        let lock = DeferredLock()
        let out = lock.run { () throws -> Int in throw Boom("inside") }
        #expect(boomName(currentError(out)) == "inside")
        #expect(!lock.isLocked)
        handle(out, with: 0)
    }

    @Test func lockRunWaitsForTheLock() throws {
        let lock = DeferredLock()
        let held = lock.acquire()
        let ran = Tally()
        let out = lock.run { () -> Int in
            ran.increment()
            return 1
        }
        #expect(ran.count == 0)
        _ = held
        lock.release()
        #expect(ran.count == 1)
        #expect(currentValue(out) == 1)
        #expect(!lock.isLocked)
    }

    /// Each `run` releases as its function returns, on the thread that handed it the lock. Done
    /// from inside that hand-off, a line of 20,000 waiters would nest 20,000 releases (and overflow).
    @Test func aLongLineOfWaitersIsServedInOrderWithoutDeepeningTheStack() throws {
        let lock = DeferredLock()
        let holder = lock.acquire()
        let order = Log<Int>()
        let count = 20_000
        for index in 0..<count {
            lock.run { order.append(index) }
        }
        #expect(lock.waitingCount == count)
        _ = holder
        lock.release()
        #expect(order.all == Array(0..<count))
        #expect(!lock.isLocked)
        #expect(lock.waitingCount == 0)

        let semaphore = DeferredSemaphore(tokens: 2)
        let held = [semaphore.acquire(), semaphore.acquire()]
        let served = Tally()
        for _ in 0..<count {
            semaphore.run { served.increment() }
        }
        _ = held
        semaphore.release()
        #expect(served.count == count)
        #expect(semaphore.tokens == 1)
        semaphore.release()
        #expect(semaphore.tokens == 2)
    }

    @Test func releasingTwiceWhileHandingOnStillTraps() async {
        await #expect(processExitsWith: .failure) {
            let lock = DeferredLock()
            _ = lock.acquire()
            lock.acquire().addCallback { lock in
                lock.release()
                lock.release()
            }
            lock.release()
        }
    }

    @Test func releasingAFreeLockTraps() async {
        await #expect(processExitsWith: .failure) {
            DeferredLock().release()
        }
    }

    @Test func aSemaphoreAllowsLimitHoldersAndHandsTokensOn() {
        let semaphore = DeferredSemaphore(tokens: 2)
        let holders = (0..<3).map { _ in semaphore.acquire() }
        #expect(holders.map(\.isCalled) == [true, true, false])
        #expect(semaphore.tokens == 0)
        semaphore.release()
        #expect(holders[2].isCalled)
        #expect(semaphore.tokens == 0)
        semaphore.release()
        semaphore.release()
        #expect(semaphore.tokens == 2)
    }

    @Test func semaphoreRunHoldsATokenUntilTheReturnedDeferredFires() throws {
        let semaphore = DeferredSemaphore(tokens: 1)
        let work = Deferred<String>()
        let out = semaphore.run { work }
        #expect(semaphore.tokens == 0)
        try work.callback("done")
        #expect(currentValue(out) == "done")
        #expect(semaphore.tokens == 1)
    }

    @Test func releasingASemaphoreTooOftenTraps() async {
        await #expect(processExitsWith: .failure) {
            DeferredSemaphore(tokens: 1).release()
        }
    }

    @Test func aCancelledSemaphoreAcquireLeavesTheLine() {
        let semaphore = DeferredSemaphore(tokens: 1)
        _ = semaphore.acquire()
        let waiter = semaphore.acquire()
        waiter.cancel()
        #expect(semaphore.waitingCount == 0)
        semaphore.release()
        #expect(semaphore.tokens == 1)
        handle(waiter, with: semaphore)
    }

    @Test func aQueueServesWaitingGetsInOrderThenKeepsItems() throws {
        let queue = DeferredQueue<String>()
        let gets = try (0..<2).map { _ in try queue.get() }
        try queue.put("a")
        try queue.put("b")
        try queue.put("c")
        #expect(gets.map { currentValue($0) } == ["a", "b"])
        #expect(queue.pendingCount == 1)
        #expect(currentValue(try queue.get()) == "c")
    }

    @Test func aCancelledGetLeavesTheLineAndTheNextOneGetsTheItem() throws {
        let queue = DeferredQueue<Int>()
        let cancelled = try queue.get()
        let next = try queue.get()
        cancelled.cancel()
        try queue.put(1)
        #expect(currentValue(next) == 1)
        #expect(queue.waitingCount == 0)
        handle(cancelled, with: 0)
    }

    @Test func queueLimitsAreThrown() throws {
        let queue = DeferredQueue<Int>(size: 1, backlog: 1)
        _ = try queue.get()
        #expect(throws: QueueUnderflow.self) { try queue.get() }
        try queue.put(0)
        try queue.put(1)
        #expect(throws: QueueOverflow.self) { try queue.put(2) }
    }
}

/// `ManualClock` and `SystemClock`.
@Suite struct ClockTests {
    @Test func manualClockRunsCallsInTimeOrderThenSchedulingOrder() {
        let clock = ManualClock()
        let log = Log<String>()
        clock.callLater(2) { log.append("b1") }
        clock.callLater(1) { log.append("a") }
        clock.callLater(2) { log.append("b2") }
        clock.advance(2)
        #expect(log.all == ["a", "b1", "b2"])
        #expect(clock.now == 2)
    }

    @Test func aCallScheduledDuringAdvanceRunsInItIfDue() {
        let clock = ManualClock()
        let log = Log<Double>()
        clock.callLater(1) {
            log.append(clock.now)
            clock.callLater(1) { log.append(clock.now) }
            clock.callLater(5) { log.append(clock.now) }
        }
        clock.advance(3)
        #expect(log.all == [1, 2])
        #expect(clock.pendingCalls == 1)
        // The last call captures the clock, which queues it: run it, or the two keep each other.
        clock.advance(3)
        #expect(log.all == [1, 2, 6])
        #expect(clock.pendingCalls == 0)
    }

    @Test func aCancelledCallNeverRunsAndIsNotPending() {
        let clock = ManualClock()
        let ran = Tally()
        let call = clock.callLater(1) { ran.increment() }
        call.cancel()
        #expect(!call.isActive)
        #expect(clock.pendingCalls == 0)
        clock.advance(2)
        #expect(ran.count == 0)
    }

    // A guard against a hang (see ConcurrencyTests), not a timing claim.
    @Test(.timeLimit(.minutes(10))) func systemClockRunsACallLater() async {
        let clock = SystemClock.shared
        let before = clock.now
        let ranAt = await withCheckedContinuation { continuation in
            clock.callLater(0.01) { continuation.resume(returning: clock.now) }
        }
        #expect(ranAt >= before + 0.01)
    }

    @Test func cancellingASystemClockCallReleasesItsAction() {
        weak var captured: Token?
        let call: any DelayedCall
        do {
            let token = Token()
            captured = token
            call = SystemClock.shared.callLater(3600) { _ = token }
        }
        #expect(captured != nil)
        call.cancel()
        #expect(captured == nil)
        #expect(!call.isActive)
    }
}
