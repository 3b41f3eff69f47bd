import DeferredKit
import DeferscopeTracing
import InMemoryTracing
import Testing
import Tracing

#if canImport(Glibc)
import Glibc
#endif

/// Installing and uninstalling, selection, forwarding and many threads. Each test runs in a child
/// process (DeferredKit's observer slot is process-wide) and reports what went wrong on its
/// standard error, which must stay empty.
@Suite struct DeferredTracingInstallTests {
    @Test func installWithoutATracerInstallsNothing() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let installed = DeferredTracing.install(tracer: NoOpTracer())
            check(installed == nil, "install(NoOpTracer) returned an observer")
            check(!DeferredInstrumentation.isObserving, "install(NoOpTracer) installed an observer")
            // Nothing bootstrapped in this process: the default is the NoOpTracer too.
            check(DeferredTracing.install() == nil, "install() with nothing bootstrapped returned an observer")
            check(!DeferredInstrumentation.isObserving, "install() with nothing bootstrapped installed an observer")
        }
        reportScenario(result)
    }

    @Test func onlySelectedDeferredsGetSpans() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let tracer = InMemoryTracer()
            let configuration = DeferredTracing.Configuration(selection: .labelPrefix("keep."))
            DeferredTracing.install(tracer: tracer, configuration: configuration)
            do {
                let kept = Deferred<Int>(label: "keep.this")
                let dropped = Deferred<Int>(label: "drop.this")
                let unlabelled = Deferred<Int>()
                for deferred in [kept, dropped, unlabelled] {
                    try? deferred.callback(1)
                }
            }
            DeferredTracing.uninstall()
            let names = tracer.finishedSpans.map(\.operationName)
            check(names == ["keep.this"], "spans: \(names)")
            check(!DeferredInstrumentation.isObserving, "uninstall left an observer")
        }
        reportScenario(result)
    }

    @Test func keepsAndRestoresThePreviousObserver() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let previous = RecordingDeferredObserver(capacity: 1_000)
            DeferredInstrumentation.install(previous, eventsEnabled: false)
            let tracer = InMemoryTracer()
            let observer = DeferredTracing.install(tracer: tracer)
            check(observer?.next === previous, "the tracing observer does not forward to the previous one")
            check(DeferredInstrumentation.eventsEnabled, "install left events off")
            // The agent turns events off when its last client leaves: tracing keeps them on.
            DeferredInstrumentation.setEventsEnabled(false)
            check(DeferredInstrumentation.eventsEnabled, "setEventsEnabled(false) turned events off under tracing")
            let id: DeferredID = {
                let deferred = Deferred<Int>(label: "shared")
                try? deferred.callback(1)
                return deferred.id
            }()
            let kinds = previous.events(of: id).map(\.kind)
            check(kinds == [.created, .fired, .released], "the previous observer saw \(kinds)")
            check(tracer.finishedSpans.map(\.operationName) == ["shared"], "spans: \(tracer.finishedSpans.count)")
            // A Deferred still alive at uninstall: its span is ended then, and marked.
            let alive = Deferred<Int>(label: "alive")
            DeferredTracing.uninstall()
            check(DeferredInstrumentation.observer === previous, "uninstall did not put the previous observer back")
            check(!DeferredInstrumentation.eventsEnabled, "uninstall did not put back the events the agent asked for")
            let ended = tracer.finishedSpans.last
            check(ended?.operationName == "alive", "the live span was not ended at uninstall")
            check(ended?.attributes["deferred.tracing_stopped"]?.toSpanAttribute() == .bool(true), "not marked")
            withExtendedLifetime(alive) {}
        }
        reportScenario(result)
    }

    @Test func manyThreadsAtOnce() async throws {
        let result = await #expect(processExitsWith: .success, observing: [\.standardErrorContent]) {
            let tracer = InMemoryTracer()
            guard let observer = DeferredTracing.install(tracer: tracer) else {
                check(false, "install returned nil")
                return
            }
            let threads = 4
            let perThread = 2_000
            // Each thread makes chains whose inner Deferred another thread fires.
            let inners = (0..<threads).map { _ in (0..<perThread).map { _ in Deferred<Int>(label: "inner") } }
            runOnThreads(threads) { thread in
                for index in 0..<perThread {
                    let outer = Deferred<Int>(label: "outer")
                    let inner = inners[(thread + 1) % threads][index]
                    outer.addCallback { _ in inner }.addCallback { $0 + 1 }
                    try? outer.callback(0)
                    try? inners[thread][index].callback(index)
                }
            }
            let spans = tracer.finishedSpans
            let outers = spans.filter { $0.operationName == "outer" }
            check(outers.count == threads * perThread, "\(outers.count) outer spans")
            check(outers.allSatisfy { $0.links.count == 1 }, "an outer span lacks its link")
            let succeeded = outers.filter {
                $0.attributes["deferred.outcome"]?.toSpanAttribute() == .string("success Int")
            }
            check(succeeded.count == outers.count, "\(outers.count - succeeded.count) outer spans did not succeed")
            withExtendedLifetime(inners) {}
            DeferredTracing.uninstall()
            let inner = tracer.finishedSpans.filter { $0.operationName == "inner" }
            check(inner.count == threads * perThread, "\(inner.count) inner spans")
            check(observer.openSpanCount == 0, "\(observer.openSpanCount) spans left open")
        }
        reportScenario(result)
    }
}

/// Prints `message` on the standard error when `condition` is false (in a scenario's child process).
func check(_ condition: Bool, _ message: @autoclosure () -> String) {
    if !condition {
        printError(message() + "\n")
    }
}

/// Runs `body(index)` on `count` threads at once and waits for them all.
func runOnThreads(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
    final class Work: @unchecked Sendable {
        let body: @Sendable (Int) -> Void
        let index: Int
        init(_ body: @escaping @Sendable (Int) -> Void, _ index: Int) {
            self.body = body
            self.index = index
        }
    }
    var threads: [pthread_t] = []
    for index in 0..<count {
        var thread = pthread_t()
        let work = Unmanaged.passRetained(Work(body, index)).toOpaque()
        let created = pthread_create(
            &thread,
            nil,
            { raw in
                let work = Unmanaged<Work>.fromOpaque(raw!).takeRetainedValue()
                work.body(work.index)
                return nil
            },
            work
        )
        precondition(created == 0, "pthread_create failed")
        threads.append(thread)
    }
    for thread in threads {
        pthread_join(thread, nil)
    }
}
