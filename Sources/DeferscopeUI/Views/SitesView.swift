import DeferscopeModel

/// Where stuck work comes from: one row per creation site (`fileID:line`) with its pending count,
/// the age of its oldest pending Deferred, and how many it created and saw fail; under the table,
/// the selected site's lifetime and step-duration histograms with p50/p90/p99 marked (left out
/// when the screen is too small for them and the table's first rows).
///
/// Sorted by pending count, most first; `s` sorts by the next column, `r` reverses. `/` filters
/// sites by name: free text, `site:` and `/regex/` clauses match the site, and clauses about single
/// Deferreds (`label:`, `state:`, …) are ignored here. Enter opens the oldest pending Deferred
/// created at the selected site (a view cannot switch tabs); a site with nothing pending opens
/// nothing. There is no Deferred under the cursor, so F9 (cancel) does nothing here.
public struct SitesView: DashboardView {
    /// The columns, left to right.
    public let columns: [SiteColumn]
    /// The column sorted by (an index into `columns`).
    public private(set) var sortIndex: Int
    /// Whether the sort is ascending.
    public private(set) var ascending: Bool
    /// Sites whose name does not pass its site clauses are left out.
    public var filter: DeferredFilter?
    private var viewport = ScrollViewport()
    /// The selected site, by id: the selection follows its site as the order changes.
    public private(set) var selectedSite: UInt32?
    /// The site ids on screen at the last render, top to bottom, and the screen row of the first.
    private var shownSites: [UInt32] = []
    private var bodyTop = 0

    /// Sites sorted by pending count, most first.
    public init(columns: [SiteColumn] = [.pending, .oldest, .created, .failed, .site]) {
        precondition(!columns.isEmpty, "a sites view needs a column")
        self.columns = columns
        self.sortIndex = columns.firstIndex(of: .pending) ?? 0
        self.ascending = false
    }

    /// Sites have no Deferred under the cursor: Enter finds the oldest pending one instead.
    public var selectedID: UInt64? { nil }

    /// What Enter does here, and what `/` matches.
    public var hints: [KeyHint] {
        [
            KeyHint(key: "Enter", label: "oldest pending", priority: 4),
            KeyHint(key: "/", label: "matches site names", priority: 3),
        ]
    }

    /// The sites, filtered and sorted: O(sites), and sites are few.
    func rows(_ model: DeferscopeModel) -> [SiteStatistics] {
        var sites = model.sitesByPendingCount()
        if let filter {
            let names = SiteNameFilter(filter)
            sites.removeAll { !names.matches(model.siteName($0.siteID)) }
        }
        let column = columns[sortIndex]
        let ascending = ascending
        // The model's order is already pending count, most first.
        if column != .pending || ascending {
            sites.sort { ascending ? column.ascending($0, $1, model: model) : column.ascending($1, $0, model: model) }
        }
        return sites
    }

    /// Draws the table of sites and, under it when there is room, the selected site's lifetime
    /// and step-duration histograms side by side.
    public mutating func render(into grid: inout CellGrid, in rect: Rect, context: ViewContext) {
        guard !rect.isEmpty else { return }
        let sites = rows(context.model)
        let layout = Self.layout(rect, siteCount: sites.count)
        let tableRect = layout.table
        viewport.setHeight(max(0, tableRect.height - 1))
        viewport.setRowCount(sites.count)
        if let selectedSite, let index = sites.firstIndex(where: { $0.siteID == selectedSite }) {
            viewport.select(index)
        }
        selectedSite = viewport.selection.map { sites[$0].siteID }
        let visible = viewport.visibleRows
        shownSites = visible.map { sites[$0].siteID }
        bodyTop = tableRect.y + 1
        let table = Table(
            columns: columns.map(\.tableColumn),
            sort: TableSort(column: sortIndex, ascending: ascending),
            emptyMessage: filter == nil ? "No Deferred has been created yet." : "No site matches the filter."
        )
        let columns = columns
        table.render(into: &grid, in: tableRect, viewport: &viewport, theme: context.theme, glyphs: context.glyphs) {
            index in
            guard index >= 0, index < sites.count else { return [] }
            return columns.map { $0.cell(sites[index], context: context) }
        }
        if let charts = layout.charts, let site = selectedSite.flatMap({ context.model.siteStatistics($0) }) {
            renderCharts(site, in: charts, context: context, into: &grid)
        }
    }

