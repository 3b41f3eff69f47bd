import DeferredKit
import Tracing

/// The install point for tracing Deferreds with swift-distributed-tracing.
///
/// ```swift
/// import DeferscopeTracing
///
/// // After bootstrapping the tracer (for example swift-otel's `OTel.bootstrap()`):
/// DeferredTracing.install()
/// ```
///
/// With no tracer bootstrapped (`InstrumentationSystem.tracer` is a `NoOpTracer`), `install`
/// installs nothing and Deferreds cost what they cost without tracing.
///
/// DeferredKit has one observer slot. `install` keeps the observer already installed (the
/// `DeferscopeAgent`, started first) and forwards every event to it; an observer installed after
/// tracing replaces it.
public enum DeferredTracing {
    /// Installs a ``DeferredTracingObserver`` for `tracer` (by default the bootstrapped one) and
    /// returns it; returns nil and installs nothing when `tracer` is a `NoOpTracer`.
    ///
    /// Events are kept on (``DeferredInstrumentation/setEventsRequired(_:)``) even when the
    /// observer kept (the agent) turns them off while idle. Deferreds created before the install
    /// get no span.
    @discardableResult
    public static func install(
        tracer: any Tracer = InstrumentationSystem.tracer,
        configuration: Configuration = .init(),
        keepingCurrentObserver: Bool = true
    ) -> DeferredTracingObserver? {
        if tracer is NoOpTracer {
            return nil
        }
        let previous = keepingCurrentObserver ? DeferredInstrumentation.observer : nil
        let next = (previous as? DeferredTracingObserver)?.next ?? previous
        let observer = DeferredTracingObserver(tracer: tracer, configuration: configuration, forwardingTo: next)
        DeferredInstrumentation.install(observer)
        // The agent turns events off while no client listens; tracing needs them all the time.
        DeferredInstrumentation.setEventsRequired(true)
        return observer
    }

    /// Uninstalls the tracing observer, if it is the one installed: puts back the observer it
    /// forwarded to (or none) with events as it last set them, and ends the spans of Deferreds
    /// still alive, marked `deferred.tracing_stopped`.
    public static func uninstall() {
        guard let observer = DeferredInstrumentation.observer as? DeferredTracingObserver else { return }
        if let next = observer.next {
            DeferredInstrumentation.install(next)
        } else {
            DeferredInstrumentation.uninstall()
        }
        DeferredInstrumentation.setEventsRequired(false)
        observer.endOpenSpans()
    }
}
