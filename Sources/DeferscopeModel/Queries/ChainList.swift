/// The lists the views show.
public enum ChainList: Sendable, Equatable, CaseIterable {
    /// Live Deferreds not yet settled (pending, paused, waiting, running); indexed by age.
    case pending
    /// Pending Deferreds with an armed timeout; indexed by deadline.
    case timeouts
    /// Deferreds whose result is a failure (live, or released and still kept); indexed by the
    /// time they failed.
    case failures
    /// Every tracked Deferred: live, and released ones still kept.
    case all
}

/// A column a list can be sorted by.
public enum SortColumn: Sendable, Equatable, CaseIterable {
    /// The id (creation order).
    case id
    /// The label (no label sorts first).
    case label
    /// The age: creation time, reversed.
    case age
    /// The status, in ``DeferredStatusKind`` order.
    case state
    /// Steps added.
    case steps
    /// The id of the Deferred it is ultimately blocked on (not blocked sorts first).
    case blockedOn
    /// The armed timeout's deadline (none sorts last).
    case timeout
    /// The creation site, `fileID:line`.
    case site
    /// When it failed or settled (not settled sorts first).
    case settledAt
}

/// A sort: a column and a direction.
public struct SortOrder: Sendable, Equatable {
    /// The column.
    public var column: SortColumn
    /// Smallest value first (for ``SortColumn/age``: youngest first).
    public var ascending: Bool

    /// Creates a sort.
    public init(_ column: SortColumn, ascending: Bool) {
        self.column = column
        self.ascending = ascending
    }

    /// Each list's natural order, which its index serves directly: pending oldest first, timeouts
    /// soonest first, failures newest first, all by id.
    public static func natural(for list: ChainList) -> SortOrder {
        switch list {
        case .pending: return SortOrder(.age, ascending: false)
        case .timeouts: return SortOrder(.timeout, ascending: true)
        case .failures: return SortOrder(.settledAt, ascending: false)
        case .all: return SortOrder(.id, ascending: true)
        }
    }
}

/// Some rows of a sorted, filtered list.
public struct ChainWindow: Sendable, Equatable {
    /// Rows in the whole list (after the filter).
    public var total: Int
    /// The rows asked for.
    public var rows: [TrackedDeferred]
}
