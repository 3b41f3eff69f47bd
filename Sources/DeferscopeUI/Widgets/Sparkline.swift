/// A sparkline (▁▂▃▄▅▆▇█): the newest value at the right.
public enum Sparkline {
    /// The sparkline of the last `width` values as text of exactly `width` cells; values ≤ 0
    /// are blank; the tallest bar is `maximum` (default: the largest value shown).
    public static func text(_ values: [Double], width: Int, maximum: Double? = nil, glyphs: Glyphs = .unicode) -> String
    {
        guard width > 0 else { return "" }
        let shown = values.suffix(width)
        let top = maximum ?? shown.max() ?? 0
        var text = String(repeating: " ", count: width - shown.count)
        for value in shown {
            guard value > 0, top > 0, value.isFinite else {
                text.append(" ")
                continue
            }
            let levels = glyphs.sparkline.count
            let level = min(levels, max(1, Int((value / top * Double(levels)).rounded(.up))))
            text.append(glyphs.sparkline[level - 1])
        }
        return text
    }

    /// Draws the sparkline in the first row of `rect`.
    public static func render(
        _ values: [Double],
        maximum: Double? = nil,
        into grid: inout CellGrid,
        in rect: Rect,
        theme: Theme,
        glyphs: Glyphs = .unicode
    ) {
        let line = rect.row(0)
        grid.write(
            text(values, width: line.width, maximum: maximum, glyphs: glyphs),
            x: line.x,
            y: line.y,
            style: theme[.sparkline],
            clip: line
        )
    }
}
