/// A key hint in the footer: the key, what it does, and how much it matters.
public struct KeyHint: Hashable, Sendable {
    /// The key as shown (`q`, `F1`, `Enter`).
    public var key: String
    /// What it does, in a word or two.
    public var label: String
    /// When the footer is narrow, hints with the lowest priority are dropped first.
    public var priority: Int

    /// A hint for `key`.
    public init(key: String, label: String, priority: Int = 0) {
        self.key = key
        self.label = label
        self.priority = priority
    }
}

/// The footer: key hints left to right, dropping the least important when narrow.
public enum FooterBar {
    /// Draws `hints` in the first row of `rect`.
    public static func render(_ hints: [KeyHint], into grid: inout CellGrid, in rect: Rect, theme: Theme) {
        let line = rect.row(0)
        guard !line.isEmpty else { return }
        grid.fill(line, style: theme[.footerText])
        grid.write(spans(fitting: hints, width: line.width, theme: theme), x: line.x, y: line.y, clip: line)
    }

    /// The spans of the hints that fit in `width` cells, in their order.
    static func spans(fitting hints: [KeyHint], width: Int, theme: Theme) -> [Span] {
        var kept = Array(hints.enumerated())
        while true {
            let spans = kept.flatMap { _, hint in
                [Span(hint.key, theme[.footerKey]), Span(" " + hint.label + "  ", theme[.footerText])]
            }
            // The two trailing spaces of the last hint may fall off the edge.
            if spans.displayWidth - 2 <= width || kept.count <= 1 { return spans }
            let victim = kept.indices.min { a, b in
                kept[a].element.priority < kept[b].element.priority
                    || (kept[a].element.priority == kept[b].element.priority && a > b)
            }!
            kept.remove(at: victim)
        }
    }
}
