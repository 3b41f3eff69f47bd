/// The names of the span attributes and span events that ``DeferredTracingObserver`` writes, for
/// queries in a tracing backend and for tests.
///
/// Attributes follow OpenTelemetry's semantic conventions where one exists (`code.filepath`,
/// `code.lineno`, `thread.id`, `exception.*`); the rest live under `deferred.`.
public enum DeferredSpanNames {
    /// The operation name of a span whose Deferred has no label.
    public static let unlabelledOperation = "Deferred"

    // MARK: Span attributes

    /// The `#fileID` of the Deferred's creation site (`Module/File.swift`).
    public static let codeFilePath = "code.filepath"
    /// The line of the Deferred's creation site.
    public static let codeLineNumber = "code.lineno"
    /// The thread that created the Deferred (`pthread_self()` as a number).
    public static let threadID = "thread.id"
    /// The Deferred's id in this process (as `deferscope` shows it, without the `#`).
    public static let id = "deferred.id"
    /// The Deferred's label, when it has one.
    public static let label = "deferred.label"
    /// The final result: `success Int` or `failure TimeoutError`. Absent when it never got one.
    public static let outcome = "deferred.outcome"
    /// `true` when the Deferred was released without ever getting a result.
    public static let neverFired = "deferred.never_fired"
    /// `true` once `cancel()` reached the Deferred.
    public static let cancelled = "deferred.cancelled"
    /// The timeout armed by `addTimeout`, in seconds.
    public static let timeoutSeconds = "deferred.timeout_seconds"
    /// `true` once an armed timeout expired.
    public static let timedOut = "deferred.timed_out"
    /// `true` when the Deferred was released with a failure nobody handled.
    public static let unhandledFailure = "deferred.unhandled_failure"
    /// How many steps ran (skipped ones not counted).
    public static let stepsRun = "deferred.steps_run"
    /// `true` on a span ended by ``DeferredTracing/uninstall()`` while its Deferred was still alive.
    public static let tracingStopped = "deferred.tracing_stopped"

    // MARK: Event attributes

    /// A step's position on its chain, from 0.
    public static let stepIndex = "deferred.step.index"
    /// A step's kind (`callback`, `errback`, `both`, …; see `StepKind`).
    public static let stepKind = "deferred.step.kind"
    /// A step's label, when it has one.
    public static let stepLabel = "deferred.step.label"
    /// `true` on a step the result passed by (only with `recordsSkippedSteps`).
    public static let stepSkipped = "deferred.step.skipped"
    /// How long a step ran, in nanoseconds.
    public static let stepDurationNanoseconds = "deferred.step.duration_ns"
    /// The chain's result after a step, or the result a `fired`/`resumed` event brought.
    public static let eventOutcome = "deferred.result"
    /// `String(describing:)` of that result (only with `describesValues`).
    public static let eventOutcomeDescription = "deferred.result.description"
    /// The other Deferred involved: returned by a step, waited on, resumed from, or that fired this one.
    public static let otherID = "deferred.other.id"
    /// How long the chain waited on another Deferred, in nanoseconds (`resumed`).
    public static let waitDurationNanoseconds = "deferred.wait.duration_ns"
    /// `true` when a cancellation came from a monitor such as `deferscope cancel`.
    public static let fromMonitor = "deferred.from_monitor"
    /// On a link: how the linked span's Deferred is related (see the `relation…` values).
    public static let relation = "deferred.relation"

    // MARK: Relation values

    /// Link value: a step of this Deferred returned the linked one, and the chain went on with its result.
    public static let relationWaitedOn = "waited_on"
    /// Link value: the linked Deferred gave this one its result (`chainDeferred`, a combinator).
    public static let relationFiredBy = "fired_by"

    // MARK: Event names

    /// `callback`/`errback` gave the Deferred its result.
    public static let firedEvent = "fired"
    /// The chain started waiting on another Deferred.
    public static let waitingEvent = "waiting"
    /// The chain got the result of the Deferred it waited on.
    public static let resumedEvent = "resumed"
    /// `pause()` was called.
    public static let pausedEvent = "paused"
    /// `unpause()` was called.
    public static let unpausedEvent = "unpaused"
    /// `cancel()` reached the Deferred.
    public static let cancelledEvent = "cancelled"
    /// An armed timeout expired.
    public static let timedOutEvent = "timed out"
    /// A second `callback`/`errback` was attempted.
    public static let alreadyCalledEvent = "already called"
}
