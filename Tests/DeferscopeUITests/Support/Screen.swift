import DeferscopeModel
import DeferscopeModelScript
import DeferscopeUI

/// Renders views into grids for tests, with a theme where every role has its own colour, so a
/// cell's style tells which role drew it.
enum Screen {
    /// Each role's foreground is `indexed(n)`, n its position in `ThemeKey.allCases`; the
    /// selected row is reversed.
    static let theme: Theme = {
        var styles: [ThemeKey: Style] = [:]
        for (index, key) in ThemeKey.allCases.enumerated() {
            styles[key] = Style(foreground: .indexed(UInt8(index + 16)))
        }
        styles[.rowSelected] = Style(foreground: .indexed(15), attributes: .reverse)
        return Theme(name: "roles", styles: styles)
    }()

    /// The context views draw from.
    static func context(_ model: DeferscopeModel, glyphs: Glyphs = .unicode) -> ViewContext {
        ViewContext(model: model, theme: theme, glyphs: glyphs, warnPendingAfter: 60 * Script.second)
    }

    /// `view` rendered into a `width` × `height` grid filling it.
    static func render(
        _ view: inout some DashboardView,
        _ model: DeferscopeModel,
        width: Int,
        height: Int,
        glyphs: Glyphs = .unicode
    ) -> CellGrid {
        var grid = CellGrid(width: width, height: height, style: theme[.text])
        view.render(into: &grid, in: grid.bounds, context: context(model, glyphs: glyphs))
        return grid
    }

    /// The lines of `grid`, trailing spaces trimmed.
    static func lines(_ grid: CellGrid) -> [String] {
        (0..<grid.height).map { grid.line($0) }
    }

    /// The role whose style the cell at (`x`, `y`) has, if any.
    static func role(_ grid: CellGrid, x: Int, y: Int) -> ThemeKey? {
        let style = grid[x, y].style
        return ThemeKey.allCases.first { theme[$0] == style }
    }

    /// The column where `text` starts on line `y`, counted in cells.
    static func column(of text: String, in grid: CellGrid, y: Int) -> Int? {
        let line = grid.line(y)
        guard let range = line.firstRange(of: text) else { return nil }
        return line[..<range.lowerBound].displayWidth
    }
}
