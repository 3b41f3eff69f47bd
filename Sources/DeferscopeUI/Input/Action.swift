/// What the user asks the dashboard to do; keys map to actions through a `KeyMap`.
public enum Action: Hashable, Sendable {
    // MARK: Dashboard
    /// Leave the dashboard.
    case quit
    /// Show the help screen.
    case help
    /// Switch to the next view.
    case nextView
    /// Switch to the previous view.
    case previousView
    /// Switch to view `n` (1–6).
    case showView(Int)
    /// Switch to the tree of waiting chains.
    case treeView
    /// Freeze (or unfreeze) the live picture.
    case pause
    /// Use the next theme.
    case cycleTheme
    /// Keep (or stop keeping) the newest row selected.
    case toggleFollow
    /// Repaint the whole screen (after something else wrote on the terminal).
    case redraw

    // MARK: Navigation
    /// Select the row above.
    case moveUp
    /// Select the row below.
    case moveDown
    /// Up one screen.
    case pageUp
    /// Down one screen.
    case pageDown
    /// Up half a screen.
    case halfPageUp
    /// Down half a screen.
    case halfPageDown
    /// Select the first row.
    case top
    /// Select the last row.
    case bottom
    /// Scroll up (mouse wheel).
    case scrollUp
    /// Scroll down (mouse wheel).
    case scrollDown
    /// Select the row at a screen position (mouse click).
    case click(x: Int, y: Int)
    /// Select the row at a screen position and open its details (mouse double-click).
    case open(x: Int, y: Int)
    /// Open the selected row (details).
    case select
    /// Go back (close details, a prompt, a box).
    case back

    // MARK: Table
    /// Sort by the next column.
    case sortNextColumn
    /// Sort by the previous column.
    case sortPreviousColumn
    /// Reverse the sort order.
    case sortReverse
    /// Type a filter.
    case filter
    /// Remove the filter.
    case clearFilter
    /// Cancel the selected Deferred (after confirmation).
    case cancelSelected
    /// Collapse or expand the selected tree node.
    case toggleCollapse
    /// Expand the selected tree node.
    case expand
    /// Collapse the selected tree node.
    case collapse
    /// Select the next row matching the filter (in the Chains tree, any node; in a filtered list,
    /// the next row).
    case nextMatch
    /// Select the previous row matching the filter.
    case previousMatch
    /// Redraw more often.
    case refreshFaster
    /// Redraw less often.
    case refreshSlower

    // MARK: Replay
    /// Play or pause a replay.
    case replayPlayPause
    /// Play faster.
    case replayFaster
    /// Play slower.
    case replaySlower
    /// One event back.
    case replayStepBack
    /// One event forward.
    case replayStepForward
    /// Jump back a while.
    case replaySeekBack
    /// Jump forward a while.
    case replaySeekForward
    /// Jump to the start.
    case replayStart
    /// Jump to the end.
    case replayEnd
}

extension Action {
    /// What the action does, as the help screen says it.
    public var summary: String {
        switch self {
        case .quit: return "Quit"
        case .help: return "This help"
        case .nextView: return "Next view"
        case .previousView: return "Previous view"
        case .showView(let number): return "View \(number)"
        case .treeView: return "Tree of waiting chains"
        case .pause: return "Pause / resume the live picture"
        case .cycleTheme: return "Next theme"
        case .toggleFollow: return "Follow the newest row"
        case .redraw: return "Redraw the screen"
        case .moveUp: return "Up"
        case .moveDown: return "Down"
        case .pageUp: return "Page up"
        case .pageDown: return "Page down"
        case .halfPageUp: return "Half a page up"
        case .halfPageDown: return "Half a page down"
        case .top: return "First row"
        case .bottom: return "Last row"
        case .scrollUp: return "Scroll up"
        case .scrollDown: return "Scroll down"
        case .click: return "Select the row clicked"
        case .open: return "Details of the row double-clicked"
        case .select: return "Details of the selected row"
        case .back: return "Back"
        case .sortNextColumn: return "Sort by the next column"
        case .sortPreviousColumn: return "Sort by the previous column"
        case .sortReverse: return "Reverse the sort"
        case .filter: return "Filter"
        case .clearFilter: return "Clear the filter"
        case .cancelSelected: return "Cancel the selected Deferred"
        case .toggleCollapse: return "Fold / unfold a tree node (→ ← too)"
        case .expand: return "Expand (Chains tree)"
        case .collapse: return "Collapse (Chains tree)"
        case .nextMatch: return "Next row matching the filter"
        case .previousMatch: return "Previous row matching the filter"
        case .refreshFaster: return "Refresh more often"
        case .refreshSlower: return "Refresh less often"
        case .replayPlayPause: return "Play / pause"
        case .replayFaster: return "Faster"
        case .replaySlower: return "Slower"
        case .replayStepBack: return "Step back one event"
        case .replayStepForward: return "Step forward one event"
        case .replaySeekBack: return "Seek back"
        case .replaySeekForward: return "Seek forward"
        case .replayStart: return "Jump to the start"
        case .replayEnd: return "Jump to the end"
        }
    }

    /// The help screen's section for the action.
    public var section: String {
        switch self {
        case .quit, .help, .nextView, .previousView, .showView, .treeView, .pause, .cycleTheme, .toggleFollow,
            .redraw, .refreshFaster, .refreshSlower:
            return "Dashboard"
        case .moveUp, .moveDown, .pageUp, .pageDown, .halfPageUp, .halfPageDown, .top, .bottom, .scrollUp,
            .scrollDown, .click, .open, .select, .back:
            return "Move"
        case .sortNextColumn, .sortPreviousColumn, .sortReverse, .filter, .clearFilter, .cancelSelected,
            .toggleCollapse, .expand, .collapse, .nextMatch, .previousMatch:
            return "Table"
        case .replayPlayPause, .replayFaster, .replaySlower, .replayStepBack, .replayStepForward, .replaySeekBack,
            .replaySeekForward, .replayStart, .replayEnd:
            return "Replay"
        }
    }
}
