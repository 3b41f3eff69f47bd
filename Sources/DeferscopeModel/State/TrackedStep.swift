import DeferredKit
import DeferscopeWire

/// One step of a tracked Deferred's chain. 24 bytes: a chain keeps one per step.
public struct TrackedStep: Sendable, Equatable {
    /// Where a step is.
    public enum Status: Sendable, Equatable {
        /// It has run (or the result passed it by; see ``TrackedStep/skipped``).
        case ran
        /// It is the next to run on a chain that is running: it is running now, or about to.
        case running
        /// It has not run yet.
        case waiting
    }

    /// Its kind (`StepKind` raw value; unknown values come from a newer agent).
    public var kindRawValue: UInt8
    @usableFromInline var bits: UInt8
    /// Where it was added, by site id (0: unknown).
    public var siteID: UInt32
    /// The type of the chain's result after it ran, by type id (0: none or unknown).
    public var outcomeTypeID: UInt32
    /// How long it ran, in nanoseconds (0 until it ran).
    public var duration: UInt64

    static let ranBit: UInt8 = 1 << 0
    static let skippedBit: UInt8 = 1 << 1
    static let returnedDeferredBit: UInt8 = 1 << 2
    static let outcomeFailureBit: UInt8 = 1 << 3
    static let hasOutcomeBit: UInt8 = 1 << 4

    /// Creates a step not yet run.
    public init(kindRawValue: UInt8, siteID: UInt32) {
        self.kindRawValue = kindRawValue
        self.bits = 0
        self.siteID = siteID
        self.outcomeTypeID = 0
        self.duration = 0
    }

    /// Its kind, when this version knows it.
    public var kind: StepKind? { StepKind(rawValue: kindRawValue) }
    /// Whether it has run.
    public var hasRun: Bool { bits & Self.ranBit != 0 }
    /// Whether the result passed it by (a callback met a failure, or the reverse).
    public var skipped: Bool { bits & Self.skippedBit != 0 }
    /// Whether it returned a Deferred.
    public var returnedDeferred: Bool { bits & Self.returnedDeferredBit != 0 }
    /// Whether the chain's result after it was a failure (nil: it has not run, or no result).
    public var outcomeIsFailure: Bool? {
        bits & Self.hasOutcomeBit == 0 ? nil : bits & Self.outcomeFailureBit != 0
    }

    mutating func markRan(duration: UInt64, skipped: Bool, returnedDeferred: Bool, outcome: WireOutcome?) {
        self.duration = duration
        var bits = Self.ranBit
        if skipped { bits |= Self.skippedBit }
        if returnedDeferred { bits |= Self.returnedDeferredBit }
        if let outcome {
            bits |= Self.hasOutcomeBit
            if outcome.isFailure { bits |= Self.outcomeFailureBit }
            outcomeTypeID = outcome.typeID
        }
        self.bits = bits
    }

    mutating func markRanWithoutDetail() {
        bits |= Self.ranBit
    }
}
