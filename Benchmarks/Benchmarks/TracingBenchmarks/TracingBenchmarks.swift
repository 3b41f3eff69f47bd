// What DeferscopeTracing costs a Deferred: create + 3 callbacks + fire with no tracing, with
// `DeferredTracing.install()` and no tracer bootstrapped, with the tracing observer and a no-op
// tracer, with a selection that matches nothing, and with an in-memory tracer that keeps every
// span; and, for what the tracer itself costs, the same span made by hand with no Deferred (what
// the observer adds to a traced Deferred is the traced figure less `none` less that one).
// Run: `cd Benchmarks && python3 ratios.py --target TracingBenchmarks`.
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

    Benchmark("6 the same span by hand, InMemoryTracer, no Deferred", configuration: fast) { benchmark in
        for _ in benchmark.scaledIterations {
            makeSpanByHand(sharedInMemoryTracer)
        }
        sharedInMemoryTracer.clearAll()
    } setup: {
        DeferredInstrumentation.uninstall()
    }
}

@inline(never)
func createAddThreeFire() -> Deferred<Int> {
    let d = Deferred<Int>()
    let result = d.addCallback { $0 + 1 }.addCallback { $0 + 1 }.addCallback { $0 + 1 }
    try? d.callback(0)
    return result
}

/// The span the observer makes for `createAddThreeFire`'s Deferred (start with 4 attributes, a
/// `fired` event, 3 step events of 4 attributes, 2 attributes and the end), made directly: the
/// tracer's own share of a traced Deferred.
@inline(never)
func makeSpanByHand(_ tracer: InMemoryTracer) {
    let span = tracer.startSpan("Deferred", ofKind: .internal, at: DefaultTracerClock.now, file: "M/F.swift", line: 1)
    span.updateAttributes { attributes in
        attributes.set("deferred.id", value: .int64(1))
        attributes.set("code.filepath", value: .string("M/F.swift"))
        attributes.set("code.lineno", value: .int64(1))
        attributes.set("thread.id", value: .int64(1))
    }
    span.addEvent(SpanEvent(name: "fired", attributes: ["deferred.result": .string("success Int")]))
    for index in 0..<3 {
        var attributes = SpanAttributes([:])
        attributes.reserveCapacity(5)
        attributes.set("deferred.result", value: .string("success Int"))
        attributes.set("deferred.step.index", value: .int64(Int64(index)))
        attributes.set("deferred.step.kind", value: .string("callback"))
        attributes.set("deferred.step.duration_ns", value: .int64(100))
        span.addEvent(SpanEvent(name: "callback", at: DefaultTracerClock.now, attributes: attributes))
    }
    span.updateAttributes { attributes in
        attributes.set("deferred.steps_run", value: .int64(3))
        attributes.set("deferred.outcome", value: .string("success Int"))
    }
    span.end()
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
            DeferredInstrumentation.install(
                DeferredTracingObserver(tracer: sharedInMemoryTracer, configuration: configuration)
            )
        case .inMemoryTracer:
            DeferredInstrumentation.install(DeferredTracingObserver(tracer: sharedInMemoryTracer))
        }
    }
}

let sharedInMemoryTracer = InMemoryTracer()
