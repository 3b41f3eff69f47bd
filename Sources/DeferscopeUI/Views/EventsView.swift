import DeferscopeModel

/// The live stream of events, `tail -f` style: the newest at the bottom, and while following the
/// screen keeps the newest in view. Moving up (or a click, or `f`) freezes it: the rows being read
/// stay where they are however fast events arrive, and a line under the table counts the newer
/// ones. `G`/End or `f` follows again.
///
/// The model's warnings are rows of their own, placed among the events by time and drawn in the
/// warning colour. With a filter, only events (and warnings) of Deferreds that pass it are shown;
/// a Deferred that has left the picture cannot be matched, so its events are hidden then.
/// Enter opens the selected row's Deferred.
public struct EventsView: DashboardView {
    /// The columns, left to right.
    public let columns: [EventColumn]
    /// Rows of Deferreds that do not pass it are left out.
    public var filter: DeferredFilter? {
        didSet { cache = nil }
    }
    /// Whether the newest row is kept selected and in view.
    public private(set) var isFollowing = true
    private var viewport = ScrollViewport()
    /// The selected row at the last render, where it was (newest-first), and the row count then:
    /// the next render finds it again to keep a frozen screen still.
    private var anchor: (row: EventRow, position: Int, total: Int)?
    /// The selected row (after a move, known again at the next render if it was off screen).
    public private(set) var selectedRow: EventRow?
    /// The rows on screen at the last render, top to bottom, and the display index of the first.
    private var shownRows: [EventRow] = []
    private var shownFirst = 0
    private var bodyTop = 0
    private var cache: (key: CacheKey, stream: EventStream)?

    /// The model state a stream was built for.
    private struct CacheKey: Equatable {
        var generation: UInt64
        var events: Int
        var warnings: Int
        var now: UInt64
    }

    /// An events view following the newest event.
    public init(columns: [EventColumn] = [.time, .process, .deferred, .kind, .details]) {
        precondition(!columns.isEmpty, "an events view needs a column")
        self.columns = columns
    }

    /// The selected row's Deferred.
    public var selectedID: UInt64? { selectedRow?.deferredID }

    /// Events are in time order only.
    public var isSortable: Bool { false }

    /// Whether the stream follows or is frozen.
    public var hints: [KeyHint] {
        // `f` is the standard key map's toggleFollow.
        [KeyHint(key: "f", label: isFollowing ? "freeze" : "follow", priority: 7)]
    }

    /// Draws the rows on screen; only those are read from the model.
    public mutating func render(into grid: inout CellGrid, in rect: Rect, context: ViewContext) {
        guard !rect.isEmpty else { return }
        var tableRect = rect
        var statusRect: Rect?
        if !isFollowing && rect.height >= 4 {
            let split = rect.splitBottom(1)
            tableRect = split.rest
            statusRect = split.bottom
        }
        let stream = stream(context.model)
        let total = stream.count
        let previousSelection = viewport.selection
        let previousOffset = viewport.offset
        viewport.setHeight(max(0, tableRect.height - 1))
        viewport.setRowCount(total)
        if isFollowing {
            viewport.select(total - 1)
        } else if let anchor, let previousSelection {
            // Display indices count from the oldest row: new rows do not move them, evicted and
            // inserted older rows do. Shift the screen by as much as the anchor row moved.
            var shift = 0
            if let position = stream.position(of: anchor.row, near: anchor.position, model: context.model) {
                shift = (total - 1 - position) - (anchor.total - 1 - anchor.position)
            }
            viewport.select(previousSelection + shift)
            viewport.scroll(by: previousOffset + shift - viewport.offset)
        }
        let visible = viewport.visibleRows
        shownRows = stream.rows(from: total - visible.upperBound, limit: visible.count, model: context.model)
            .reversed()
        bodyTop = tableRect.y + 1
        let first = visible.lowerBound
        shownFirst = first
        let rows = shownRows
        selectedRow = shownRow(at: viewport.selection)
        anchor = selectedRow.map { ($0, total - 1 - (viewport.selection ?? 0), total) }
        let columns = self.columns.filter { $0.isShown(in: context.model) }
        let table = Table(
            columns: columns.map(\.tableColumn),
            emptyMessage: filter == nil ? "No events yet." : "No event matches the filter."
        )
        table.render(into: &grid, in: tableRect, viewport: &viewport, theme: context.theme, glyphs: context.glyphs) {
            index in
            let line = index - first
            guard line >= 0, line < rows.count else { return [] }
            return columns.map { $0.cell(rows[line], context: context) }
        }
        if let statusRect {
            let newer = total - visible.upperBound
            let text = "frozen: \(ViewFormat.count(newer)) newer below; f or G follows"
            grid.fill(statusRect, style: context.theme[.warning])
            grid.write(text, x: statusRect.x, y: statusRect.y, style: context.theme[.warning], clip: statusRect)
        }
    }

    /// Moves (moving up freezes the stream), follows, opens the selected row's Deferred.
    public mutating func handle(_ action: Action, context: ViewContext) -> ViewResponse {
        switch action {
        case .select:
            return selectedRow.map { .showDetail($0.deferredID) } ?? .handled
        case .toggleFollow:
            isFollowing.toggle()
        case .bottom:
            isFollowing = true
        case .click(_, let y):
            let line = y - bodyTop
            guard line >= 0, line < shownRows.count else { return .ignored }
            if selectedRow == shownRows[line] { return .showDetail(shownRows[line].deferredID) }
            isFollowing = false
            viewport.select(shownFirst + line)
        default:
            guard viewport.apply(action) else { return .ignored }
            // Still on the newest row (`j` or the wheel at the bottom): keep following.
            if viewport.selection != viewport.rowCount - 1 { isFollowing = false }
        }
        selectedRow = shownRow(at: viewport.selection)
        return .handled
    }

    /// The row at display index `index` if it was on screen at the last render.
    private func shownRow(at index: Int?) -> EventRow? {
        guard let index, index >= shownFirst, index - shownFirst < shownRows.count else { return nil }
        return shownRows[index - shownFirst]
    }

    private mutating func stream(_ model: DeferscopeModel) -> EventStream {
        let key = CacheKey(
            generation: model.generation,
            events: model.recentEventCount,
            warnings: model.warningCount,
            now: model.now
        )
        if let cache, cache.key == key { return cache.stream }
        let stream = EventStream(model: model, filter: filter)
        cache = (key, stream)
        return stream
    }
}
