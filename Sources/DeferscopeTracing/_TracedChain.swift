import DeferredKit
import Tracing

/// The span of one traced chain and what its later events need to know.
///
/// Each chain's events reach the observer one at a time, in order, under that chain's own lock
/// (DeferredKit's rule), so the mutable fields are only ever touched by one thread at a time, and
/// DeferredKit's lock orders those touches; only `span` and `id`, which never change, are read
/// from other chains' events (to link to this span).
final class _TracedChain: @unchecked Sendable {
    let id: DeferredID
    let span: any Span
    /// Whether the span recorded when it started. A span that does not (a sampler dropped it) gets
    /// no attributes, events or links built for it: only its end.
    let isRecording: Bool

    /// Steps added and not yet run, by index: their labels, for the step events.
    var pendingStepLabels: [Int: String] = [:]
    /// When the chain's result last changed (fired, a step ran, resumed): where the span ends.
    var lastResultNanoseconds: UInt64? = nil
    /// When the chain started waiting on another Deferred, on DeferredKit's clock.
    var waitingSince: UInt64? = nil
    /// How many steps ran.
    var stepsRun = 0

    init(id: DeferredID, span: any Span, isRecording: Bool) {
        self.id = id
        self.span = span
        self.isRecording = isRecording
    }
}