    /// Where the table and the charts go: the charts (a rule naming the site, then up to
    /// `2 + maximumBars` rows) right under the table's rows, only when the table keeps a header
    /// and three rows and the charts get a title, their percentiles and two bars each, side by side.
    static func layout(_ rect: Rect, siteCount: Int) -> (table: Rect, charts: Rect?) {
        let chartHeight = min(2 + HistogramChart.maximumBars, rect.height - 4 - 1)
        guard siteCount > 0, chartHeight >= 4, rect.width >= 2 * chartMinimumWidth + 2 else { return (rect, nil) }
        let tableHeight = min(rect.height - chartHeight - 1, max(4, siteCount + 1))
        let (table, below) = rect.splitTop(tableHeight)
        return (table, below.splitTop(chartHeight + 1).top)
    }

    /// The narrowest a chart is drawn.
    static let chartMinimumWidth = 28

    private func renderCharts(_ site: SiteStatistics, in rect: Rect, context: ViewContext, into grid: inout CellGrid) {
        let theme = context.theme
        let (rule, charts) = rect.splitTop(1)
        let name = site.siteID == 0 ? "(unknown site)" : context.model.siteName(site.siteID)
        grid.fill(rule, style: theme[.border])
        grid.write(
            String(repeating: context.glyphs.horizontal, count: rule.width),
            x: rule.x,
            y: rule.y,
            style: theme[.border],
            clip: rule
        )
        let caption = " \(name) "
        let fits = caption.displayWidth + 2 <= rule.width
        grid.write(fits ? caption : " ", x: rule.x + 2, y: rule.y, style: theme[.title], clip: rule)
        let leftWidth = (charts.width - 2) / 2
        let left = Rect(x: charts.x, y: charts.y, width: leftWidth, height: charts.height)
        let right = Rect(x: left.maxX + 2, y: charts.y, width: charts.maxX - left.maxX - 2, height: charts.height)
        grid.fill(charts, style: theme[.text])
        HistogramChart(
            title: "LIFETIME  \(ViewFormat.count(site.lifetimes.totalCount)) released",
            histogram: site.lifetimes,
            emptyMessage: "no completed Deferreds yet"
        ).render(into: &grid, in: left, theme: theme, glyphs: context.glyphs)
        HistogramChart(
            title: "STEP DURATIONS  \(ViewFormat.count(site.stepDurations.totalCount)) steps",
            histogram: site.stepDurations,
            emptyMessage: "no step has run yet"
        ).render(into: &grid, in: right, theme: theme, glyphs: context.glyphs)
    }

    /// Moves, sorts, opens the oldest pending Deferred of the selected site.
    public mutating func handle(_ action: Action, context: ViewContext) -> ViewResponse {
        switch action {
        case .select:
            guard let site = selectedSite, let id = Self.oldestPending(at: site, in: context.model) else {
                return .handled
            }
            return .showDetail(id)
        case .sortNextColumn:
            sortIndex = (sortIndex + 1) % columns.count
            ascending = columns[sortIndex].sortsAscendingFirst
        case .sortPreviousColumn:
            sortIndex = (sortIndex + columns.count - 1) % columns.count
            ascending = columns[sortIndex].sortsAscendingFirst
        case .sortReverse:
            ascending.toggle()
        case .click(_, let y):
            let line = y - bodyTop
            guard line >= 0, line < shownSites.count else { return .ignored }
            if selectedSite == shownSites[line] { return handle(.select, context: context) }
            selectedSite = shownSites[line]
            viewport.select(viewport.offset + line)
        default:
            guard viewport.apply(action) else { return .ignored }
            // The site under the cursor is known again at the next render.
            selectedSite = nil
        }
        return .handled
    }

    /// The oldest Deferred created at `site` and still pending: the pending list is read oldest
    /// first, through a `site:` filter that narrows it to names containing this one.
    static func oldestPending(at site: UInt32, in model: DeferscopeModel) -> UInt64? {
        guard let statistics = model.siteStatistics(site), statistics.pendingCount > 0 else { return nil }
        let name = model.siteName(site)
        let filter = try? DeferredFilter(parsing: "site:\"\(name)\"")
        var offset = 0
        let chunk = 256
        while true {
            let window = model.window(of: .pending, filter: filter, offset: offset, count: chunk)
            if let found = window.rows.first(where: { $0.siteID == site }) { return found.id }
            offset += chunk
            if window.rows.count < chunk || offset >= window.total { return nil }
        }
    }
}
