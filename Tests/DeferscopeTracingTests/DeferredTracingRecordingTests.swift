import DeferredKit
import DeferscopeTracing
import Testing
import Tracing

/// What the observer does for spans that record nothing: a `NoOpTracer`'s, and the spans a tracer
/// decided not to record (`isRecording == false`). Each test runs in a child process (DeferredKit's
/// observer slot is process-wide) and reports what went wrong on its standard error.
@Suite struct DeferredTracingRecordingTests {
    @Test func nonRecordingSpansAreOnlyStartedAndEnded() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            DeferredDiagnostics.setUnhandledErrorHandler { _ in }
            let tracer = NonRecordingTracer()
            let previous = RecordingDeferredObserver(capacity: 10_000)
            // Every option on, so that every kind of event would have something to build.
            let configuration = DeferredTracing.Configuration(describesValues: true, recordsSkippedSteps: true)
            let observer = DeferredTracingObserver(tracer: tracer, configuration: configuration, forwardingTo: previous)
            DeferredInstrumentation.install(observer)
            let ids: [DeferredID] = runEveryKindOfEvent()
            DeferredInstrumentation.uninstall()
            let calls = tracer.calls
            check(calls == ["startSpan": ids.count, "end": ids.count], "calls on non-recording spans: \(calls)")
            check(observer.openSpanCount == 0, "\(observer.openSpanCount) spans left open")
            // The observer kept forwards every event all the same.
            let released = ids.filter { id in previous.events(of: id).last?.kind == .released }
            check(released.count == ids.count, "the previous observer saw \(released.count) of \(ids.count) released")
            let kinds = Set(previous.events.map(\.kind))
            check(kinds.isSuperset(of: [.stepRan, .waiting, .resumed, .cancelled]), "forwarded kinds: \(kinds)")
        }
        reportScenario(result)
    }

    @Test func aNoOpTracerStartsNoSpanAndForwardsEveryEvent() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            DeferredDiagnostics.setUnhandledErrorHandler { _ in }
            let previous = RecordingDeferredObserver(capacity: 10_000)
            let observer = DeferredTracingObserver(tracer: NoOpTracer(), forwardingTo: previous)
            DeferredInstrumentation.install(observer)
            let alive = Deferred<Int>(label: "alive")
            check(observer.openSpanCount == 0, "a NoOpTracer's Deferred got an entry: \(observer.openSpanCount)")
            let ids: [DeferredID] = runEveryKindOfEvent()
            DeferredInstrumentation.uninstall()
            let released = ids.filter { id in previous.events(of: id).last?.kind == .released }
            check(released.count == ids.count, "the previous observer saw \(released.count) of \(ids.count) released")
            let kinds = previous.events(of: alive.id).map(\.kind)
            check(kinds == [.created], "the previous observer saw \(kinds) for the live Deferred")
            withExtendedLifetime(alive) {}
        }
        reportScenario(result)
    }
}

/// Makes Deferreds that go through every kind of event the observer handles (steps, skipped steps,
/// waiting, a pause, a cancellation, a timeout, a second callback, an unhandled failure), releases
/// them all, and returns their ids.
func runEveryKindOfEvent() -> [DeferredID] {
    struct Boom: Error {}
    var ids: [DeferredID] = []
    do {
        let clock = ManualClock()
        let inner = Deferred<String>(label: "inner")
        let outer = Deferred<Int>(label: "outer")
        outer.addCallback(label: "fetch") { _ in inner }.addErrback { _ in "skipped" }.addCallback { $0.count }
        try? outer.callback(1)
        try? inner.callback("four")
        try? outer.callback(2)
        let paused = Deferred<Int>()
        paused.pause()
        try? paused.callback(1)
        paused.unpause()
        let cancelled = Deferred<Int>(label: "cancelled")
        cancelled.addErrback { _ in 0 }
        cancelled.cancel()
        let slow = Deferred<Int>(label: "slow")
        slow.addTimeout(5, clock: clock).addErrback { _ in 0 }
        clock.advance(5)
        let failed = Deferred<Int>(label: "failed")
        try? failed.errback(Boom())
        let never = Deferred<Int>()
        ids = [inner.id, outer.id, paused.id, cancelled.id, slow.id, failed.id, never.id]
    }
    return ids
}
