/// One `label value` piece of the header bar (`pending 1,204`).
public struct HeaderSegment: Hashable, Sendable {
    /// The label, drawn dimmed before the value; may be empty.
    public var label: String
    /// A shorter label used when space is short (`pend`); nil keeps `label`.
    public var shortLabel: String?
    /// The value.
    public var value: String
    /// The value's style (default: the header's).
    public var valueStyle: ThemeKey?
    /// When space is short, segments with the lowest priority are dropped first.
    public var priority: Int

    /// A segment showing `label` and `value`.
    public init(
        _ label: String,
        _ value: String,
        shortLabel: String? = nil,
        valueStyle: ThemeKey? = nil,
        priority: Int = 0
    ) {
        self.label = label
        self.shortLabel = shortLabel
        self.value = value
        self.valueStyle = valueStyle
        self.priority = priority
    }
}

/// The header bar: segments left to right, shrinking gracefully (short labels, then dropping the
/// least important segments, then cutting the end).
public enum HeaderBar {
    /// Cells between two segments.
    static let gap = 2

    /// Draws `segments` in the first row of `rect`.
    public static func render(_ segments: [HeaderSegment], into grid: inout CellGrid, in rect: Rect, theme: Theme) {
        let line = rect.row(0)
        guard !line.isEmpty else { return }
        grid.fill(line, style: theme[.header])
        let spans = layout(segments, width: line.width - 1, theme: theme)
        grid.write(spans, x: line.x + 1, y: line.y, clip: line)
    }

    /// The spans the bar shows in `width` cells.
    static func layout(_ segments: [HeaderSegment], width: Int, theme: Theme) -> [Span] {
        var kept = segments
        var short = false
        while true {
            let spans = spans(for: kept, short: short, theme: theme)
            if spans.displayWidth <= width || kept.count <= 1 { return spans }
            if !short {
                short = true
                continue
            }
            let victim = kept.enumerated().min { a, b in
                a.element.priority < b.element.priority
                    || (a.element.priority == b.element.priority && a.offset > b.offset)
            }!
            kept.remove(at: victim.offset)
        }
    }

    static func spans(for segments: [HeaderSegment], short: Bool, theme: Theme) -> [Span] {
        var spans: [Span] = []
        for (index, segment) in segments.enumerated() {
            if index > 0 { spans.append(Span(String(repeating: " ", count: gap), theme[.header])) }
            let label = short ? (segment.shortLabel ?? segment.label) : segment.label
            if !label.isEmpty { spans.append(Span(label + " ", theme[.headerDim])) }
            // A value's own colour is drawn on the bar, not on the screen's background.
            var valueStyle = theme[segment.valueStyle ?? .header]
            valueStyle.background = theme[.header].background
            spans.append(Span(segment.value, valueStyle))
        }
        return spans
    }
}
