// What DeferscopeTracing costs a Deferred: create + 3 callbacks + fire with no tracing, with
// `DeferredTracing.install()` and no tracer bootstrapped, with the tracing observer and a no-op
// tracer, with a selection that matches nothing, and with an in-memory tracer that keeps every
// span. Run: `cd Benchmarks && python3 ratios.py --target TracingBenchmarks`.
import Benchmark
import DeferredKit
import DeferscopeTracing
import InMemoryTracing
import Tracing

let benchmarks: @Sendable () -> Void = {
    // Each sample runs 1,000 iterations; figures are per iteration (as in DeferredKitBenchmarks).
    let fast = Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 10_000
    )

    for setting in TracingSetting.allCases {
        Benchmark("6 create+3 callbacks+fire, tracing: \(setting.name)", configuration: fast) { benchmark in
            for _ in benchmark.scaledIterations {
                blackHole(createAddThreeFire())
            }
            // Finished spans pile up in the in-memory tracer; forget them between samples.
            setting.tracer?.clearAll()
        } setup: {
            setting.install()
        } teardown: {
            DeferredInstrumentation.uninstall()
        }
    }
}

@inline(never)
func createAddThreeFire() -> Deferred<Int> {
    let d = Deferred<Int>()
    let result = d.addCallback { $0 + 1 }.addCallback { $0 + 1 }.addCallback { $0 + 1 }
    try? d.callback(0)
    return result
}

/// The tracing setups compared with `none`.
enum TracingSetting: CaseIterable {
    /// No observer at all.
    case none
    /// `DeferredTracing.install()` with nothing bootstrapped: it installs nothing.
    case notBootstrapped
    /// The tracing observer with swift-distributed-tracing's `NoOpTracer` (installed directly, as
    /// `install` would refuse it): events are built and a no-op span is made per Deferred.
    case noOpTracer
    /// The tracing observer with a selection that no unlabelled Deferred matches: events are built,
    /// and no span is made.
    case selectingNone
    /// The tracing observer with an in-memory tracer that records every span, event and attribute.
    case inMemoryTracer

    var name: String {
        switch self {
        case .none: return "none"
        case .notBootstrapped: return "install() with no tracer bootstrapped"
        case .noOpTracer: return "observer with a NoOpTracer"
        case .selectingNone: return "observer selecting no Deferred"
        case .inMemoryTracer: return "observer with an InMemoryTracer"
        }
    }

    var tracer: InMemoryTracer? {
        self == .inMemoryTracer ? sharedInMemoryTracer : nil
    }

    func install() {
        DeferredInstrumentation.uninstall()
        switch self {
        case .none:
            break
        case .notBootstrapped:
            let installed = DeferredTracing.install(tracer: InstrumentationSystem.tracer)
            precondition(installed == nil && !DeferredInstrumentation.isObserving, "install() installed an observer")
        case .noOpTracer:
            DeferredInstrumentation.install(DeferredTracingObserver(tracer: NoOpTracer()))
        case .selectingNone:
            let configuration = DeferredTracing.Configuration(selection: .labelled)
            DeferredInstrumentation.install(DeferredTracingObserver(tracer: sharedInMemoryTracer, configuration: configuration))
        case .inMemoryTracer:
            DeferredInstrumentation.install(DeferredTracingObserver(tracer: sharedInMemoryTracer))
        }
    }
}

let sharedInMemoryTracer = InMemoryTracer()
