/// The line of view tabs: ` 1 Pending  2 Chains …`, the current one highlighted.
public enum TabBar {
    /// Draws `titles` (numbered from 1) in the first row of `rect`; when narrow, other tabs show
    /// only their number, then the current title is cut.
    public static func render(_ titles: [String], active: Int, into grid: inout CellGrid, in rect: Rect, theme: Theme) {
        let line = rect.row(0)
        guard !line.isEmpty else { return }
        grid.fill(line, style: theme[.tabInactive])
        var spans = spans(titles, active: active, short: false, theme: theme)
        if spans.displayWidth > line.width {
            spans = self.spans(titles, active: active, short: true, theme: theme)
        }
        grid.write(spans, x: line.x, y: line.y, clip: line)
    }

    static func spans(_ titles: [String], active: Int, short: Bool, theme: Theme) -> [Span] {
        titles.enumerated().map { index, title in
            let isActive = index == active
            let text = short && !isActive ? " \(index + 1) " : " \(index + 1) \(title) "
            return Span(text, theme[isActive ? .tabActive : .tabInactive])
        }
    }
}
