import DeferscopeUI

/// The widget showcase the terminal check draws: one of each widget, at any size.
struct Showcase {
    var themes = ThemeSelection()
    var glyphs = Glyphs.unicode
    var viewport = ScrollViewport(rowCount: Showcase.rows.count)
    var modal: Modal?
    var filter: LineEditor?
    var filterText = ""
    var lastKey = "none"
    var pid: Int32 = 0

    enum Modal {
        case help
        case confirmCancel(Int)
    }

    static let rows: [(id: Int, label: String, state: ThemeKey, stateName: String, age: Double, site: String)] =
        (1...40).map { index in
            let states: [(ThemeKey, String)] = [
                (.statePending, "pending"), (.stateWaiting, "waiting"), (.stateRunning, "running"),
                (.stateFailed, "failed"), (.statePaused, "paused"), (.stateSucceeded, "done"),
            ]
            let labels = ["fetch order", "load user", "db query", "price lookup", "send mail", "render 請求書"]
            let state = states[index % states.count]
            return (
                index, "\(labels[index % labels.count]) \(index)", state.0, state.1, Double(index) * 1.7,
                "Sources/Orders/OrderService.swift:\(100 + index)"
            )
        }

    static let table = Table(
        columns: [
            TableColumn("ID", minWidth: 4, alignment: .right, priority: 10),
            TableColumn("Label", minWidth: 12, maxWidth: 28, flex: 2, priority: 9),
            TableColumn("State", minWidth: 8, priority: 7),
            TableColumn("Age", minWidth: 7, alignment: .right, priority: 8),
            TableColumn("Created at", minWidth: 16, flex: 1, priority: 2, truncation: .middle),
        ],
        sort: TableSort(column: 3, ascending: false),
        zebra: true
    )

    func hints(_ keys: KeyMap) -> [KeyHint] {
        [
            keys.hint(for: .quit, label: "quit", priority: 10),
            keys.hint(for: .help, label: "help", priority: 9),
            keys.hint(for: .moveDown, label: "down", priority: 5),
            keys.hint(for: .filter, label: "filter", priority: 4),
            keys.hint(for: .cycleTheme, label: "theme", priority: 6),
            keys.hint(for: .cancelSelected, label: "cancel", priority: 3),
        ].compactMap { $0 }
    }

    mutating func render(width: Int, height: Int, depth: ColorDepth) -> CellGrid {
        let theme = themes.current.downgraded(to: depth)
        var grid = CellGrid(width: width, height: height, style: theme[.text])
        var area = grid.bounds
        let header = area.splitTop(1)
        area = header.rest
        HeaderBar.render(
            [
                HeaderSegment("", "deferscope-check[\(pid)]", priority: 10),
                HeaderSegment("pending", "1,204", shortLabel: "pend", valueStyle: .statePending, priority: 9),
                HeaderSegment("failed", "3", shortLabel: "fail", valueStyle: .stateFailed, priority: 8),
                HeaderSegment("events/s", "3.2k", shortLabel: "ev/s", priority: 5),
                HeaderSegment("dropped", "0", shortLabel: "drop", priority: 2),
                HeaderSegment("theme", themes.current.name, priority: 1),
            ],
            into: &grid,
            in: header.top,
            theme: theme
        )
        let tabs = area.splitTop(1)
        area = tabs.rest
        TabBar.render(
            ["Pending", "Chains", "Timeouts", "Errors", "Events", "Detail"],
            active: 0,
            into: &grid,
            in: tabs.top,
            theme: theme
        )
        let footer = area.splitBottom(1)
        area = footer.rest
        let status = area.splitBottom(1)
        area = status.rest
        let lower = area.splitBottom(min(9, area.height / 2))
        let tableArea = lower.rest
        let glyphs = self.glyphs
        Showcase.table.render(into: &grid, in: tableArea, viewport: &viewport, theme: theme, glyphs: glyphs) { index in
            let row = Showcase.rows[index]
            let ageStyle: ThemeKey = row.age < 10 ? .ageOK : row.age < 40 ? .ageWarn : .ageCritical
            return [
                TableCell("#\(row.id)", style: .textDim),
                TableCell(row.label),
                TableCell(row.stateName, style: row.state),
                TableCell(String(format1(row.age)) + "s", style: ageStyle),
                TableCell(row.site, style: .textDim),
            ]
        }
        renderLower(into: &grid, in: lower.bottom, theme: theme)
        let selected = viewport.selection.map { "#\(Showcase.rows[$0].id)" } ?? "-"
        let statusText =
            "size \(width)x\(height)  theme \(themes.current.name)  selected \(selected)  key \(lastKey)"
            + (filterText.isEmpty ? "" : "  filter \(filterText)")
        grid.fill(status.bottom, style: theme[.textDim])
        grid.write(statusText, x: 0, y: status.bottom.y, style: theme[.textDim], clip: status.bottom)
        if let filter {
            filter.render(prompt: "/", into: &grid, in: status.bottom, theme: theme)
        }
        FooterBar.render(hints(.standard), into: &grid, in: footer.bottom, theme: theme)
        switch modal {
        case .help:
            let lines = Array(KeyMap.standard.helpLines(theme: theme).prefix(max(0, height - 4)))
            ModalBox.render(title: "Help", lines: lines, into: &grid, within: grid.bounds, theme: theme, glyphs: glyphs)
        case .confirmCancel(let id):
            ModalBox.render(
                title: "Cancel",
                lines: [[Span("cancel #\(id)? ", theme[.modal]), Span("y/n", theme[.helpKey])]],
                into: &grid,
                within: grid.bounds,
                theme: theme,
                glyphs: glyphs
            )
        case nil:
            break
        }
        return grid
    }

