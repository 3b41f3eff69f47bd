import DeferredKit

/// A result as records carry it: success or failure, its type (by id), and its description when
/// the app sends values.
public struct WireOutcome: Sendable, Equatable {
    /// Whether it is a failure.
    public var isFailure: Bool
    /// The type, by `TypeDefinition` id.
    public var typeID: UInt32
    /// `String(describing:)` of the value or error, when the app sends values.
    public var valueDescription: String?

    /// Creates an outcome.
    public init(isFailure: Bool, typeID: UInt32, valueDescription: String? = nil) {
        self.isFailure = isFailure
        self.typeID = typeID
        self.valueDescription = valueDescription
    }
}

/// One `DeferredEvent` on the wire. Call sites and types are ids defined by earlier `sites` and
/// `types` frames; fields that do not apply to a kind keep their defaults and are not sent.
public struct EventRecord: Sendable, Equatable {
    /// The event kind's raw value (`DeferredEvent.Kind`); unknown values come from a newer agent.
    public var kindRawValue: UInt8
    /// The event's flags (`DeferredEvent.Flags` raw value).
    public var flags: UInt8
    /// The chain.
    public var id: UInt64
    /// The chain's event counter (1 for `created`).
    public var sequence: UInt32
    /// Monotonic nanoseconds (see `Hello.monotonicBase`).
    public var timestamp: UInt64
    /// The call site, by id; 0 when the kind records none.
    public var siteID: UInt32 = 0
    /// The chain's or step's label.
    public var label: String? = nil
    /// The step's position; -1 when not about a step.
    public var stepIndex: Int32 = -1
    /// The step's kind (`StepKind` raw value), when about a step.
    public var stepKindRawValue: UInt8? = nil
    /// How long the step ran, in nanoseconds.
    public var duration: UInt64 = 0
    /// The result involved.
    public var outcome: WireOutcome? = nil
    /// The other chain involved; 0 when none.
    public var other: UInt64 = 0
    /// A timeout's length in seconds; 0 when none.
    public var timeoutSeconds: Double = 0
    /// The creating thread (`created`); 0 when not sent.
    public var thread: UInt64 = 0

    /// Creates a record with the fields every event has.
    public init(kindRawValue: UInt8, flags: UInt8 = 0, id: UInt64, sequence: UInt32, timestamp: UInt64) {
        self.kindRawValue = kindRawValue
        self.flags = flags
        self.id = id
        self.sequence = sequence
        self.timestamp = timestamp
    }

    /// The kind, when this version knows it.
    public var kind: DeferredEvent.Kind? { DeferredEvent.Kind(rawValue: kindRawValue) }

    /// The step kind, when this version knows it.
    public var stepKind: StepKind? { stepKindRawValue.flatMap(StepKind.init(rawValue:)) }

    /// The flags, as DeferredKit names them.
    public var eventFlags: DeferredEvent.Flags { DeferredEvent.Flags(rawValue: flags) }
}
