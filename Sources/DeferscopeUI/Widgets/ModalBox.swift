/// A bordered box centered over the screen: help (`?`) and confirmations (`cancel #42? y/n`).
public enum ModalBox {
    /// Draws a box titled `title` holding `lines`, centered in `bounds`, sized to its content
    /// (at least `minWidth` wide) and cut to fit, the title in `titleStyle`; returns the rectangle inside the border and padding.
    @discardableResult
    public static func render(
        title: String,
        lines: [[Span]],
        into grid: inout CellGrid,
        within bounds: Rect,
        theme: Theme,
        glyphs: Glyphs = .unicode,
        titleStyle: ThemeKey = .title,
        minWidth: Int = 0
    ) -> Rect {
        let contentWidth = max(lines.map(\.displayWidth).max() ?? 0, title.displayWidth + 2, minWidth - 4)
        let box = bounds.centered(width: contentWidth + 4, height: lines.count + 2)
        guard box.width >= 2 && box.height >= 2 else { return Rect(x: box.x, y: box.y, width: 0, height: 0) }
        let modal = theme[.modal]
        // The box takes the keys while it is open: its border is the focused one.
        var border = theme[.borderFocus]
        border.background = modal.background
        grid.fill(box, style: modal)
        let inner = box.width - 2
        let top =
            String(glyphs.boxTopLeft) + String(repeating: glyphs.horizontal, count: inner) + String(glyphs.boxTopRight)
        let bottom =
            String(glyphs.boxBottomLeft) + String(repeating: glyphs.horizontal, count: inner)
            + String(glyphs.boxBottomRight)
        grid.write(top, x: box.x, y: box.y, style: border, clip: box)
        grid.write(bottom, x: box.x, y: box.maxY - 1, style: border, clip: box)
        for y in (box.y + 1)..<(box.maxY - 1) {
            grid.write(String(glyphs.vertical), x: box.x, y: y, style: border, clip: box)
            grid.write(String(glyphs.vertical), x: box.maxX - 1, y: y, style: border, clip: box)
        }
        if !title.isEmpty && inner > 4 {
            let shown = " " + title.truncated(toWidth: inner - 4, ellipsis: glyphs.ellipsis) + " "
            // A title without a background of its own sits on the box's, like the border.
            var style = theme[titleStyle]
            if style.background == theme[.text].background { style.background = modal.background }
            grid.write(shown, x: box.x + 2, y: box.y, style: style, clip: box)
        }
        let content = Rect(x: box.x + 2, y: box.y + 1, width: box.width - 4, height: box.height - 2)
        // Likewise text without a background of its own (a dim line, a key hint).
        let screen = theme[.text].background
        for (index, line) in lines.prefix(content.height).enumerated() {
            let onBox = line.map { span in
                var span = span
                if span.style.background == screen { span.style.background = modal.background }
                return span
            }
            grid.write(onBox, x: content.x, y: content.y + index, clip: content)
        }
        return content
    }
}
