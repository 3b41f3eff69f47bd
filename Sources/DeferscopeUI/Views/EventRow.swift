import DeferscopeModel

/// One row of the Events view: an event from the model's log, or a warning the model raised,
/// placed among the events by its time.
public enum EventRow: Equatable, Sendable {
    /// An event of one Deferred.
    case event(TimelineEvent)
    /// A warning about one Deferred.
    case warning(ModelWarning)

    /// The Deferred it is about.
    public var deferredID: UInt64 {
        switch self {
        case .event(let event): return event.id
        case .warning(let warning): return warning.deferredID
        }
    }

    /// When it happened (monotonic ns).
    public var time: UInt64 {
        switch self {
        case .event(let event): return event.timestamp
        case .warning(let warning): return warning.time
        }
    }
}
