@preconcurrency import CNcurses
import DeferscopeUI

extension TerminalScreen {
    /// Shows `grid`, sending only the cells that changed since the last frame (all of them after
    /// a resize). Cells outside the screen are skipped.
    public func draw(_ grid: CellGrid) {
        guard isOpen else { return }
        let screenSize = size
        if lastDrawn.map({ $0.width != grid.width || $0.height != grid.height }) ?? true {
            werase(window)
            lastDrawn = nil
        }
        for run in grid.changedRuns(since: lastDrawn) where run.y < screenSize.height {
            var x = run.x
            for cell in run.cells {
                defer { x += 1 }
                if cell.isContinuation || x >= screenSize.width { continue }
                put(cell, x: x, y: run.y)
            }
        }
        wnoutrefresh(window)
        doupdate()
        lastDrawn = grid
    }

    /// Forgets what is on screen so the next `draw` sends every cell.
    public func invalidate() {
        lastDrawn = nil
        // Also forget what ncurses believes is on screen (Ctrl-L after something else wrote there).
        if isOpen { clearok(window, true) }
    }

    func put(_ cell: Cell, x: Int, y: Int) {
        var characters = cell.character.unicodeScalars.prefix(5).map { wchar_t(bitPattern: $0.value) }
        characters.append(0)
        let style = cell.style
        let pair = pairs.pair(
            foreground: style.foreground.downgraded(to: colorDepth),
            background: style.background.downgraded(to: colorDepth)
        )
        var value = cchar_t()
        _ = ds_setcchar(&value, characters, TerminalScreen.curses(style.attributes), pair)
        // The bottom-right cell reports ERR (the cursor cannot advance) but is drawn.
        _ = mvwadd_wch(window, Int32(y), Int32(x), &value)
    }

    static func curses(_ attributes: TextAttributes) -> attr_t {
        var result = ds_a_normal()
        if attributes.contains(.bold) { result |= ds_a_bold() }
        if attributes.contains(.dim) { result |= ds_a_dim() }
        if attributes.contains(.italic) { result |= ds_a_italic() }
        if attributes.contains(.underline) { result |= ds_a_underline() }
        if attributes.contains(.reverse) { result |= ds_a_reverse() }
        return result
    }
}
