/// Which rows of a long list are on screen, and which one is selected.
///
/// The viewport knows counts, never rows: a view asks it for `visibleRows` and builds only those,
/// so a frame costs the rows on screen, not the size of the list. The selection always stays
/// visible.
public struct ScrollViewport: Hashable, Sendable {
    /// How many rows the list has.
    public private(set) var rowCount: Int
    /// How many rows fit on screen.
    public private(set) var height: Int
    /// The selected row; nil only when the list is empty.
    public private(set) var selection: Int?
    /// The first row on screen.
    public private(set) var offset: Int

    /// A viewport over `rowCount` rows, `height` of them on screen, the first selected.
    public init(rowCount: Int = 0, height: Int = 0) {
        self.rowCount = max(0, rowCount)
        self.height = max(0, height)
        self.selection = rowCount > 0 ? 0 : nil
        self.offset = 0
    }

    /// The rows on screen, top to bottom.
    public var visibleRows: Range<Int> { offset..<min(rowCount, offset + height) }

    /// Changes the number of rows (the selection and scroll position are kept where possible).
    public mutating func setRowCount(_ count: Int) {
        rowCount = max(0, count)
        if rowCount == 0 {
            selection = nil
        } else {
            selection = min(selection ?? 0, rowCount - 1)
        }
        settle()
    }

    /// Changes how many rows fit on screen.
    public mutating func setHeight(_ rows: Int) {
        height = max(0, rows)
        settle()
    }

    /// Selects `row` (clamped to the list) and scrolls it into view.
    public mutating func select(_ row: Int) {
        guard rowCount > 0 else { return }
        selection = min(max(0, row), rowCount - 1)
        settle()
    }

    /// Moves the selection by `delta` rows (negative: up).
    public mutating func moveSelection(by delta: Int) {
        select((selection ?? 0) + delta)
    }

    /// Scrolls the view by `delta` rows without jumping the selection unless it would leave
    /// the screen (the mouse wheel).
    public mutating func scroll(by delta: Int) {
        offset = min(max(0, offset + delta), max(0, rowCount - height))
        if let selected = selection, height > 0 {
            selection = min(max(selected, offset), offset + height - 1)
        }
        settle()
    }

    /// Applies a navigation action (up, down, pages, half pages, top, bottom, wheel); false when
    /// `action` is not one.
    @discardableResult
    public mutating func apply(_ action: Action) -> Bool {
        let page = max(1, height - 1)
        switch action {
        case .moveUp: moveSelection(by: -1)
        case .moveDown: moveSelection(by: 1)
        case .pageUp: moveSelection(by: -page)
        case .pageDown: moveSelection(by: page)
        case .halfPageUp: moveSelection(by: -max(1, height / 2))
        case .halfPageDown: moveSelection(by: max(1, height / 2))
        case .top: select(0)
        case .bottom: select(rowCount - 1)
        case .scrollUp: scroll(by: -3)
        case .scrollDown: scroll(by: 3)
        default: return false
        }
        return true
    }

    /// Clamps the offset to the list and brings the selection on screen.
    mutating func settle() {
        if let selected = selection, height > 0 {
            if selected < offset { offset = selected }
            if selected >= offset + height { offset = selected - height + 1 }
        }
        offset = min(max(0, offset), max(0, rowCount - height))
    }
}
