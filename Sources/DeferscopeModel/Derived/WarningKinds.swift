/// The kinds of warning, as a set (a Deferred's current warnings).
public struct WarningKinds: OptionSet, Sendable, Hashable {
    /// The raw bits.
    public let rawValue: UInt16
    /// Creates a set from raw bits.
    public init(rawValue: UInt16) { self.rawValue = rawValue }

    /// Pending longer than the threshold with no timeout armed.
    public static let pendingWithoutTimeout = WarningKinds(rawValue: 1 << 0)
    /// Released without ever having been given a result.
    public static let abandoned = WarningKinds(rawValue: 1 << 1)
    /// Its result is a failure and no step is left that could handle it.
    public static let unhandledFailure = WarningKinds(rawValue: 1 << 2)
    /// Released with a failure nobody handled (the runtime reported it).
    public static let releasedUnhandled = WarningKinds(rawValue: 1 << 3)
    /// One of its steps ran longer than the threshold.
    public static let slowStep = WarningKinds(rawValue: 1 << 4)
    /// Something tried to give it a second result (`AlreadyCalledError`).
    public static let alreadyCalled = WarningKinds(rawValue: 1 << 5)
    /// Its timeout expired.
    public static let timedOut = WarningKinds(rawValue: 1 << 6)
    /// It is part of a cycle in the wait-for graph.
    public static let deadlock = WarningKinds(rawValue: 1 << 7)
}

/// One kind of warning.
public enum WarningKind: UInt8, Sendable, CaseIterable, CustomStringConvertible {
    /// See ``WarningKinds/pendingWithoutTimeout``.
    case pendingWithoutTimeout
    /// See ``WarningKinds/abandoned``.
    case abandoned
    /// See ``WarningKinds/unhandledFailure``.
    case unhandledFailure
    /// See ``WarningKinds/releasedUnhandled``.
    case releasedUnhandled
    /// See ``WarningKinds/slowStep``.
    case slowStep
    /// See ``WarningKinds/alreadyCalled``.
    case alreadyCalled
    /// See ``WarningKinds/timedOut``.
    case timedOut
    /// See ``WarningKinds/deadlock``.
    case deadlock

    /// The kind as a one-element set.
    public var asSet: WarningKinds { WarningKinds(rawValue: 1 << rawValue) }

    /// A short name: `pending-no-timeout`, `abandoned`, …
    public var description: String {
        switch self {
        case .pendingWithoutTimeout: return "pending-no-timeout"
        case .abandoned: return "abandoned"
        case .unhandledFailure: return "unhandled-failure"
        case .releasedUnhandled: return "released-unhandled"
        case .slowStep: return "slow-step"
        case .alreadyCalled: return "already-called"
        case .timedOut: return "timed-out"
        case .deadlock: return "deadlock"
        }
    }
}
