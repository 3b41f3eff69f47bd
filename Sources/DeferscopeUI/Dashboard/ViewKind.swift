/// The dashboard's list views, in tab order; `1`…`6` pick them.
public enum ViewKind: Int, CaseIterable, Hashable, Sendable {
    case pending = 1
    case chains
    case timeouts
    case errors
    case sites
    case events

    /// The tab's title.
    public var title: String {
        switch self {
        case .pending: return "Pending"
        case .chains: return "Chains"
        case .timeouts: return "Timeouts"
        case .errors: return "Errors"
        case .sites: return "Sites"
        case .events: return "Events"
        }
    }

    /// The view after this one (Tab), wrapping around.
    public var next: ViewKind { ViewKind(rawValue: rawValue % Self.allCases.count + 1) ?? .pending }

    /// The view before this one (Shift-Tab), wrapping around.
    public var previous: ViewKind {
        ViewKind(rawValue: (rawValue + Self.allCases.count - 2) % Self.allCases.count + 1) ?? .pending
    }
}
