import DeferredKit
import Dispatch
import Synchronization
import Testing

/// Many threads adding, firing and cancelling at once: every step runs exactly once, in the order
/// each thread added its steps.
@Suite struct ThreadSafetyTests {
    @Test func stepsAddedFromManyThreadsWhileFiringEachRunOnceInPerThreadOrder() {
        let chains = 200
        let threads = 8
        let stepsPerThread = 50
        let deferreds = (0..<chains).map { _ in Deferred<Int>() }
        let runs = (0..<chains).map { _ in Log<Int>() }

        DispatchQueue.concurrentPerform(iterations: threads + 1) { worker in
            if worker == threads {
                for (index, d) in deferreds.enumerated() where index.isMultiple(of: 2) {
                    try? d.callback(0)
                }
                return
            }
            for (index, d) in deferreds.enumerated() {
                for step in 0..<stepsPerThread {
                    let tag = worker * 1_000 + step
                    d.addCallback { x -> Int in
                        runs[index].append(tag)
                        return x
                    }
                }
            }
        }
        for (index, d) in deferreds.enumerated() where !index.isMultiple(of: 2) {
            try? d.callback(0)
        }

        for log in runs {
            let tags = log.all
            #expect(tags.count == threads * stepsPerThread)
            #expect(Set(tags).count == tags.count)
            for worker in 0..<threads {
                let mine = tags.filter { $0 / 1_000 == worker }
                #expect(mine == mine.sorted())
            }
        }
    }

    @Test func racingFireAndCancelProducesExactlyOneOutcome() {
        let count = 2_000
        let deferreds = (0..<count).map { _ in Deferred<Int>() }
        let outcomes = (0..<count).map { _ in Tally() }
        for (index, d) in deferreds.enumerated() {
            d.addBoth { result -> Int in
                outcomes[index].increment()
                return (try? result.get()) ?? -1
            }
        }

        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            for d in deferreds {
                switch worker {
                case 0: try? d.callback(1)
                case 1: d.cancel()
                default: try? d.errback(Boom())
                }
            }
        }

        #expect(outcomes.allSatisfy { $0.count == 1 })
    }

    @Test func aLockRunFromManyThreadsNeverHasTwoHolders() {
        let lock = DeferredLock()
        let holders = Atomic<Int>(0)
        let maximum = Atomic<Int>(0)
        let completed = Tally()
        DispatchQueue.concurrentPerform(iterations: 8) { _ in
            for _ in 0..<500 {
                lock.run { () -> Int in
                    let now = holders.add(1, ordering: .sequentiallyConsistent).newValue
                    maximum.max(now, ordering: .sequentiallyConsistent)
                    holders.subtract(1, ordering: .sequentiallyConsistent)
                    completed.increment()
                    return now
                }
            }
        }
        #expect(completed.count == 4_000)
        #expect(maximum.load(ordering: .sequentiallyConsistent) == 1)
        #expect(!lock.isLocked)
    }

    @Test func aQueueFedAndDrainedFromManyThreadsDeliversEachItemOnce() throws {
        let queue = DeferredQueue<Int>()
        let received = Log<Int>()
        let total = 4_000
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for item in 0..<(total / 4) {
                if worker.isMultiple(of: 2) {
                    try? queue.put(worker * 10_000 + item)
                    try? queue.put(worker * 10_000 + item + 5_000)
                } else {
                    for _ in 0..<2 {
                        _ = try? queue.get().addCallback { x -> Int in
                            received.append(x)
                            return x
                        }
                    }
                }
            }
        }
        #expect(received.count == total)
        #expect(Set(received.all).count == total)
        #expect(queue.pendingCount == 0)
        #expect(queue.waitingCount == 0)
    }

    @Test func chainsHandingOffAcrossThreadsAllComplete() {
        let pairs = 2_000
        let outers = (0..<pairs).map { _ in Deferred<Int>() }
        let inners = (0..<pairs).map { _ in Deferred<Int>() }
        let done = (0..<pairs).map { _ in Log<Int>() }
        for index in 0..<pairs {
            outers[index].addCallback { _ in inners[index] }
                .addCallback { x -> Int in
                    done[index].append(x)
                    return x
                }
        }
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for index in 0..<pairs {
                if worker == 0 {
                    try? outers[index].callback(0)
                } else {
                    try? inners[index].callback(index)
                }
            }
        }
        #expect((0..<pairs).allSatisfy { done[$0].all == [$0] })
    }
}
