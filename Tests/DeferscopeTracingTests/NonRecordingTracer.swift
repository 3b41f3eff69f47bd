import DeferredKit
import Tracing

/// A tracer whose spans never record, as a tracer's sampler makes them for traces it drops, and
/// that counts every call the observer makes on its spans, by name (`addEvent`, `attributes=`, …).
/// A non-recording span should only be started and ended: everything else would be work for
/// nothing.
final class NonRecordingTracer: Tracer {
    typealias Span = NonRecordingSpan

    private let counts = _Lock<[String: Int]>([:])

    /// The calls made so far, by name.
    var calls: [String: Int] {
        counts.withLock { $0 }
    }

    func count(_ call: String) {
        counts.withLock { $0[call, default: 0] += 1 }
    }

    func startSpan<Instant: TracerInstant>(
        _ operationName: String,
        context: @autoclosure () -> InstrumentationContext,
        ofKind kind: SpanKind,
        at instant: @autoclosure () -> Instant,
        function: String,
        file fileID: String,
        line: UInt
    ) -> NonRecordingSpan {
        count("startSpan")
        return NonRecordingSpan(context: context(), tracer: self)
    }

    func forceFlush() {}

    func inject<Carrier, Inject: Injector>(
        _ context: InstrumentationContext,
        into carrier: inout Carrier,
        using injector: Inject
    ) where Inject.Carrier == Carrier {}

    func extract<Carrier, Extract: Extractor>(
        _ carrier: Carrier,
        into context: inout InstrumentationContext,
        using extractor: Extract
    ) where Extract.Carrier == Carrier {}
}
