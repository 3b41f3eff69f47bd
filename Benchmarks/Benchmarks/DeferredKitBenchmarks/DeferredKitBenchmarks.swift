// DeferredKit against SwiftNIO's futures, and DeferredKit with and without an observer, on the
// workloads of docs/performance.md. Run: `cd Benchmarks && swift package benchmark`.
import Benchmark
import DeferredKit
import NIOCore
import NIOEmbedded

let benchmarks: @Sendable () -> Void = {
    // Each sample runs 1,000 iterations, so the harness's own per-sample timing does not swamp
    // an operation that takes well under a microsecond; figures are per iteration.
    let fast = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 10_000
    )
    let big = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 1,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 10
    )

    // MARK: 1. create + 3 callbacks + fire

    for observer in ObserverSetting.allCases {
        Benchmark("1 create+3 callbacks+fire: DeferredKit\(observer.suffix)", configuration: fast) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(createAddThreeFire())
            }
        } setup: {
            observer.install()
        } teardown: {
            ObserverSetting.uninstall()
        }
    }

    Benchmark("1 create+3 callbacks+fire: NIO EmbeddedEventLoop", configuration: fast) { benchmark in
        let loop = EmbeddedEventLoop()
        for _ in benchmark.scaledIterations {
            let promise = loop.makePromise(of: Int.self)
            let result = promise.futureResult.map { $0 + 1 }.map { $0 + 1 }.map { $0 + 1 }
            promise.succeed(0)
            blackHole(result)
        }
    }

    // MARK: 2. a 1,000,000-step chain fired once

    for observer in ObserverSetting.allCases {
        Benchmark("2 1M-step chain: DeferredKit\(observer.suffix)", configuration: big) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(longChain(steps: 1_000_000))
            }
        } setup: {
            observer.install()
        } teardown: {
            ObserverSetting.uninstall()
        }
    }

    Benchmark("2 1M-step chain: NIO map", configuration: big) { benchmark in
        let loop = EmbeddedEventLoop()
        for _ in benchmark.scaledIterations {
            let promise = loop.makePromise(of: Int.self)
            var future = promise.futureResult
            for _ in 0..<1_000_000 {
                future = future.map { $0 + 1 }
            }
            promise.succeed(0)
            blackHole(future)
        }
    }

    // MARK: 3. 100,000-deep nesting; gatherResults over 10,000 inputs

    for observer in ObserverSetting.allCases {
        Benchmark("3 100k-deep nesting: DeferredKit\(observer.suffix)", configuration: big) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(deepNesting(depth: 100_000))
            }
        } setup: {
            observer.install()
        } teardown: {
            ObserverSetting.uninstall()
        }

        Benchmark("3 gatherResults 10k: DeferredKit\(observer.suffix)", configuration: big) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(gatherMany(count: 10_000))
            }
        } setup: {
            observer.install()
        } teardown: {
            ObserverSetting.uninstall()
        }
    }

    Benchmark("3 100k-deep nesting: NIO flatMap", configuration: big) { benchmark in
        let loop = EmbeddedEventLoop()
        for _ in benchmark.scaledIterations {
            let leaf = loop.makePromise(of: Int.self)
            var top = leaf.futureResult
            for _ in 0..<100_000 {
                let outer = loop.makePromise(of: Int.self)
                let inner = top
                top = outer.futureResult.flatMap { _ in inner }
                outer.succeed(0)
            }
            leaf.succeed(7)
            blackHole(top)
        }
    }

    Benchmark("3 gatherResults 10k: NIO whenAllSucceed", configuration: big) { benchmark in
        let loop = EmbeddedEventLoop()
        for _ in benchmark.scaledIterations {
            let promises = (0..<10_000).map { _ in loop.makePromise(of: Int.self) }
            let all = EventLoopFuture.whenAllSucceed(promises.map(\.futureResult), on: loop)
            for (index, promise) in promises.enumerated() {
                promise.succeed(index)
            }
            blackHole(all)
        }
    }
}

// MARK: - Workloads

@inline(never)
func createAddThreeFire() -> Deferred<Int> {
    let d = Deferred<Int>()
    let result = d.addCallback { $0 + 1 }.addCallback { $0 + 1 }.addCallback { $0 + 1 }
    try? d.callback(0)
    return result
}

@inline(never)
func longChain(steps: Int) -> Deferred<Int> {
    let d = Deferred<Int>()
    var last = d
    for _ in 0..<steps {
        last = last.addCallback { $0 + 1 }
    }
    try? d.callback(0)
    return last
}

@inline(never)
func deepNesting(depth: Int) -> Deferred<Int> {
    let leaf = Deferred<Int>()
    var top = leaf
    for _ in 0..<depth {
        let next = Deferred<Int>()
        let inner = top
        next.addCallback { _ in inner }
        try? next.callback(0)
        top = next
    }
    try? leaf.callback(7)
    return top
}

@inline(never)
func gatherMany(count: Int) -> Deferred<[Int]> {
    let inputs = (0..<count).map { _ in Deferred<Int>() }
    let all = gatherResults(inputs)
    for (index, input) in inputs.enumerated() {
        try? input.callback(index)
    }
    return all
}

// MARK: - Observer settings

/// (a) no observer, (b) an observer that discards events, (c) one that records them into a
/// bounded buffer.
enum ObserverSetting: CaseIterable {
    case none
    case discarding
    case recording

    var suffix: String {
        switch self {
        case .none: return ""
        case .discarding: return " (discarding observer)"
        case .recording: return " (recording observer)"
        }
    }

    func install() {
        switch self {
        case .none: DeferredInstrumentation.uninstall()
        case .discarding: DeferredInstrumentation.install(DiscardingObserver())
        case .recording: DeferredInstrumentation.install(RecordingDeferredObserver(capacity: 65_536))
        }
    }

    static func uninstall() {
        DeferredInstrumentation.uninstall()
    }
}

/// An observer that throws every event away: the cost of producing events and nothing else.
final class DiscardingObserver: DeferredObserver {
    func observe(_ event: DeferredEvent) {}
}
