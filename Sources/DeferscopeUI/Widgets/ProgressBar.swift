/// A horizontal bar filled to a fraction, to an eighth of a cell (▏▎▍▌▋▊▉█); for timeout
/// countdowns and progress.
public enum ProgressBar {
    /// The filled cells, the partly filled cell (if any) and the count of empty cells for
    /// `fraction` (clamped to 0...1) of `width` cells.
    public static func pieces(
        fraction: Double,
        width: Int,
        glyphs: Glyphs = .unicode
    ) -> (
        filled: String, partial: Character?, empty: Int
    ) {
        guard width > 0 else { return ("", nil, 0) }
        let clamped = fraction.isFinite ? min(1, max(0, fraction)) : 0
        let eighths = Int((clamped * Double(width * 8)).rounded(.down))
        let full = eighths / 8
        let rest = eighths % 8
        let partial: Character? = rest > 0 ? glyphs.barPartial[rest - 1] : nil
        return (String(repeating: glyphs.barFull, count: full), partial, width - full - (partial == nil ? 0 : 1))
    }

    /// Draws the bar in the first row of `rect`: filled cells in `filled`, empty cells in `empty`,
    /// the partial cell in `filled`'s colour over `empty`'s background.
    public static func render(
        fraction: Double,
        into grid: inout CellGrid,
        in rect: Rect,
        theme: Theme,
        glyphs: Glyphs = .unicode,
        filled: ThemeKey = .timeoutBar,
        empty: ThemeKey = .timeoutBarEmpty
    ) {
        let line = rect.row(0)
        guard !line.isEmpty else { return }
        let pieces = pieces(fraction: fraction, width: line.width, glyphs: glyphs)
        var x = grid.write(pieces.filled, x: line.x, y: line.y, style: theme[filled], clip: line)
        if let partial = pieces.partial {
            var style = theme[filled]
            style.background = theme[empty].background
            x = grid.write(String(partial), x: x, y: line.y, style: style, clip: line)
        }
        grid.write(
            String(repeating: glyphs.barEmpty, count: pieces.empty),
            x: x,
            y: line.y,
            style: theme[empty],
            clip: line
        )
    }
}
