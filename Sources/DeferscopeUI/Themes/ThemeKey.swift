/// A semantic style name: what a theme file sets and what views ask the theme for.
///
/// Views never name colours; they name the role of what they draw (`.stateFailed`, `.ageWarn`).
/// The raw value is the key's `section.name` in a theme file (`[state]` then `failed = …`).
public enum ThemeKey: String, CaseIterable, Hashable, Sendable {
    /// The header bar: process name, counts, connection state.
    case header = "header.bar"
    /// Secondary text in the header bar (labels, separators).
    case headerDim = "header.dim"
    /// The current view's tab.
    case tabActive = "header.tab_active"
    /// The other views' tabs.
    case tabInactive = "header.tab_inactive"
    /// A table's column titles.
    case tableHeader = "table.header"
    /// The title of the column the table is sorted by.
    case tableHeaderSorted = "table.header_sorted"
    /// The selected row.
    case rowSelected = "table.selected"
    /// Every other row when zebra stripes are on (optional).
    case rowAlt = "table.alt"
    /// Ordinary text, and the screen's background.
    case text = "ui.text"
    /// Less important text (ids, sites, hints).
    case textDim = "ui.dim"
    /// An age that is fine.
    case ageOK = "age.ok"
    /// An age that is getting long.
    case ageWarn = "age.warn"
    /// An age that is too long.
    case ageCritical = "age.critical"
    /// A Deferred with no result yet.
    case statePending = "state.pending"
    /// A chain paused on another Deferred.
    case stateWaiting = "state.waiting"
    /// A chain paused by `pause()`.
    case statePaused = "state.paused"
    /// A chain running a step right now.
    case stateRunning = "state.running"
    /// A chain whose result is a failure.
    case stateFailed = "state.failed"
    /// A chain whose result is a success.
    case stateSucceeded = "state.succeeded"
    /// A Deferred given its result (the `fired` event, the header's `fired/s`); a failure takes
    /// `state.failed` instead.
    case stateFired = "state.fired"
    /// A Deferred whose timeout ran out (it failed with a timeout error): its state, its event,
    /// the header's `timed out` count.
    case stateTimedOut = "state.timed_out"
    /// A Deferred cancelled (by the app or from the dashboard): its state and its event.
    case stateCancelled = "state.cancelled"
    /// A failure nobody handled: its state, its event, the Errors view's `HANDLED?` column, the
    /// header's `unhandled` count.
    case stateUnhandled = "state.unhandled"
    /// The Deferred a chain is ultimately blocked on (the leaf nobody fired).
    case blockedOn = "state.blocked_on"
    /// The filled part of a timeout's countdown bar.
    case timeoutBar = "timeout.bar"
    /// The empty part of a timeout's countdown bar.
    case timeoutBarEmpty = "timeout.bar_empty"
    /// Chains in a wait-for cycle.
    case deadlock = "state.deadlock"
    /// Error text in views: the connection state when the process exited or the link dropped.
    case error = "ui.error"
    /// Warnings (pending too long, released unfired, slow step).
    case warning = "ui.warning"
    /// Box borders and separators.
    case border = "ui.border"
    /// The border of the box in focus: the one that takes the keys (help, confirmations).
    case borderFocus = "ui.border_focus"
    /// Titles of panels and sections (the detail page's headings, a chart's title, a box's title).
    case title = "ui.title"
    /// A key named outside the footer and the help list (`y` in a confirmation, `↓ for more`).
    case keyHint = "ui.key_hint"
    /// Tree guides (├─ └─ │).
    case treeGuide = "ui.tree_guide"
    /// A key in the footer's hints.
    case footerKey = "footer.key"
    /// The footer's text and background.
    case footerText = "footer.text"
    /// The footer's message while the picture is paused (Space), and the header's `PAUSED`.
    case footerPaused = "footer.paused"
    /// An error message in the footer (a filter that does not parse, a theme that did not load).
    case footerError = "footer.error"
    /// Sparklines (event rates).
    case sparkline = "sparkline.bars"
    /// The prompt before an input line (`/`).
    case filterPrompt = "filter.prompt"
    /// The text typed into an input line.
    case filterText = "filter.text"
    /// A row that matches the filter where non-matching rows stay on screen (the Chains tree,
    /// where `n`/`N` move between matches).
    case filterMatch = "filter.match"
    /// The inside of a modal box (help, confirmations).
    case modal = "ui.modal"
    /// The help box's title.
    case helpTitle = "help.title"
    /// Keys in the help screen.
    case helpKey = "help.key"
    /// Descriptions in the help screen.
    case helpText = "help.text"
    /// Section headings in the help screen.
    case helpSection = "help.section"
}

extension ThemeKey {
    /// The theme file's sections, in the order the bundled files write them.
    public static let sections: [String] = [
        "ui", "header", "table", "state", "age", "timeout", "sparkline", "footer", "filter", "help",
    ]

    /// The key's section (`state` for `state.failed`).
    public var section: Substring { rawValue.prefix { $0 != "." } }

    /// The key's name inside its section (`failed` for `state.failed`).
    public var name: Substring { rawValue.drop { $0 != "." }.dropFirst() }
}
