import DeferredKit
import Testing

/// `deferredList`, `gatherResults`, `race`, `maybeDeferred`.
@Suite struct CombinatorTests {
    @Test func deferredListKeepsInputOrderWhateverTheCompletionOrder() throws {
        let inputs = (0..<3).map { _ in Deferred<Int>() }
        let list = deferredList(inputs)
        try inputs[2].callback(2)
        try inputs[0].errback(Boom("zero"))
        #expect(!list.isCalled)
        try inputs[1].callback(1)

        let results = try #require(currentValue(list))
        #expect(boomName(results[0].failureValue) == "zero")
        #expect((try? results[1].get()) == 1)
        #expect((try? results[2].get()) == 2)
        handle(inputs[0], with: 0)
    }

    @Test func deferredListSeesEachInputWhereItsStepSits() throws {
        let input = Deferred<Int>()
        input.addCallback { $0 * 10 }
        let list = deferredList([input])
        input.addCallback { $0 + 1 }

        try input.callback(1)

        #expect((try? currentValue(list)?[0].get()) == 10)
        #expect(currentValue(input) == 11)
    }

    @Test func anEmptyDeferredListFiresAtOnce() {
        let list = deferredList([Deferred<Int>]())
        #expect(list.isCalled)
        #expect(currentValue(list)?.isEmpty == true)
    }

    @Test func fireOnOneErrbackFailsWithTheFirstFailureAndItsIndex() throws {
        let inputs = (0..<3).map { _ in Deferred<Int>() }
        let list = deferredList(inputs, fireOnOneErrback: true)
        try inputs[0].callback(0)
        try inputs[2].errback(Boom("two"))

        let first = try #require(currentError(list) as? FirstError)
        #expect(first.index == 2)
        #expect(boomName(first.error) == "two")
        try inputs[1].errback(Boom("one"))
        #expect(first.index == 2)
        handle(inputs[1], with: 0)
        handle(inputs[2], with: 0)
        handle(list, with: [])
    }

    @Test func cancellingADeferredListCancelsItsInputsOnly() {
        let cancels = Tally()
        let inputs = (0..<2).map { _ in Deferred<Int>(canceller: { _ in cancels.increment() }) }
        let list = deferredList(inputs, consumeErrors: true)

        list.cancel()

        #expect(cancels.count == 2)
        let results = currentValue(list)
        #expect(results?.count == 2)
        #expect(results?.allSatisfy { $0.failureValue is CancelledError } == true)
    }

    @Test func cancellingADeferredListThatAlreadyFiredDoesNothing() throws {
        let cancels = Tally()
        let input = Deferred<Int>(canceller: { _ in cancels.increment() })
        let list = deferredList([input])
        try input.callback(1)
        list.cancel()
        #expect(cancels.count == 0)
    }

    @Test func gatherResultsGivesTheValuesInInputOrder() throws {
        let a = Deferred<String>()
        let b = Deferred<String>()
        let gathered = gatherResults([a, b])
        try b.callback("b")
        #expect(!gathered.isCalled)
        try a.callback("a")
        #expect(currentValue(gathered) == ["a", "b"])
    }

    @Test func gatherResultsFailsWithFirstErrorAtTheFirstFailure() throws {
        let a = Deferred<Int>()
        let b = Deferred<Int>()
        let gathered = gatherResults([a, b], consumeErrors: true)
        try b.errback(Boom("b"))
        let first = try #require(currentError(gathered) as? FirstError)
        #expect(first.index == 1)
        handle(gathered, with: [])
    }

    @Test func raceGivesTheFirstSuccessAndCancelsEveryOtherInput() throws {
        let cancels = (0..<3).map { _ in Tally() }
        let inputs = cancels.map { tally in Deferred<Int>(canceller: { _ in tally.increment() }) }
        let raced = race(inputs)
        try inputs[0].errback(Boom("early failure"))

        try inputs[2].callback(20)

        let winner = try #require(currentValue(raced))
        #expect(winner.index == 2)
        #expect(winner.value == 20)
        #expect(cancels.map(\.count) == [0, 1, 0])
    }

    @Test func raceFailsWithEveryFailureInInputOrderWhenAllFail() throws {
        let inputs = (0..<2).map { _ in Deferred<Int>() }
        let raced = race(inputs)
        try inputs[1].errback(Boom("1"))
        try inputs[0].errback(Boom("0"))
        let group = try #require(currentError(raced) as? FailureGroup)
        #expect(group.errors.map(boomName) == ["0", "1"])
        handle(raced, with: (index: 0, value: 0))
    }

    @Test func cancellingARaceCancelsEveryInputAndFailsWithFailureGroup() {
        let inputs = (0..<2).map { _ in Deferred<Int>() }
        let raced = race(inputs)
        raced.cancel()
        let group = currentError(raced) as? FailureGroup
        #expect(group?.errors.count == 2)
        #expect(group?.errors.allSatisfy { $0 is CancelledError } == true)
        handle(raced, with: (index: 0, value: 0))
    }

    @Test func anEmptyRaceNeverFires() {
        let raced = race([Deferred<Int>]())
        #expect(!raced.isCalled)
    }

    @Test func maybeDeferredWrapsAValueOrAThrownError() {
        #expect(currentValue(maybeDeferred { 3 }) == 3)
        let failed = maybeDeferred { () throws -> Int in throw Boom("m") }
        #expect(boomName(currentError(failed)) == "m")
        handle(failed, with: 0)
    }

    @Test func maybeDeferredReturnsTheVeryDeferredTheFunctionReturns() {
        let d = Deferred<Int>()
        #expect(maybeDeferred { d } === d)
    }
}
