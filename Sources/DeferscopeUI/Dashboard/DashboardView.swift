import DeferscopeModel

/// One screen of the dashboard (a tab, or the detail of one Deferred). It draws only what fits
/// in its rectangle and asks the model only for the rows on screen.
public protocol DashboardView {
    /// Draws the view into `rect`.
    mutating func render(into grid: inout CellGrid, in rect: Rect, context: ViewContext)

    /// Handles an action the dashboard did not take itself (moves, sorting, Enter...).
    mutating func handle(_ action: Action, context: ViewContext) -> ViewResponse

    /// The Deferred under the cursor, if any: Enter shows it, F9 cancels it.
    var selectedID: UInt64? { get }

    /// Footer hints for this view, besides the dashboard's own.
    var hints: [KeyHint] { get }

    /// The view's filter (`/`); views without rows to filter ignore it.
    var filter: DeferredFilter? { get set }

    /// Whether `s` sorts it (the footer offers sorting only then).
    var isSortable: Bool { get }
}

/// What a view did with an action.
public enum ViewResponse: Equatable, Sendable {
    /// Not for this view.
    case ignored
    /// Done; redraw.
    case handled
    /// Show the detail of this Deferred.
    case showDetail(UInt64)
}

extension DashboardView {
    /// No hints of its own.
    public var hints: [KeyHint] { [] }

    /// Sortable unless it says otherwise.
    public var isSortable: Bool { true }
}
