import DeferscopeUI
import Testing

@Suite("Table and viewport")
struct TableTests {
    static let theme = Theme(
        name: "test",
        styles: [
            .tableHeader: Style(attributes: .underline),
            .tableHeaderSorted: Style(attributes: [.underline, .bold]),
            .rowSelected: Style(attributes: .reverse),
            .rowAlt: Style(attributes: .dim),
            .stateFailed: Style(foreground: .red),
        ]
    )

    static let columns = [
        TableColumn("ID", minWidth: 4, alignment: .right, priority: 10),
        TableColumn("Label", minWidth: 6, flex: 1, priority: 9),
        TableColumn("Age", minWidth: 5, alignment: .right, priority: 8),
        TableColumn("Site", minWidth: 8, maxWidth: 12, flex: 1, priority: 1, truncation: .middle),
    ]

    static func row(_ index: Int) -> [TableCell] {
        [
            TableCell("#\(index)"),
            TableCell(index == 2 ? "fetch configuration" : "job \(index)", style: index == 3 ? .stateFailed : nil),
            TableCell("\(index).5s"),
            TableCell("Sources/App/Jobs.swift:\(index)"),
        ]
    }

    @Test("columns get their minimum, flexible ones share the rest up to their maximum")
    func layoutWide() {
        let table = Table(columns: Self.columns)
        let slots = table.layout(width: 40)
        #expect(slots.map(\.column) == [0, 1, 2, 3])
        #expect(slots.map(\.width) == [4, 16, 5, 12])
        #expect(slots.map(\.x) == [0, 5, 22, 28])
    }

    @Test("when narrow, the lowest-priority columns are dropped")
    func layoutNarrow() {
        let table = Table(columns: Self.columns)
        #expect(table.layout(width: 20).map(\.column) == [0, 1, 2])
        #expect(table.layout(width: 12).map(\.column) == [0, 1])
        #expect(table.layout(width: 3).map { [$0.column, $0.width] } == [[0, 3]])
    }

    @Test("a table renders header, rows, sort arrow, truncation and selection exactly")
    func render() {
        var table = Table(columns: Self.columns, sort: TableSort(column: 2, ascending: false))
        var grid = CellGrid(width: 40, height: 5)
        var viewport = ScrollViewport(rowCount: 10)
        viewport.select(2)
        table.zebra = false
        table.render(into: &grid, in: grid.bounds, viewport: &viewport, theme: Self.theme) { Self.row($0) }
        #expect(
            grid.plainText() == """
                  ID Label             Age▼ Site
                  #0 job 0             0.5s Source…ift:0
                  #1 job 1             1.5s Source…ift:1
                  #2 fetch configura…  2.5s Source…ift:2
                  #3 job 3             3.5s Source…ift:3
                """
        )
        #expect(viewport.height == 4)
        #expect(grid[22, 0].style == Self.theme[.tableHeaderSorted])
        #expect(grid[0, 0].style == Self.theme[.tableHeader])
        #expect(grid[39, 3].style == Self.theme[.rowSelected])
        #expect(grid[6, 4].style == Self.theme[.stateFailed])
        #expect(grid[15, 4].style == Self.theme[.text], "padding takes the row's style, not the cell's")
    }

    @Test("only visible rows are asked for, and the selection scrolls into view")
    func visibleRowsOnly() {
        let table = Table(columns: Self.columns)
        var grid = CellGrid(width: 40, height: 4)
        var viewport = ScrollViewport(rowCount: 1_000_000)
        viewport.setHeight(3)
        viewport.select(500_000)
        var asked: [Int] = []
        table.render(into: &grid, in: grid.bounds, viewport: &viewport, theme: Self.theme) { index in
            asked.append(index)
            return Self.row(index)
        }
        #expect(asked == [499_998, 499_999, 500_000])
        #expect(grid.line(3).hasPrefix("#50… job 500000"))
    }

    @Test("zebra rows take row.alt when the theme sets it")
    func zebra() {
        let table = Table(columns: Self.columns, zebra: true)
        var grid = CellGrid(width: 40, height: 4)
        var viewport = ScrollViewport(rowCount: 3)
        table.render(into: &grid, in: grid.bounds, viewport: &viewport, theme: Self.theme) { Self.row($0) }
        #expect(grid[39, 1].style == Self.theme[.rowSelected])
        #expect(grid[39, 2].style == Self.theme[.rowAlt])
        #expect(grid[39, 3].style == Self.theme[.text])
    }

    @Test("an empty table shows its message")
    func empty() {
        let table = Table(columns: Self.columns, emptyMessage: "nothing pending")
        var grid = CellGrid(width: 30, height: 3)
        var viewport = ScrollViewport(rowCount: 0)
        table.render(into: &grid, in: grid.bounds, viewport: &viewport, theme: Self.theme) { _ in
            Issue.record("no row should be asked for")
            return []
        }
        #expect(grid.line(1) == "nothing pending")
        #expect(viewport.selection == nil)
    }

    @Test("navigation actions move the selection and keep it on screen")
    func viewportNavigation() {
        var viewport = ScrollViewport(rowCount: 100, height: 10)
        viewport.apply(.pageDown)
        #expect(viewport.selection == 9)
        #expect(viewport.offset == 0)
        viewport.apply(.moveDown)
        #expect(viewport.selection == 10)
        #expect(viewport.offset == 1)
        viewport.apply(.bottom)
        #expect(viewport.selection == 99)
        #expect(viewport.visibleRows == 90..<100)
        viewport.apply(.halfPageUp)
        #expect(viewport.selection == 94)
        viewport.apply(.top)
        #expect(viewport.selection == 0)
        #expect(viewport.offset == 0)
        viewport.apply(.scrollDown)
        #expect(viewport.offset == 3)
        #expect(viewport.selection == 3)
        viewport.setRowCount(2)
        #expect(viewport.selection == 1)
        #expect(viewport.visibleRows == 0..<2)
    }
}
