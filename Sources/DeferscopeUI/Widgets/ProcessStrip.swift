import DeferscopeModel

/// The line under the header of a dashboard over several processes: each process with its state
/// and its own counts (`api 4242 live pend 3 wait 1 fail 2 unh 1 │ worker 4250 exited`), the
/// attached ones first; what does not fit is counted at the end (`+3 more`).
public enum ProcessStrip {
    /// Draws the processes of `model` in the first row of `rect`.
    public static func render(_ model: DeferscopeModel, into grid: inout CellGrid, in rect: Rect, theme: Theme) {
        let line = rect.row(0)
        guard !line.isEmpty else { return }
        grid.fill(line, style: theme[.tabInactive])
        let pieces = model.processes.sorted { ($0.isAttached ? 0 : 1, $0.source) < ($1.isAttached ? 0 : 1, $1.source) }
            .map { spans(for: $0, theme: theme) }
        let separator = Span(" │ ", theme[.tabInactive])
        var kept: [Span] = []
        var width = 1
        for (index, piece) in pieces.enumerated() {
            let left = pieces.count - index - 1
            let more = left > 0 ? " +\(left) more".count : 0
            let pieceWidth = piece.displayWidth + (index > 0 ? separator.displayWidth : 0)
            guard width + pieceWidth + more <= line.width else {
                kept.append(Span(" +\(pieces.count - index) more", theme[.tabInactive]))
                break
            }
            if index > 0 { kept.append(separator) }
            kept += piece
            width += pieceWidth
        }
        grid.write(kept, x: line.x + 1, y: line.y, clip: line)
    }

    static func spans(for process: ModelProcess, theme: Theme) -> [Span] {
        var base = theme[.tabInactive]
        var name = base
        name.attributes.insert(.bold)
        var spans = [Span(process.title, name)]
        func colored(_ key: ThemeKey) -> Style {
            var style = theme[key]
            style.background = base.background
            return style
        }
        guard process.isAttached else {
            spans.append(
                Span(
                    " " + (process.endReason.map { $0.contains("exited") ? "exited" : "ended" } ?? "ended"),
                    colored(.error)
                )
            )
            return spans
        }
        let state = process.isResyncing ? "resyncing" : process.isLoaded ? "live" : "loading"
        spans.append(
            Span(
                " " + state,
                colored(process.isResyncing ? .warning : process.isLoaded ? .stateSucceeded : .statePending)
            )
        )
        base.attributes.remove(.bold)
        let counts: [(String, Int, ThemeKey?)] = [
            ("pend", process.count(.pending), nil),
            ("wait", process.count(.waiting), nil),
            ("fail", process.count(.failed), .stateFailed),
            ("unh", process.unhandledCount, .error),
        ]
        for (label, count, alarm) in counts {
            spans.append(Span(" \(label) ", colored(.headerDim)))
            spans.append(Span(ViewFormat.count(count), count > 0 && alarm != nil ? colored(alarm!) : base))
        }
        return spans
    }
}