    func renderLower(into grid: inout CellGrid, in area: Rect, theme: Theme) {
        guard area.height > 0 else { return }
        var y = area.y
        func line(_ draw: (inout CellGrid, Rect) -> Void) {
            guard y < area.maxY else { return }
            draw(&grid, Rect(x: area.x, y: y, width: area.width, height: 1))
            y += 1
        }
        line { grid, row in
            let x = grid.write("events/s ", x: row.x, y: row.y, style: theme[.textDim], clip: row)
            let rates: [Double] = (0..<48).map { Double(($0 * 7) % 17) + Double($0 % 5) }
            Sparkline.render(
                rates,
                into: &grid,
                in: Rect(x: x, y: row.y, width: min(48, row.maxX - x), height: 1),
                theme: theme,
                glyphs: glyphs
            )
        }
        line { grid, row in
            let x = grid.write("timeout #17 ", x: row.x, y: row.y, style: theme[.textDim], clip: row)
            ProgressBar.render(
                fraction: 0.62,
                into: &grid,
                in: Rect(x: x, y: row.y, width: min(30, row.maxX - x), height: 1),
                theme: theme,
                glyphs: glyphs
            )
            grid.write(" 3.1s left", x: x + 30, y: row.y, style: theme[.ageWarn], clip: row)
        }
        let tree: [(ancestors: [Bool], last: Bool, root: Bool, text: String, style: ThemeKey)] = [
            ([], false, true, "#1 fetch order  waiting", .stateWaiting),
            ([], false, false, "#2 load user  waiting", .stateWaiting),
            ([true], true, false, "#3 db query  blocked on: nobody fired it", .blockedOn),
            ([], true, false, "#4 price lookup  running", .stateRunning),
        ]
        for node in tree {
            line { grid, row in
                let guide = TreeGuide.prefix(
                    ancestorsHaveLaterSiblings: node.ancestors,
                    isLast: node.last,
                    isRoot: node.root,
                    glyphs: glyphs
                )
                let x = grid.write(guide, x: row.x, y: row.y, style: theme[.treeGuide], clip: row)
                grid.write(node.text, x: x, y: row.y, style: theme[node.style], clip: row)
            }
        }
        line { grid, row in
            grid.write("wide: 延迟 Deferred 🚀 ok 漢字テスト", x: row.x, y: row.y, style: theme[.text], clip: row)
            grid.write("edge漢", x: row.maxX - 5, y: row.y, style: theme[.warning], clip: row)
        }
    }
}

/// `value` with one decimal.
func format1(_ value: Double) -> String {
    let tenths = Int((value * 10).rounded())
    return "\(tenths / 10).\(tenths % 10)"
}
