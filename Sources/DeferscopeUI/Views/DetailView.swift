import DeferscopeModel

/// Everything about one Deferred: a header (id, label, state, age, where it was created), why it
/// is stuck (each hop down to the blocker), its steps, its armed timeout, what it waits on and
/// who waits on it, its warnings and its timeline, newest first.
///
/// One scrolling page; each list is bounded (``DetailView/Limits``) and says how much it left
/// out, and when the page is longer than the screen its last row says how much is below. When
/// the Deferred is gone from the model (released and evicted), the page says so and keeps what
/// it last knew.
public struct DetailView: DashboardView {
    /// The Deferred shown.
    public let id: UInt64
    /// The detail has no rows to filter; set, it is ignored.
    public var filter: DeferredFilter?
    /// The first line on screen.
    public private(set) var offset = 0
    /// What the page showed last, kept for when the Deferred is gone.
    private(set) var lastKnown: Snapshot?
    /// Whether the model had forgotten it at the last render.
    private var gone = false
    private var height = 0
    private var lineCount = 0

    /// What the page knew of the Deferred at its last render.
    struct Snapshot {
        var chain: TrackedDeferred
        var timeline: [TimelineEvent]
    }

    /// How long each list may be.
    enum Limits {
        static let steps = 200
        static let related = 20
        static let timeline = 200
        static let warningsScanned = 500
    }

    /// The detail of Deferred `id`.
    public init(id: UInt64) {
        self.id = id
    }

    /// Not a sorted list.
    public var isSortable: Bool { false }

    /// The Deferred shown, while the model knows it (F9 cancels it).
    public var selectedID: UInt64? { lastKnown == nil || gone ? nil : id }

    /// Enter goes on to the blocker.
    public var hints: [KeyHint] { [KeyHint(key: "Enter", label: "go to blocker", priority: 6)] }

    /// Builds the page and draws the part that fits.
    public mutating func render(into grid: inout CellGrid, in rect: Rect, context: ViewContext) {
        guard !rect.isEmpty else { return }
        let chain = context.model.deferred(id)
        if let chain {
            lastKnown = Snapshot(chain: chain, timeline: context.model.timeline(of: id))
        }
        gone = chain == nil
        let lines = page(width: rect.width, context: context)
        height = rect.height
        lineCount = lines.count
        offset = min(offset, max(0, lines.count - height))
        grid.fill(rect, style: context.theme[.text])
        let below = lines.count - offset - height
        for row in 0..<min(height, lines.count - offset) {
            let line = rect.row(row)
            if row == height - 1 && below > 0 {
                let text = "\(context.glyphs.ellipsis) \(below + 1) more lines below"
                grid.write(text, x: line.x, y: line.y, style: context.theme[.textDim], clip: line)
            } else {
                grid.write(lines[offset + row], x: line.x, y: line.y, clip: line)
            }
        }
    }

    /// Scrolls; Enter opens the Deferred this one is blocked on.
    public mutating func handle(_ action: Action, context: ViewContext) -> ViewResponse {
        let page = max(1, height - 1)
        switch action {
        case .select:
            guard let blocker = context.model.blockedOn(id), blocker.id != id else { return .handled }
            return .showDetail(blocker.id)
        case .moveUp: scroll(to: offset - 1)
        case .moveDown: scroll(to: offset + 1)
        case .pageUp: scroll(to: offset - page)
        case .pageDown: scroll(to: offset + page)
        case .halfPageUp: scroll(to: offset - max(1, height / 2))
        case .halfPageDown: scroll(to: offset + max(1, height / 2))
        case .scrollUp: scroll(to: offset - 3)
        case .scrollDown: scroll(to: offset + 3)
        case .top: scroll(to: 0)
        case .bottom: scroll(to: lineCount)
        default: return .ignored
        }
        return .handled
    }

    private mutating func scroll(to line: Int) {
        offset = max(0, min(line, lineCount - height))
    }
}
