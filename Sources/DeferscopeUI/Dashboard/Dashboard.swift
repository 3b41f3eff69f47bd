import DeferscopeModel

/// The whole screen: a header, the tabs, the current view (or a Deferred's detail), a footer,
/// and the modal boxes over them (help, cancel confirmation, filter prompt).
///
/// It turns keys into view changes and into ``DashboardCommand``s for its owner, and renders
/// the model into a grid. No terminal and no socket: the owner feeds keys and the model in.
public struct Dashboard {
    /// The tab shown when no detail is open.
    public internal(set) var current: ViewKind = .pending
    /// The tabs' views.
    public var views: [ViewKind: any DashboardView]
    /// The detail view open over the tabs, if any.
    public internal(set) var detail: (any DashboardView)?
    /// Makes the detail view of one Deferred.
    let makeDetail: ((UInt64) -> any DashboardView)?
    /// The themes and the one in use.
    public var themes: ThemeSelection
    /// Unicode or ASCII.
    public var glyphs: Glyphs
    /// What the header says about the connection.
    public var status: ConnectionStatus = .connecting
    /// Keys to actions.
    public var keyMap: KeyMap
    /// Live or replay keys.
    public var keyContext: KeyContext
    /// Whether the terminal reports the mouse to the dashboard (wheel, click, double-click).
    /// False (`--no-mouse`): mouse reporting stays off, so the terminal's own text selection
    /// works, and the help leaves the mouse out.
    public var usesMouse = true
    /// Seconds between redraws while nothing is typed (`+`/`-`): ages and countdowns move at
    /// this pace, and a slow terminal link can be spared.
    public internal(set) var refreshInterval: Double = 0.1
    /// The paces `+` and `-` step through.
    public static let refreshIntervals: [Double] = [0.05, 0.1, 0.25, 0.5, 1, 2, 5]
    /// Ages past this are drawn as warnings (nil: the model's pending threshold).
    public var warnPendingAfter: UInt64?
    /// A one-line message for the footer (a filter error, a command's reply), until the next key.
    public var message: String? { didSet { messageStyle = .footerText } }
    /// How `message` is drawn: `footer.text`, or `footer.error` / `footer.paused` when set after it.
    var messageStyle: ThemeKey = .footerText
    /// The box over the view, if any.
    public internal(set) var modal: Modal?
    /// The picture frozen by Space: drawn instead of the live one, which goes on underneath.
    public internal(set) var frozen: DeferscopeModel?
    /// Details opened from details (Enter on a blocker), so Esc walks back along the path.
    var detailTrail: [any DashboardView] = []

    /// The smallest screen the dashboard draws on; below it, it says so.
    public static let minimumSize = (width: 60, height: 12)

    /// What is drawn over the view.
    public enum Modal: Equatable {
        /// The key help, scrolled down by `offset` lines.
        case help(offset: Int)
        /// "Cancel #id?" waiting for y/n.
        case confirmCancel(UInt64)
        /// The `/` prompt.
        case filter(LineEditor)
    }

    /// A dashboard with `views` (by default every standard view).
    public init(
        views: [ViewKind: any DashboardView],
        detail: ((UInt64) -> any DashboardView)?,
        themes: ThemeSelection = ThemeSelection(),
        glyphs: Glyphs = .unicode,
        keyMap: KeyMap = .standard,
        keyContext: KeyContext = .live
    ) {
        self.views = views
        self.makeDetail = detail
        self.themes = themes
        self.glyphs = glyphs
        self.keyMap = keyMap
        self.keyContext = keyContext
    }

    /// The filter text history, shared by every view's prompt.
    var filterHistory: [String] = []
    /// Each view's filter as typed.
    public internal(set) var filterTexts: [ViewKind: String] = [:]

    /// Sets the filter of every list view from `text` (the `--filter` option); throws the
    /// parse error, with its position, when the text is not a valid filter.
    public mutating func setFilter(_ text: String) throws(FilterParseError) {
        let filter = text.isEmpty ? nil : try DeferredFilter(parsing: text)
        for kind in ViewKind.allCases {
            views[kind]?.filter = filter
            filterTexts[kind] = text.isEmpty ? nil : text
        }
        filterHistory.append(text)
    }

    /// The view keys go to: the detail when open, else the current tab.
    var focused: (any DashboardView)? { detail ?? views[current] }

    /// The context views draw from.
    func context(_ model: DeferscopeModel) -> ViewContext {
        ViewContext(model: model, theme: themes.current, glyphs: glyphs, warnPendingAfter: warnPendingAfter)
    }
}
