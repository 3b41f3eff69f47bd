/// A table with a header row, drawn row by row from a provider so only visible rows are built.
///
/// Columns fit the width: each gets its `minWidth`, space left over goes to flexible columns by
/// `flex` (up to `maxWidth`), and when even the minimums do not fit, the columns with the lowest
/// `priority` are dropped. Long text ends with `…`; the sorted column's title carries ▲ or ▼.
public struct Table: Hashable, Sendable {
    /// The columns, left to right.
    public var columns: [TableColumn]
    /// The column sorted by (shown in the header), if any.
    public var sort: TableSort?
    /// Whether every other row takes the theme's `row.alt` style (when the theme sets one).
    public var zebra: Bool
    /// Cells between two columns.
    public var columnGap: Int
    /// Shown dimmed in the first row when there are no rows.
    public var emptyMessage: String?

    /// A table of `columns`.
    public init(
        columns: [TableColumn],
        sort: TableSort? = nil,
        zebra: Bool = false,
        columnGap: Int = 1,
        emptyMessage: String? = nil
    ) {
        self.columns = columns
        self.sort = sort
        self.zebra = zebra
        self.columnGap = max(0, columnGap)
        self.emptyMessage = emptyMessage
    }

    /// Where each kept column goes in a table `width` cells wide, left to right.
    public func layout(width: Int) -> [TableColumnSlot] {
        guard width > 0, !columns.isEmpty else { return [] }
        var kept = Array(columns.indices)
        func needed(_ indices: [Int]) -> Int {
            indices.reduce(0) { $0 + columns[$1].minWidth } + columnGap * max(0, indices.count - 1)
        }
        while kept.count > 1 && needed(kept) > width {
            // The lowest priority goes first; among equals, the rightmost.
            let victim = kept.enumerated().min { a, b in
                columns[a.element].priority < columns[b.element].priority
                    || (columns[a.element].priority == columns[b.element].priority && a.offset > b.offset)
            }!
            kept.remove(at: victim.offset)
        }
        var widths = kept.map { columns[$0].minWidth }
        var extra = width - needed(kept)
        while extra > 0 {
            let growing = kept.indices.filter { position in
                let column = columns[kept[position]]
                return column.flex > 0 && (column.maxWidth.map { widths[position] < $0 } ?? true)
            }
            guard !growing.isEmpty else { break }
            let totalFlex = growing.reduce(0) { $0 + columns[kept[$1]].flex }
            var given = 0
            for position in growing {
                let column = columns[kept[position]]
                let room = column.maxWidth.map { $0 - widths[position] } ?? Int.max
                let share = min(room, extra * column.flex / totalFlex)
                widths[position] += share
                given += share
            }
            if given == 0 {
                // Shares rounded down to nothing: hand out the rest one cell at a time.
                for position in growing where given < extra {
                    widths[position] += 1
                    given += 1
                }
            }
            extra -= given
        }
        var slots: [TableColumnSlot] = []
        var x = 0
        for (position, index) in kept.enumerated() {
            slots.append(TableColumnSlot(column: index, x: x, width: min(widths[position], max(0, width - x))))
            x += widths[position] + columnGap
        }
        return slots
    }

    /// Draws the header in the first row of `rect` and the rows of `viewport` below it, asking
    /// `row` only for rows on screen. Sets the viewport's height to the rows that fit.
    public func render(
        into grid: inout CellGrid,
        in rect: Rect,
        viewport: inout ScrollViewport,
        theme: Theme,
        glyphs: Glyphs = .unicode,
        row: (Int) -> [TableCell]
    ) {
        guard !rect.isEmpty else { return }
        let slots = layout(width: rect.width)
        renderHeader(into: &grid, in: rect.row(0), slots: slots, theme: theme, glyphs: glyphs)
        let body = rect.splitTop(1).rest
        viewport.setHeight(body.height)
        grid.fill(body, style: theme[.text])
        if viewport.rowCount == 0, let emptyMessage {
            grid.write(
                emptyMessage.truncated(toWidth: body.width),
                x: body.x,
                y: body.y,
                style: theme[.textDim],
                clip: body
            )
            return
        }
        for (line, index) in viewport.visibleRows.enumerated() {
            let rowStyle: Style
            if index == viewport.selection {
                rowStyle = theme[.rowSelected]
            } else if zebra && index % 2 == 1 && theme.defines(.rowAlt) {
                rowStyle = theme[.rowAlt]
            } else {
                rowStyle = theme[.text]
            }
            let cells = row(index)
            let rowRect = body.row(line)
            grid.fill(rowRect, style: rowStyle)
            for slot in slots where slot.column < cells.count {
                let cell = cells[slot.column]
                var style = rowStyle
                if index != viewport.selection, let key = cell.style {
                    style = theme[key]
                    if rowStyle.background != theme[.text].background { style.background = rowStyle.background }
                }
                let column = columns[slot.column]
                let text = cell.text.truncated(
                    toWidth: slot.width,
                    ellipsis: glyphs.ellipsis,
                    position: column.truncation
                )
                // Padding takes the row's style so underlines and backgrounds end with the text.
                let gap = slot.width - text.displayWidth
                let x =
                    rowRect.x + slot.x + (column.alignment == .right ? gap : column.alignment == .center ? gap / 2 : 0)
                grid.write(text, x: x, y: rowRect.y, style: style, clip: rowRect)
            }
        }
    }

    func renderHeader(into grid: inout CellGrid, in rect: Rect, slots: [TableColumnSlot], theme: Theme, glyphs: Glyphs)
    {
        grid.fill(rect, style: theme[.tableHeader])
        for slot in slots {
            let column = columns[slot.column]
            var title = column.title
            var style = theme[.tableHeader]
            if let sort, sort.column == slot.column {
                let arrow = sort.ascending ? glyphs.sortAscending : glyphs.sortDescending
                title = column.title.truncated(toWidth: slot.width - 1, ellipsis: glyphs.ellipsis) + String(arrow)
                style = theme[.tableHeaderSorted]
            }
            let aligned = title.padded(toWidth: slot.width, alignment: column.alignment, ellipsis: glyphs.ellipsis)
            grid.write(aligned, x: rect.x + slot.x, y: rect.y, style: style, clip: rect)
        }
    }
}
