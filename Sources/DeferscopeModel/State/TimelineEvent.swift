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

    init(_ pointer: UnsafePointer<EventRecord>, previous: UInt64) {
        let outcome = pointer.pointee.outcome
        id = pointer.pointee.id
        timestamp = pointer.pointee.timestamp
        other = pointer.pointee.other
        duration = pointer.pointee.duration
        self.previous = previous
        siteID = pointer.pointee.siteID
        outcomeTypeID = outcome?.typeID ?? 0
        stepIndex = pointer.pointee.stepIndex
        kindRawValue = pointer.pointee.kindRawValue
        flags = pointer.pointee.flags
        outcomeState = outcome.map { $0.isFailure ? 2 : 1 } ?? 0
    }

    /// The kind, when this version knows it.
    public var kind: DeferredEvent.Kind? { DeferredEvent.Kind(rawValue: kindRawValue) }
    /// Whether the event carries an outcome, and whether it is a failure (nil: no outcome).
    public var outcomeIsFailure: Bool? { outcomeState == 0 ? nil : outcomeState == 2 }
}
