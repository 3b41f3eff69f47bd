extension LineEditor {
    /// Draws `prompt` and the text in the first row of `rect`, the cursor as a reversed cell;
    /// a text too long for the row scrolls so the cursor stays visible.
    public func render(prompt: String, into grid: inout CellGrid, in rect: Rect, theme: Theme) {
        let line = rect.row(0)
        guard !line.isEmpty else { return }
        let textStyle = theme[.filterText]
        grid.fill(line, style: textStyle)
        let start = grid.write(prompt, x: line.x, y: line.y, style: theme[.filterPrompt], clip: line)
        let room = line.maxX - start
        guard room > 0 else { return }
        // Show as much as fits with the cursor cell (one past the text at the end) inside.
        var first = 0
        var widthToCursor = characters[0..<cursor].reduce(0) { $0 + DisplayWidth.of($1) }
        let cursorWidth = cursor < characters.count ? max(1, DisplayWidth.of(characters[cursor])) : 1
        while first < cursor && widthToCursor + cursorWidth > room {
            widthToCursor -= DisplayWidth.of(characters[first])
            first += 1
        }
        var x = start
        for index in first..<characters.count {
            var style = textStyle
            if index == cursor { style = style.adding(.reverse) }
            x = grid.write(String(characters[index]), x: x, y: line.y, style: style, clip: line)
            if x >= line.maxX { break }
        }
        if cursor == characters.count && x < line.maxX {
            grid.write(" ", x: x, y: line.y, style: textStyle.adding(.reverse), clip: line)
        }
    }
}
