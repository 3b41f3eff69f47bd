import DeferredKit
import Tracing

/// A ``DeferredObserver`` that gives Deferreds spans: one span per selected Deferred, from its
/// creation to its final result, with its steps, waits, cancellation, timeout and failure.
///
/// Usually installed with ``DeferredTracing/install(tracer:configuration:keepingCurrentObserver:)``;
/// tests can create one with their own tracer and install it with
/// `DeferredInstrumentation.install(_:)`.
///
/// - The span starts when the Deferred is created, as a child of the `ServiceContext` active on the
///   creating task (`ServiceContext.current`), named after the Deferred's label.
/// - It ends when the Deferred's last handle goes away, back-dated to the moment its result last
///   changed, so a Deferred held long after it fired still shows how long it took to get there.
/// - A span that does not record (`isRecording` false when it starts: a `NoOpTracer`'s, or one
///   a sampler dropped) is started and ended and given nothing else: no attributes or events are
///   built that nobody would record. With a `NoOpTracer` no span is started at all.
/// - DeferredKit calls observers synchronously with the chain's lock held; this observer calls the
///   tracer there, but never while holding a lock of its own. The tracer must therefore not create
///   Deferreds or call DeferredKit synchronously (swift-otel does neither).
public final class DeferredTracingObserver: DeferredObserver {
    /// The tracer the spans come from.
    public let tracer: any Tracer
    /// Which Deferreds get spans and what they show.
    public let configuration: DeferredTracing.Configuration
    /// The observer that was installed before (the agent, for example), which gets every event too.
    public let next: (any DeferredObserver)?
    /// Whether events carry descriptions of values: only if this observer and `next` both want them.
    public let wantsValueDescriptions: Bool

    let table = _SpanTable()

    /// Whether `tracer` is swift-distributed-tracing's `NoOpTracer`, decided once: its spans record
    /// nothing, so no span is started at all and events only go on to `next`.
    let startsNoSpans: Bool

    /// Creates an observer that starts spans with `tracer` and forwards every event to `next`.
    public init(
        tracer: any Tracer = InstrumentationSystem.tracer,
        configuration: DeferredTracing.Configuration = .init(),
        forwardingTo next: (any DeferredObserver)? = nil
    ) {
        self.tracer = tracer
        self.configuration = configuration
        self.next = next
        self.wantsValueDescriptions = configuration.describesValues && (next?.wantsValueDescriptions ?? true)
        self.startsNoSpans = tracer is NoOpTracer
    }

    /// Hands the event to `next`, then to the span of its chain.
    public func observe(_ event: DeferredEvent) {
        next?.observe(event)
        if startsNoSpans {
            return
        }
        switch event.kind {
        case .created:
            start(event)
        case .released:
            if let chain = table.remove(event.id) {
                finish(chain, event)
            }
        default:
            if let chain = table.chain(event.id), chain.isRecording {
                record(event, on: chain)
            }
        }
    }

    /// How many Deferreds have an open span now.
    public var openSpanCount: Int { table.count }

    /// Ends every open span now, marked as ended by the uninstall; for shutting tracing down.
    public func endOpenSpans() {
        for chain in table.removeAll() {
            if chain.isRecording {
                chain.span.attributes.set(DeferredSpanNames.tracingStopped, value: .bool(true))
            }
            chain.span.end()
        }
    }
}
