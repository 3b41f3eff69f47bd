import DeferscopeTerminal
import DeferscopeUI
import DeferscopeWire

/// "Which process?": the attachable processes in a list, ↑/↓ and Enter (or a double-click) to
/// pick one, `a` for all of them in one dashboard, q or Esc to leave.
struct ProcessPicker {
    /// What the user picked.
    enum Choice: Equatable {
        case one(AgentListing)
        /// Every process, in one dashboard.
        case all
    }

    let listings: [AgentListing]
    var themes: ThemeSelection
    /// Whether the mouse picks too (false: `--no-mouse`).
    var usesMouse = true

    /// The screen row of the first process: below the title and the table's header.
    static let firstRow = 2

    /// The listing picked, or nil when the user left.
    func pick() throws -> Choice? {
        let screen: TerminalScreen
        do {
            screen = try TerminalScreen(mouse: usesMouse)
        } catch {
            throw CommandFailure("cannot start the picker: \(error)")
        }
        defer { screen.close() }
        let theme = themes.current.downgraded(to: screen.colorDepth)
        let table = Table(columns: [
            TableColumn("PID", minWidth: 7, alignment: .right, priority: 9),
            TableColumn("NAME", minWidth: 10, flex: 1, priority: 8),
            TableColumn("UPTIME", minWidth: 7, alignment: .right, priority: 5),
            TableColumn("SOCKET", minWidth: 10, flex: 2, priority: 3, truncation: .middle),
        ])
        var viewport = ScrollViewport(rowCount: listings.count)
        viewport.select(0)
        while true {
            let (width, height) = screen.size
            var grid = CellGrid(width: width, height: height, style: theme[.text])
            let (title, rest) = grid.bounds.splitTop(1)
            let (body, footer) = rest.splitBottom(1)
            grid.fill(title, style: theme[.header])
            grid.write(
                " deferscope: \(listings.count) attachable processes. Which one? (a: all of them)",
                x: 0,
                y: 0,
                style: theme[.header],
                clip: title
            )
            table.render(into: &grid, in: body, viewport: &viewport, theme: theme) { index in
                let listing = listings[index]
                return [
                    TableCell(String(listing.pid)),
                    TableCell(listing.processName ?? "?"),
                    TableCell(listing.uptime.map { ViewFormat.duration(seconds: $0) } ?? "?"),
                    TableCell(listing.socketPath, style: .textDim),
                ]
            }
            FooterBar.render(
                [
                    KeyHint(key: "↑↓", label: "choose"), KeyHint(key: "Enter", label: "attach"),
                    KeyHint(key: "a", label: "all in one"), KeyHint(key: "q", label: "quit"),
                ],
                into: &grid,
                in: footer,
                theme: theme
            )
            screen.draw(grid)
            guard let event = screen.readEvent(timeoutMilliseconds: 1_000) else { continue }
            switch event {
            case .key(.enter): return viewport.selection.map { .one(listings[$0]) }
            case .key(.character("a")): return .all
            case .key(.escape), .key(.character("q")): return nil
            default:
                switch KeyMap.standard.action(for: event) {
                case .quit: return nil
                case .click(_, let y):
                    select(row: y, in: &viewport)
                case .open(_, let y):
                    if select(row: y, in: &viewport) { return viewport.selection.map { .one(listings[$0]) } }
                case let action?:
                    viewport.apply(action)
                case nil:
                    break
                }
            }
        }
    }

    /// Selects the process on screen row `y`; false when there is none.
    @discardableResult
    private func select(row y: Int, in viewport: inout ScrollViewport) -> Bool {
        let index = viewport.offset + y - Self.firstRow
        guard viewport.visibleRows.contains(index), y >= Self.firstRow else { return false }
        viewport.select(index)
        return true
    }
}
