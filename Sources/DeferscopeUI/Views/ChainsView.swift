import DeferscopeModel

/// The Chains view: the wait-for graph as an htop-style tree.
///
/// Each root is a pending chain nothing waits on; under it, what it waits on (the Deferred a step
/// returned, or the inputs of a `deferredList`, `gatherResults` or `race`), down to the leaf nobody
/// fired, which is drawn in the `blocked-on` style. A Deferred already on the path above is a
/// cycle: its row says DEADLOCK and the walk does not go round again. `o` folds a node.
///
/// A frame costs the rows above the screen, on it, and a page below, never more than
/// ``Limits/rowLimit`` rows nor ``Limits/scanLimit`` pending Deferreds read to find roots;
/// where a limit stops the walk, a last row says how much was not walked. ``lastFrameCost``
/// counts what a frame asked of the model.
public struct ChainsView: DashboardView {
    /// Roots not matching it are left out (the Deferreds under a root are not filtered).
    public var filter: DeferredFilter?
    /// How much of the graph one frame may walk.
    public var limits: Limits
    /// The Deferreds whose subtrees are folded.
    public private(set) var collapsed: Set<UInt64> = []
    /// What the last frame asked of the model.
    public private(set) var lastFrameCost = FrameCost()
    private var viewport = ScrollViewport()
    private var selected: UInt64?
    /// The rows of the last frame (above the screen, on it, a page below).
    private var rows: [Row] = []
    private var bodyTop = 0
    private var toBottom = false

    /// A tree of every pending chain, walked within `limits`.
    public init(limits: Limits = .standard) {
        self.limits = limits
    }

    /// Not a sorted list.
    public var isSortable: Bool { false }

    /// The Deferred on the selected row.
    public var selectedID: UInt64? { selected }

    /// Folding, besides the dashboard's keys.
    public var hints: [KeyHint] { [KeyHint(key: "o", label: "fold", priority: 6)] }

    /// Walks the tree as far as the screen needs and draws it.
    public mutating func render(into grid: inout CellGrid, in rect: Rect, context: ViewContext) {
        guard !rect.isEmpty else { return }
        let height = max(0, rect.height - 1)
        viewport.setHeight(height)
        var walk = TreeWalk(
            model: context.model,
            filter: filter,
            collapsed: collapsed,
            limits: limits,
            glyphs: context.glyphs
        )
        let previous = viewport.selection ?? 0
        rows = walk.rows(toBottom ? limits.rowLimit : viewport.offset + 2 * max(1, height) + 1)
        lastFrameCost = walk.cost
        viewport.setRowCount(rows.count)
        if toBottom {
            viewport.select(rows.count - 1)
            toBottom = false
        } else if let selected, let index = nearestRow(of: selected, to: previous) {
            viewport.select(index)
        } else {
            viewport.select(previous)
        }
        selected = selectedRowID
        bodyTop = rect.y + 1
        let table = Table(
            columns: Self.columns,
            emptyMessage: filter == nil ? "Nothing is pending." : "No root matches the filter."
        )
        let rows = rows
        let filter = filter
        table.render(into: &grid, in: rect, viewport: &viewport, theme: context.theme, glyphs: context.glyphs) {
            index in
            index < rows.count ? Self.cells(rows[index], context: context, filter: filter) : []
        }
        drawGuides(into: &grid, in: rect, table: table, theme: context.theme)
        drawNotice(into: &grid, in: rect, context: context)
    }

    /// Moves, folds, opens the selected Deferred's detail.
    public mutating func handle(_ action: Action, context: ViewContext) -> ViewResponse {
        switch action {
        case .select:
            return selected.map { .showDetail($0) } ?? .handled
        case .toggleCollapse:
            guard let selected else { return .handled }
            if collapsed.remove(selected) == nil { collapsed.insert(selected) }
        case .expand, .collapse:
            guard let selected else { return .handled }
            if action == .expand { collapsed.remove(selected) } else { collapsed.insert(selected) }
        case .click(_, let y):
            let index = viewport.offset + y - bodyTop
            guard y >= bodyTop, viewport.visibleRows.contains(index) else { return .ignored }
            if index == viewport.selection, let selected { return .showDetail(selected) }
            viewport.select(index)
            selected = selectedRowID
        case .nextMatch, .previousMatch:
            return selectMatch(forward: action == .nextMatch, in: context.model)
        case .bottom:
            toBottom = true
            viewport.apply(action)
            selected = selectedRowID
        default:
            guard viewport.apply(action) else { return .ignored }
            selected = selectedRowID
        }
        return .handled
    }

    // MARK: - Helpers

    /// `n`/`N`: the next (previous) node of the tree, at any depth, that matches the filter,
    /// going round at the end; the filter itself only chooses the roots.
    private mutating func selectMatch(forward: Bool, in model: DeferscopeModel) -> ViewResponse {
        guard let filter, !rows.isEmpty else { return .ignored }
        let start = viewport.selection ?? (forward ? -1 : 0)
        for step in 1...rows.count {
            let index = ((start + (forward ? step : -step)) % rows.count + rows.count) % rows.count
            guard case .node(let chain, _, _) = rows[index].kind, filter.matches(chain, in: model) else { continue }
            viewport.select(index)
            selected = selectedRowID
            return .handled
        }
        return .handled
    }

    private var selectedRowID: UInt64? {
        guard let index = viewport.selection, index < rows.count, rows[index].id != 0 else { return nil }
        if case .notWalked = rows[index].kind { return nil }
        return rows[index].id
    }

    /// The row showing `id` nearest to `index` (a Deferred two chains wait on shows twice).
    private func nearestRow(of id: UInt64, to index: Int) -> Int? {
        var best: Int?
        for (position, row) in rows.enumerated() where row.id == id {
            if best.map({ abs(position - index) < abs($0 - index) }) ?? true { best = position }
        }
        return best
    }

    /// Writes the last row's "not walked" notice across the whole row: it is not a column's.
    private func drawNotice(into grid: inout CellGrid, in rect: Rect, context: ViewContext) {
        guard let index = viewport.visibleRows.last, case .notWalked = rows[index].kind else { return }
        let line = rect.row(1 + index - viewport.offset)
        let style = context.theme[index == viewport.selection ? .rowSelected : .warning]
        let text = Self.cells(rows[index], context: context).first?.text ?? ""
        grid.fill(line, style: context.theme[index == viewport.selection ? .rowSelected : .text])
        grid.write(
            text.truncated(toWidth: line.width, ellipsis: context.glyphs.ellipsis),
            x: line.x,
            y: line.y,
            style: style,
            clip: line
        )
    }

    /// Redraws the guides in front of each name in the `tree.guide` style (the table gives a cell
    /// one style), except on the selected row.
    private func drawGuides(into grid: inout CellGrid, in rect: Rect, table: Table, theme: Theme) {
        guard let slot = table.layout(width: rect.width).first(where: { $0.column == 0 }) else { return }
        let guideStyle = theme[.treeGuide]
        for (line, index) in viewport.visibleRows.enumerated() where index != viewport.selection {
            let width = min(rows[index].guide.displayWidth, slot.width)
            guard width > 0 else { continue }
            grid.restyle(Rect(x: rect.x + slot.x, y: rect.y + 1 + line, width: width, height: 1)) { style in
                style.foreground = guideStyle.foreground
                style.attributes = guideStyle.attributes
            }
        }
    }
}
