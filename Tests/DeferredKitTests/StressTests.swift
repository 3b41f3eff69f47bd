import DeferredKit
import Testing

/// Lengths and depths that would overflow the stack if anything recursed.
@Suite struct StressTests {
    @Test func aMillionStepChainRuns() throws {
        let d = Deferred<Int>()
        var last = d
        for _ in 0..<1_000_000 {
            last = last.addCallback { $0 + 1 }
        }
        try d.callback(0)
        #expect(currentValue(last) == 1_000_000)
    }

    @Test func aHundredThousandNestedDeferredsResolveFromTheLeaf() throws {
        let leaf = Deferred<Int>()
        var top = leaf
        for _ in 0..<100_000 {
            let next = Deferred<Int>()
            let waitOn = top
            next.addCallback { _ in waitOn }
            try next.callback(0)
            top = next
        }
        #expect(top.isPaused)
        try leaf.callback(3)
        #expect(currentValue(top) == 3)
    }

    @Test func aHundredThousandNestedFailuresReachTheTop() throws {
        let leaf = Deferred<Int>()
        var top = leaf
        for _ in 0..<100_000 {
            let next = Deferred<Int>()
            let waitOn = top
            next.addCallback { _ in waitOn }
            try next.callback(0)
            top = next
        }
        try leaf.errback(Boom("deep"))
        #expect(boomName(currentError(top)) == "deep")
        handle(top, with: 0)
    }

    @Test func gatherResultsOverTenThousandInputs() throws {
        let inputs = (0..<10_000).map { _ in Deferred<Int>() }
        let gathered = gatherResults(inputs)
        for (index, input) in inputs.enumerated().reversed() {
            try input.callback(index)
        }
        #expect(currentValue(gathered) == Array(0..<10_000))
    }
}
