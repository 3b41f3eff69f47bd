/// A run of neighbouring cells on one row that changed between two frames.
public struct CellRun: Hashable, Sendable {
    /// The column of the first cell.
    public var x: Int
    /// The row.
    public var y: Int
    /// The cells from `x` on, as they are now; a wide character's two cells are never split.
    public var cells: [Cell]

    /// A run of `cells` starting at (`x`, `y`).
    public init(x: Int, y: Int, cells: [Cell]) {
        self.x = x
        self.y = y
        self.cells = cells
    }
}

extension CellGrid {
    /// The runs of cells that differ from `previous`: what a terminal must redraw to show this
    /// grid where `previous` was shown. Every cell is a change when there is no previous frame
    /// or its size differs.
    public func changedRuns(since previous: CellGrid?) -> [CellRun] {
        var runs: [CellRun] = []
        guard let previous, previous.width == width, previous.height == height else {
            for y in 0..<height where width > 0 {
                runs.append(CellRun(x: 0, y: y, cells: Array(cells[(y * width)..<((y + 1) * width)])))
            }
            return runs
        }
        for y in 0..<height {
            let rowStart = y * width
            var x = 0
            while x < width {
                guard cells[rowStart + x] != previous.cells[rowStart + x] else {
                    x += 1
                    continue
                }
                // A changed continuation cell redraws its wide character from the left half.
                var start = x
                if cells[rowStart + x].isContinuation && x > 0 { start -= 1 }
                var end = x + 1
                while end < width
                    && (cells[rowStart + end] != previous.cells[rowStart + end] || cells[rowStart + end].isContinuation)
                {
                    end += 1
                }
                if let last = runs.last, last.y == y, last.x + last.cells.count == start {
                    runs[runs.count - 1].cells.append(contentsOf: cells[(rowStart + start)..<(rowStart + end)])
                } else {
                    runs.append(CellRun(x: start, y: y, cells: Array(cells[(rowStart + start)..<(rowStart + end)])))
                }
                x = end
            }
        }
        return runs
    }
}
