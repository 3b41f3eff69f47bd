import DeferredKit
import DeferscopeWire

/// One event as the Events view and a Deferred's timeline show it: the compact form the model
/// keeps (56 bytes), without labels or value descriptions.
public struct TimelineEvent: Sendable, Equatable {
    /// The Deferred.
    public var id: UInt64
    /// When (monotonic ns).
    public var timestamp: UInt64
    /// The other Deferred involved; 0 when none.
    public var other: UInt64
    /// How long the step ran (`stepRan`), in ns.
    public var duration: UInt64
    /// The log position of the previous event of the same Deferred, plus one (0: none).
    var previous: UInt64
    /// The call site, by site id (0: none).
    public var siteID: UInt32
    /// The outcome's type, by type id (0: none).
    public var outcomeTypeID: UInt32
    /// The step's index; -1 when not about a step.
    public var stepIndex: Int32
    /// The event kind's raw value (`DeferredEvent.Kind`).
    public var kindRawValue: UInt8
    /// The event's flags (`DeferredEvent.Flags` raw value).
    public var flags: UInt8
    /// 0: no outcome, 1: a value, 2: a failure.
    var outcomeState: UInt8

    init(_ record: EventRecord, previous: UInt64) {
        id = record.id
        timestamp = record.timestamp
        other = record.other
        duration = record.duration
        self.previous = previous
        siteID = record.siteID
        outcomeTypeID = record.outcome?.typeID ?? 0
        stepIndex = record.stepIndex
        kindRawValue = record.kindRawValue
        flags = record.flags
        outcomeState = record.outcome.map { $0.isFailure ? 2 : 1 } ?? 0
    }

    /// The kind, when this version knows it.
    public var kind: DeferredEvent.Kind? { DeferredEvent.Kind(rawValue: kindRawValue) }
    /// Whether the event carries an outcome, and whether it is a failure (nil: no outcome).
    public var outcomeIsFailure: Bool? { outcomeState == 0 ? nil : outcomeState == 2 }
}
