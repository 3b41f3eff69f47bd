import Tracing

/// A span of ``NonRecordingTracer``: `isRecording` is false from the start; every other call is counted.
struct NonRecordingSpan: Tracing.Span {
    let context: InstrumentationContext
    let tracer: NonRecordingTracer

    var isRecording: Bool { false }

    var operationName: String {
        get {
            tracer.count("operationName")
            return ""
        }
        nonmutating set { tracer.count("operationName=") }
    }

    var attributes: SpanAttributes {
        get {
            tracer.count("attributes")
            return [:]
        }
        nonmutating set { tracer.count("attributes=") }
    }

    func setStatus(_ status: SpanStatus) { tracer.count("setStatus") }

    func addEvent(_ event: SpanEvent) { tracer.count("addEvent") }

    func addLink(_ link: SpanLink) { tracer.count("addLink") }

    func recordError<Instant: TracerInstant>(
        _ error: Error,
        attributes: SpanAttributes,
        at instant: @autoclosure () -> Instant
    ) {
        tracer.count("recordError")
    }

    func end<Instant: TracerInstant>(at instant: @autoclosure () -> Instant) { tracer.count("end") }
}
