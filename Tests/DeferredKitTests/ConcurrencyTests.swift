import DeferredKit
import Testing

// The limit guards against a hang, and is not a timing claim: under ThreadSanitizer on two cores, with
// synchronous tests holding the cooperative pool, a test here waited minutes for a thread.

/// The bridge to Swift concurrency: `value` and `Deferred { async }`.
@Suite(.timeLimit(.minutes(10))) struct ConcurrencyTests {
    @Test func valueReturnsTheResultOnceItArrives() async throws {
        let d = Deferred<Int>()
        let waiter = Task { try await d.value }
        try d.callback(4)
        #expect(try await waiter.value == 4)
    }

    @Test func valueThrowsTheFailure() async {
        let d = Deferred<Int>.fail(Boom("v"))
        await #expect(throws: Boom("v")) { try await d.value }
    }

    @Test func valueLeavesTheResultOnTheChain() async throws {
        let d = Deferred.succeed(1)
        _ = try await d.value
        #expect(currentValue(d) == 1)
    }

    @Test func cancellingTheAwaitingTaskCancelsTheDeferred() async {
        let cancels = Tally()
        let d = Deferred<Int>(canceller: { _ in cancels.increment() })
        let waiter = Task { try await d.value }
        waiter.cancel()
        await #expect(throws: CancelledError.self) { try await waiter.value }
        #expect(cancels.count == 1)
    }

    @Test func theAsyncInitializerFiresWithWhatTheOperationReturns() async throws {
        let d = Deferred<String>(label: "op") { "from task" }
        #expect(try await d.value == "from task")
        #expect(d.label == "op")
    }

    @Test func theAsyncInitializerFailsWithWhatTheOperationThrows() async {
        let d = Deferred<Int> { () async throws -> Int in throw Boom("op") }
        await #expect(throws: Boom("op")) { try await d.value }
    }

    @Test func cancellingAnAsyncDeferredCancelsTheTaskAndFailsAtOnce() async throws {
        let started = Deferred<Void>()
        let sawCancellation = Deferred<Bool>()
        let d = Deferred<Int> { () async throws -> Int in
            try? started.callback(())
            while !Task.isCancelled {
                await Task.yield()
            }
            try? sawCancellation.callback(true)
            return 1
        }
        try await started.value

        d.cancel()

        #expect(currentError(d) is CancelledError)
        #expect(try await sawCancellation.value)
        #expect(currentError(d) is CancelledError)
        handle(d, with: 0)
    }
}
