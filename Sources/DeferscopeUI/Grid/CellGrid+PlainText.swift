extension CellGrid {
    /// Row `y` as text: each cell's character, continuation cells skipped (styles are lost).
    public func line(_ y: Int, trimmingTrailingSpaces: Bool = true) -> String {
        var text = ""
        text.reserveCapacity(width)
        for x in 0..<width where !cells[y * width + x].isContinuation {
            text.append(cells[y * width + x].character)
        }
        guard trimmingTrailingSpaces else { return text }
        while text.last == " " { text.removeLast() }
        return text
    }

    /// The grid as text, one line per row joined by newlines: for tests, and for the snapshot
    /// printed when standard output is not a terminal.
    public func plainText(trimmingTrailingSpaces: Bool = true) -> String {
        (0..<height).map { line($0, trimmingTrailingSpaces: trimmingTrailingSpaces) }.joined(separator: "\n")
    }
}
