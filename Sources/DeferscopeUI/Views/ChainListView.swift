import DeferscopeModel

/// A sortable, filterable table of Deferreds from one of the model's lists: the Pending,
/// Timeouts and Errors views. Only the rows on screen are fetched; the selection follows its
/// Deferred as rows come and go.
public struct ChainListView: DashboardView {
    /// The model list shown.
    public let list: ChainList
    /// The columns, left to right.
    public let columns: [ChainColumn]
    /// Shown when the list is empty.
    public let emptyMessage: String
    /// The column sorted by (an index into `columns`) and the direction.
    public private(set) var sortIndex: Int
    /// Whether the sort is ascending.
    public private(set) var ascending: Bool
    /// Rows not matching it are left out.
    public var filter: DeferredFilter?
    private var viewport = ScrollViewport()
    private var selected: UInt64?
    /// The ids on screen at the last render, top to bottom, and where the rows started.
    private var shownIDs: [UInt64] = []
    private var bodyTop = 0

    /// A view of `list` with `columns`, sorted by the list's natural order.
    public init(list: ChainList, columns: [ChainColumn], emptyMessage: String) {
        self.list = list
        self.columns = columns
        self.emptyMessage = emptyMessage
        let natural = SortOrder.natural(for: list)
        self.sortIndex = columns.firstIndex { $0.sortColumn == natural.column } ?? 0
        self.ascending = natural.ascending
    }

    /// One row per pending Deferred: the default view.
    public static func pending() -> ChainListView {
        ChainListView(
            list: .pending,
            columns: [.id, .process, .label, .age, .state, .steps, .blockedOn, .timeout, .site],
            emptyMessage: "Nothing is pending."
        )
    }

    /// Armed timeouts, the soonest first.
    public static func timeouts() -> ChainListView {
        ChainListView(
            list: .timeouts,
            columns: [.timeout, .id, .process, .label, .age, .state, .blockedOn, .site],
            emptyMessage: "No timeout is armed."
        )
    }

    /// Failures: held now, released unhandled, recently failed; the newest first.
    public static func errors() -> ChainListView {
        ChainListView(
            list: .failures,
            columns: [.id, .process, .label, .failure, .problem, .settled, .site],
            emptyMessage: "No failures."
        )
    }

    /// The Deferred on the selected row.
    public var selectedID: UInt64? { selected }

    private var order: SortOrder? {
        columns[sortIndex].sortColumn.map { SortOrder($0, ascending: ascending) }
    }

    /// Draws the table; fetches only the rows that fit.
    public mutating func render(into grid: inout CellGrid, in rect: Rect, context: ViewContext) {
        guard !rect.isEmpty else { return }
        let height = max(0, rect.height - 1)
        viewport.setHeight(height)
        var window = fetch(context, offset: viewport.offset, count: height)
        viewport.setRowCount(window.total)
        if let selected, let index = window.rows.firstIndex(where: { $0.id == selected }) {
            viewport.select(viewport.offset + index)
        } else if viewport.selection == nil, window.total > 0 {
            viewport.select(0)
        }
        if viewport.offset + window.rows.count > window.total || fetchedOffset != viewport.offset {
            window = fetch(context, offset: viewport.offset, count: height)
        }
        let rows = window.rows
        let start = viewport.offset
        shownIDs = rows.map(\.id)
        bodyTop = rect.y + 1
        selected = viewport.selection.flatMap { $0 - start < rows.count && $0 >= start ? rows[$0 - start].id : nil }
        let all = self.columns
        let shown = all.indices.filter { all[$0].isShown(in: context.model) }
        let table = Table(
            columns: shown.map { all[$0].tableColumn },
            sort: shown.firstIndex(of: sortIndex).map { TableSort(column: $0, ascending: ascending) },
            emptyMessage: filter == nil ? emptyMessage : "Nothing matches the filter."
        )
        let columns = shown.map { all[$0] }
        table.render(into: &grid, in: rect, viewport: &viewport, theme: context.theme, glyphs: context.glyphs) {
            index in
            let position = index - start
            guard position >= 0, position < rows.count else { return [] }
            return columns.map { $0.cell(rows[position], context: context) }
        }
    }

    private var fetchedOffset = 0
    /// The rows passing the filter, kept from frame to frame and updated from the model's changes:
    /// a filtered frame costs the Deferreds that changed, not every row.
    private var matches: FilterMatches?

    private mutating func fetch(_ context: ViewContext, offset: Int, count: Int) -> ChainWindow {
        fetchedOffset = offset
        guard let filter else {
            matches = nil
            return context.model.window(of: list, order: order, offset: offset, count: count)
        }
        var current = matches.flatMap { $0.filter == filter ? $0 : nil } ?? FilterMatches(list: list, filter: filter)
        // Out of the view while updating, so the update mutates it in place.
        matches = nil
        current.update(from: context.model)
        matches = current
        return context.model.window(of: list, order: order, matches: current, offset: offset, count: count)
    }

    /// Sorts by `column`: the list's natural column in its natural direction (back on AGE, the
    /// oldest first again), any other smallest first.
    private mutating func sort(by column: Int) {
        sortIndex = column
        let natural = SortOrder.natural(for: list)
        ascending = columns[column].sortColumn == natural.column ? natural.ascending : true
    }

    private func sorts(by column: Int, _ context: ViewContext) -> Bool {
        columns[column].sortColumn != nil && columns[column].isShown(in: context.model)
    }

    /// Moves, sorts, opens the selected row's detail.
    public mutating func handle(_ action: Action, context: ViewContext) -> ViewResponse {
        switch action {
        case .select:
            return selected.map { .showDetail($0) } ?? .handled
        case .sortNextColumn:
            var next = sortIndex
            repeat {
                next = (next + 1) % columns.count
            } while !sorts(by: next, context) && next != sortIndex
            sort(by: next)
        case .sortPreviousColumn:
            var previous = sortIndex
            repeat {
                previous = (previous + columns.count - 1) % columns.count
            } while !sorts(by: previous, context) && previous != sortIndex
            sort(by: previous)
        case .sortReverse:
            ascending.toggle()
        case .click(_, let y):
            let line = y - bodyTop
            guard line >= 0, line < shownIDs.count else { return .ignored }
            if selected == shownIDs[line] { return .showDetail(shownIDs[line]) }
            selected = shownIDs[line]
            viewport.select(viewport.offset + line)
        default:
            guard viewport.apply(action) else { return .ignored }
            // The row under the cursor is known again at the next render.
            selected = nil
        }
        return .handled
    }
}
