/// A rectangle of styled cells: what one frame of the dashboard looks like, before any terminal.
///
/// Text written into the grid is laid out by display width: a wide character (CJK, most emoji)
/// takes two cells, the second a continuation cell; a zero-width character (a lone combining
/// mark) joins the cell before it; control characters are dropped. Writing clips at the edge of
/// the grid (or of a clip rectangle) and never splits a wide character: where only half would
/// fit, a space is drawn instead. Overwriting half of a wide character blanks its other half.
public struct CellGrid: Hashable, Sendable {
    /// Columns.
    public let width: Int
    /// Rows.
    public let height: Int
    /// Row-major cells, `width * height` of them.
    @usableFromInline
    var cells: [Cell]

    /// A grid of blank cells in `style`.
    public init(width: Int, height: Int, style: Style = Style()) {
        self.width = max(0, width)
        self.height = max(0, height)
        self.cells = Array(repeating: .blank(style), count: self.width * self.height)
    }

    /// The whole grid as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at column `x`, row `y` (both must be inside the grid).
    public subscript(x: Int, y: Int) -> Cell {
        get {
            precondition(bounds.contains(x: x, y: y), "cell (\(x), \(y)) is outside a \(width)x\(height) grid")
            return cells[y * width + x]
        }
    }

    // MARK: - Filling

    /// Blanks every cell inside `rect` (clipped to the grid) with `style`.
    public mutating func fill(_ rect: Rect, style: Style) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            unpairEdges(y: y, from: area.x, to: area.maxX)
            for x in area.x..<area.maxX {
                cells[y * width + x] = .blank(style)
            }
        }
    }

    /// Blanks the whole grid with `style`.
    public mutating func clear(style: Style = Style()) {
        fill(bounds, style: style)
    }

    /// Restyles every cell inside `rect` (clipped to the grid) without changing its character.
    public mutating func restyle(_ rect: Rect, _ change: (inout Style) -> Void) {
        let area = rect.intersection(bounds)
        guard !area.isEmpty else { return }
        for y in area.y..<area.maxY {
            for x in area.x..<area.maxX {
                change(&cells[y * width + x].style)
            }
        }
    }

    // MARK: - Writing

    /// Writes `text` from column `x` of row `y`, clipped to `clip` (and to the grid).
    ///
    /// - Returns: the column after the text, as if nothing had been clipped.
    @discardableResult
    public mutating func write<S: StringProtocol>(_ text: S, x: Int, y: Int, style: Style, clip: Rect? = nil) -> Int {
        let area = (clip ?? bounds).intersection(bounds)
        var column = x
        for character in text {
            column = put(character, x: column, y: y, style: style, area: area)
        }
        return column
    }

    /// Writes `spans` one after the other from column `x` of row `y`, clipped like `write`.
    ///
    /// - Returns: the column after the last span.
    @discardableResult
    public mutating func write(_ spans: [Span], x: Int, y: Int, clip: Rect? = nil) -> Int {
        var column = x
        for span in spans {
            column = write(span.text, x: column, y: y, style: span.style, clip: clip)
        }
        return column
    }

    /// Writes one character at (`x`, `y`) inside `area`; returns the next column.
    mutating func put(_ character: Character, x: Int, y: Int, style: Style, area: Rect) -> Int {
        let cellCount = DisplayWidth.of(character)
        guard y >= area.y && y < area.maxY else { return x + cellCount }
        switch cellCount {
        case 0:
            attach(character, x: x, y: y, area: area)
        case 1:
            if x >= area.x && x < area.maxX {
                set(Cell(character, style: style), x: x, y: y)
            }
        default:
            let leftInside = x >= area.x && x < area.maxX
            let rightInside = x + 1 >= area.x && x + 1 < area.maxX
            if leftInside && rightInside {
                unpair(x: x, y: y)
                unpair(x: x + 1, y: y)
                cells[y * width + x] = Cell(character, style: style)
                cells[y * width + x + 1] = .continuation(style)
            } else if leftInside {
                set(.blank(style), x: x, y: y)
            } else if rightInside {
                set(.blank(style), x: x + 1, y: y)
            }
        }
        return x + cellCount
    }

    /// Joins a zero-width character to the cell before column `x`, if that makes one grapheme.
    mutating func attach(_ character: Character, x: Int, y: Int, area: Rect) {
        var target = x - 1
        if target >= area.x && target < area.maxX && cells[y * width + target].isContinuation {
            target -= 1
        }
        guard target >= area.x && target < area.maxX else { return }
        let index = y * width + target
        let joined = String(cells[index].character) + String(character)
        guard joined.count == 1, let combined = joined.first else { return }
        cells[index].character = combined
    }

    /// Stores a one-cell `cell` at (`x`, `y`), blanking the other half of any wide character it hits.
    mutating func set(_ cell: Cell, x: Int, y: Int) {
        unpair(x: x, y: y)
        cells[y * width + x] = cell
    }

    /// Blanks the half of a wide character that sits next to (`x`, `y`) when (`x`, `y`) is overwritten.
    mutating func unpair(x: Int, y: Int) {
        let index = y * width + x
        if cells[index].isContinuation {
            if x > 0 { cells[index - 1] = .blank(cells[index - 1].style) }
            cells[index] = .blank(cells[index].style)
        } else if x + 1 < width && cells[index + 1].isContinuation {
            cells[index + 1] = .blank(cells[index + 1].style)
        }
    }

    /// Keeps the cells just outside `from..<to` whole when the cells inside are replaced.
    mutating func unpairEdges(y: Int, from: Int, to: Int) {
        unpair(x: from, y: y)
        if to - 1 > from { unpair(x: to - 1, y: y) }
    }
}
